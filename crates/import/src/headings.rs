//! Headings from the text that gives them: clause numbers, run-in headings, the first words of
//! a clause that has none, and what is done with text too long to be a heading or a clause.

use sla_model::Clause;

use crate::blocks::Lead;

/// A heading made of a text's first words is at most this long, in characters.
const SHORT_HEADING_CHARS: usize = 80;

/// `1.1 Text` → (`1.1`, `Text`); `3. Credits` → (`3`, `Credits`). A number is a clause's when
/// a word follows it: any word after a number with a full stop (`3.`, `3.2`), a capitalised
/// one after a bare number (`3 Credits`), so the numbers of a sentence stay in it (`30 days
/// after…`, `99.9 % of…`).
pub fn cut_number(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start();
    let candidate = trimmed.split_whitespace().next().unwrap_or("");
    let number = candidate.trim_end_matches('.');
    let numeric = !number.is_empty()
        && number
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let rest = trimmed[candidate.len()..].trim_start();
    let opens = match rest.chars().next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) => candidate.contains('.') && (c.is_alphabetic() || "\"“‘'([".contains(c)),
        None => false,
    };
    if numeric && opens {
        (Some(number), rest)
    } else {
        (None, text)
    }
}

/// A heading and the body: a run-in heading ending with a full stop is removed from the body
/// ("Target Uptime. Provider will…"); one that is part of the sentence ("“Uptime” means…")
/// stays in it. Without a run-in heading, the first words become the heading.
pub fn split_lead(lead: Lead) -> (String, String) {
    match lead.run_in {
        Some(heading) if heading.ends_with('.') || heading.ends_with(':') => {
            let body = after_heading(&lead.text, &heading).to_owned();
            (heading.trim_end_matches(['.', ':']).to_owned(), body)
        }
        Some(heading) => (
            heading.trim_matches(|c: char| "\"“”'‘’".contains(c)).to_owned(),
            lead.text,
        ),
        None => (first_words(&lead.text, 6), lead.text),
    }
}

/// `text` without the heading it opens with; all of it when it does not open with the
/// heading as whole words (a run-in heading may end inside a word: `Uptime</span>1`).
pub fn after_heading<'a>(text: &'a str, heading: &str) -> &'a str {
    text.strip_prefix(heading)
        .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        .unwrap_or(text)
        .trim()
}

/// The first `count` words of `text`'s first line (fewer if they would pass
/// [`SHORT_HEADING_CHARS`]), one space between each, and ` …` when more follow.
pub fn first_words(text: &str, count: usize) -> String {
    // From the first line only: a list's items below a lead-in are not its heading.
    let text = text.split('\n').next().unwrap_or_default();
    // The usual case, an ASCII opening of short words, read byte by byte.
    if let Some(heading) = first_ascii_words(text, count) {
        return heading;
    }
    let mut heading = String::new();
    let mut chars = 0;
    for (taken, word) in text.split_whitespace().enumerate() {
        let length = word.chars().count();
        if taken == count || (taken > 0 && chars + 1 + length > SHORT_HEADING_CHARS) {
            heading.push_str(" …");
            return heading;
        }
        if taken == 0 && length > SHORT_HEADING_CHARS {
            heading.extend(word.chars().take(SHORT_HEADING_CHARS));
            heading.push('…');
            return heading;
        }
        if taken > 0 {
            heading.push(' ');
            chars += 1;
        }
        heading.push_str(word);
        chars += length;
    }
    heading
}

/// [`first_words`] for a text whose opening is ASCII with single spaces between words that
/// fit: `None` when that is not so.
fn first_ascii_words(text: &str, count: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut i = 0;
    while i < bytes.len() && i <= SHORT_HEADING_CHARS {
        let b = bytes[i];
        if !b.is_ascii()
            || (b.is_ascii_whitespace() && b != b' ')
            || (b == b' ' && bytes.get(i + 1) == Some(&b' '))
        {
            return None;
        }
        if b == b' ' {
            words += 1;
            if words == count {
                return Some(format!("{} …", &text[..i]));
            }
        }
        i += 1;
    }
    if i == bytes.len() && i <= SHORT_HEADING_CHARS && !text.starts_with(' ') {
        return Some(text.trim_end().to_owned());
    }
    None
}

