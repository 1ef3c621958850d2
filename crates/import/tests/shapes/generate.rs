//! Documents in the shapes public SLAs take, from a seed: front matter, text before the first
//! heading, headings of every level (numbered, overlong), paragraphs with run-in and bold lead
//! headings of any length, numbered and bulleted lists nested to any depth with items that go
//! on after their nested list, tables, block quotes, raw HTML, code, template tags, numbered
//! paragraphs, odd white space and control characters.

use fastrand::Rng;

const VOCABULARY: &[&str] = &[
    "Provider",
    "Customer",
    "shall",
    "use",
    "commercially",
    "reasonable",
    "efforts",
    "Service",
    "Availability",
    "99.9",
    "%",
    "month",
    "Downtime",
    "credit",
    "10",
    "fees",
    "within",
    "30",
    "days",
    "“Uptime”",
    "means",
    "Schedule",
    "B",
    "P1",
    "4",
    "hours",
    "résumé",
    "naïve",
    "€5,000",
    "(a)",
    "e.g.",
    "—",
    "and/or",
    "http://x.test/a",
    "Priority",
    "response",
    "time",
    "Business",
    "Day",
    "notice",
    "ZENDESK",
    "3.2",
    "1.",
    "A.",
    "5",
    "x_y",
    "#",
    "*",
    "-",
    "+",
    "|",
    ">",
    "[",
    "]",
    "\\",
    "`",
    "~",
    "<",
    "&",
    "{",
    "}",
    "{{",
    "}}",
    "%>",
    "<%",
];

pub fn markdown(seed: u64) -> String {
    let mut rng = Rng::with_seed(seed);
    let mut out = String::new();
    if rng.u8(..4) == 0 {
        out.push_str(&format!(
            "---\ntitle: {}\nweight: {}\n---\n\n",
            words(&mut rng, 1, 5),
            rng.u8(..100)
        ));
    }
    if rng.bool() {
        out.push_str(&paragraph(&mut rng));
        out.push_str("\n\n");
    }
    if rng.bool() {
        out.push_str(&format!("# {}\n\n", heading_text(&mut rng)));
    }
    for _ in 0..rng.usize(0..6) {
        let level = rng.usize(1..=6);
        out.push_str(&format!("{} {}\n\n", "#".repeat(level), heading_text(&mut rng)));
        for _ in 0..rng.usize(0..5) {
            out.push_str(&block(&mut rng, 0));
            out.push_str("\n\n");
        }
    }
    out
}

pub fn text(seed: u64) -> String {
    let mut rng = Rng::with_seed(seed.wrapping_add(1 << 40));
    let mut out = String::new();
    for _ in 0..rng.usize(1..12) {
        let line = match rng.u8(..6) {
            0 => format!("{}. {}", rng.u8(1..20), words(&mut rng, 1, 4)),
            1 => format!("{}.{} {}", rng.u8(1..9), rng.u8(1..9), words(&mut rng, 1, 30)),
            2 => words(&mut rng, 1, 3),
            3 => format!("{}\n{}", words(&mut rng, 3, 20), words(&mut rng, 1, 20)),
            4 => format!("  \t{}\u{a0} {} ", words(&mut rng, 1, 8), words(&mut rng, 0, 8)),
            _ => words(&mut rng, 5, 60),
        };
        out.push_str(&line);
        out.push_str(if rng.bool() { "\n\n" } else { "\r\n \r\n" });
    }
    out
}