/// A heading as it can be stored: one line, within [`Clause::MAX_HEADING_CHARS`]. A longer
/// one becomes its first words, with the whole text returned to stand as the body.
pub fn fit_heading(heading: String) -> (String, Option<String>) {
    let heading = if heading.contains('\n') {
        heading.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        heading
    };
    if heading.len() <= Clause::MAX_HEADING_CHARS || heading.chars().count() <= Clause::MAX_HEADING_CHARS {
        return (heading, None);
    }
    (first_words(&heading, 12), Some(heading))
}

/// `text` cut into parts of at most `max` bytes (so at most `max` characters), each cut at
/// the last paragraph break before the limit, else the last line break, else the last space,
/// else the last character boundary.
pub fn split_text(text: String, max: usize) -> Vec<String> {
    if text.len() <= max {
        return vec![text];
    }
    let mut parts = Vec::new();
    let mut rest = text.as_str();
    while rest.len() > max {
        let mut limit = max;
        while !rest.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &rest[..limit];
        let cut = ["\n\n", "\n", " "]
            .iter()
            .find_map(|separator| window.rfind(separator).filter(|&at| at > 0))
            .unwrap_or(limit);
        parts.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        parts.push(rest.to_owned());
    }
    parts
}

/// The heading of a clause's continuation.
pub fn continued(heading: &str) -> String {
    let marked = format!("{heading} (continued)");
    fit_heading(marked).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_cut_from_what_they_open() {
        assert_eq!(cut_number("1.1 Text"), (Some("1.1"), "Text"));
        assert_eq!(cut_number("3. Credits"), (Some("3"), "Credits"));
        assert_eq!(cut_number("2"), (None, "2"));
        assert_eq!(cut_number("99.9 % uptime"), (None, "99.9 % uptime"));
        assert_eq!(cut_number("30 days after"), (None, "30 days after"));
        assert_eq!(cut_number("  4 Support"), (Some("4"), "Support"));
        assert_eq!(cut_number("2.1. “Uptime” means"), (Some("2.1"), "“Uptime” means"));
        assert_eq!(cut_number("A. Text"), (None, "A. Text"));
    }

    #[test]
    fn long_headings_become_a_heading_and_a_body() {
        let long = "word ".repeat(100).trim_end().to_owned();
        let (heading, body) = fit_heading(long.clone());
        assert_eq!(
            heading,
            "word word word word word word word word word word word word …"
        );
        assert_eq!(body.as_deref(), Some(long.as_str()));
        assert_eq!(fit_heading("Two\nlines".into()), ("Two lines".into(), None));
        let unbroken = "x".repeat(400);
        assert_eq!(first_words(&unbroken, 6).chars().count(), SHORT_HEADING_CHARS + 1);
        for text in [
            "The Provider shall make the Service available",
            "Short one",
            "Ünïcode words here to see",
            "a  b c",
            "one two three four five six",
            "x",
        ] {
            assert_eq!(first_words(text, 6), by_words(text, 6), "{text:?}");
        }
    }

    /// `first_words` by its definition, without the ASCII shortcut.
    fn by_words(text: &str, count: usize) -> String {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut heading = words.iter().take(count).copied().collect::<Vec<_>>().join(" ");
        if words.len() > count {
            heading.push_str(" …");
        }
        heading
    }

    #[test]
    fn long_texts_are_cut_where_a_reader_would() {
        let text = format!("{}\n\n{}", "a ".repeat(30).trim_end(), "b ".repeat(30).trim_end());
        let parts = split_text(text.clone(), 80);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts.join(" ").split_whitespace().count(), 60);
        let unbroken = "é".repeat(100);
        let parts = split_text(unbroken.clone(), 51);
        assert!(parts.iter().all(|p| p.len() <= 51));
        assert_eq!(parts.concat(), unbroken);
    }
}