fn block(rng: &mut Rng, depth: usize) -> String {
    match rng.u8(..11) {
        0 | 1 => paragraph(rng),
        2 | 3 => list(rng, depth, 1),
        4 => table(rng),
        5 => format!("> {}\n>\n> {}", paragraph(rng), paragraph(rng)),
        6 => format!(
            "<div class=\"note\">\n{} <b>{}</b> &amp; {}\n</div>",
            words(rng, 1, 8),
            words(rng, 1, 3),
            words(rng, 1, 5)
        ),
        7 => format!("```\n{}\n{}\n```", words(rng, 1, 6), words(rng, 1, 6)),
        8 => format!("{}.{} {}", rng.u8(1..9), rng.u8(1..20), paragraph(rng)),
        9 => format!(
            "{} <%= partial 'x' %> {} {{{{ site.baseurl }}}} {}",
            words(rng, 1, 5),
            words(rng, 1, 5),
            words(rng, 0, 3)
        ),
        _ => format!(
            "{}\u{1}{}\u{2028}{}\t{}",
            words(rng, 1, 4),
            words(rng, 1, 4),
            words(rng, 1, 4),
            words(rng, 0, 4)
        ),
    }
}

/// A list at `depth` (0 = top), its items possibly nested and going on after the nesting.
fn list(rng: &mut Rng, depth: usize, first: u8) -> String {
    let indent = "   ".repeat(depth);
    let numbered = rng.bool();
    let mut out = String::new();
    for n in 0..rng.u8(1..5) {
        let marker = if numbered {
            format!("{}.", first + n)
        } else {
            "-".to_owned()
        };
        out.push_str(&format!(
            "{indent}{marker} {}\n",
            paragraph(rng).replace('\n', " ")
        ));
        if depth < 3 && rng.u8(..3) == 0 {
            out.push_str(&list(rng, depth + 1, 1));
            if rng.bool() {
                out.push_str(&format!("\n{indent}   {}\n", words(rng, 1, 12)));
            }
        }
    }
    out
}

fn table(rng: &mut Rng) -> String {
    let columns = rng.usize(1..5);
    let row = |rng: &mut Rng| {
        let cells: Vec<String> = (0..columns).map(|_| words(rng, 0, 6).replace('|', "/")).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = row(rng);
    out.push_str(&format!("\n|{}\n", "---|".repeat(columns)));
    for _ in 0..rng.usize(0..4) {
        out.push_str(&row(rng));
        out.push('\n');
    }
    out
}

/// A paragraph, sometimes opening with a run-in or bold lead heading of any length, with
/// emphasis, links, images, inline HTML and code inside.
fn paragraph(rng: &mut Rng) -> String {
    let mut out = String::new();
    match rng.u8(..5) {
        0 => out.push_str(&format!("**{}.** ", words(rng, 1, 30))),
        1 => out.push_str(&format!("<span class=\"header_3\">{}</span> ", words(rng, 1, 20))),
        2 => out.push_str(&format!("**{}** ", words(rng, 1, 4))),
        _ => {}
    }
    for _ in 0..rng.usize(1..4) {
        match rng.u8(..8) {
            0 => out.push_str(&format!("*{}* ", words(rng, 1, 3))),
            1 => out.push_str(&format!(
                "[{}](https://x.test/{}) ",
                words(rng, 1, 3),
                rng.u16(..)
            )),
            2 => out.push_str(&format!("![{}](i.png) ", words(rng, 1, 3))),
            3 => out.push_str(&format!("<i>{}</i> ", words(rng, 1, 3))),
            4 => out.push_str(&format!("`{}` ", words(rng, 1, 2))),
            5 => out.push_str(&format!("{}\n{} ", words(rng, 1, 10), words(rng, 1, 10))),
            _ => out.push_str(&format!("{} ", words(rng, 1, 25))),
        }
    }
    out.trim_end().to_owned()
}

fn heading_text(rng: &mut Rng) -> String {
    match rng.u8(..6) {
        0 => format!("{}. {}", rng.u8(1..12), words(rng, 1, 5)),
        1 => words(rng, 60, 120),
        2 => format!("**{}**", words(rng, 1, 4)),
        _ => words(rng, 1, 8),
    }
}

fn words(rng: &mut Rng, min: usize, max: usize) -> String {
    let count = rng.usize(min..=max.max(min));
    (0..count)
        .map(|_| VOCABULARY[rng.usize(..VOCABULARY.len())])
        .collect::<Vec<_>>()
        .join(" ")
}
