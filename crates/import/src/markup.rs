//! Markup that is not Markdown's own: template tags left in a published page's source (ERB's
//! `<% … %>`, Liquid's `{% … %}`) and the text of raw HTML.

use std::borrow::Cow;

/// `source` without its template tags: ERB's `<% … %>` and `<%= … %>`, Liquid's `{% … %}`,
/// and a Liquid or Jinja output tag naming a variable's field or filtering it
/// (`{{ site.baseurl }}`, `{{ page.title | escape }}`); a placeholder such as
/// `{{Customer name}}` and a term reference such as `{{credits.cap}}` are text. A tag's line breaks stay, so the lines around it keep their
/// Markdown meaning; an unclosed tag is text.
pub fn without_template_tags(source: &str) -> Cow<'_, str> {
    if !source.contains("<%") && !source.contains("{%") && !source.contains("{{") {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some((start, end)) = next_tag(rest) {
        out.push_str(&rest[..start]);
        out.extend(rest[start..end].chars().filter(|&c| c == '\n'));
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where the next template tag in `text` starts and ends.
fn next_tag(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(offset) = text[from..].find(['<', '{']) {
        let start = from + offset;
        let after = &text[start..];
        let close = if after.starts_with("<%") {
            Some("%>")
        } else if after.starts_with("{%") {
            Some("%}")
        } else if after.starts_with("{{") {
            Some("}}")
        } else {
            None
        };
        if let Some(close) = close
            && let Some(length) = after[2..].find(close)
            && (close != "}}" || is_template_expression(&after[2..2 + length]))
        {
            return Some((start, start + 2 + length + 2));
        }
        from = start + 1;
    }
    None
}

/// ` site.baseurl `, ` page.title | escape `: a template's output expression, written with
/// the spaces templates put inside the braces, not a placeholder (`{{Customer name}}`) nor a
/// term reference (`{{credits.cap}}`).
fn is_template_expression(inner: &str) -> bool {
    if !inner.starts_with(' ') || !inner.ends_with(' ') {
        return false;
    }
    let inner = inner.trim();
    let variable = inner.split('|').next().unwrap_or("").trim();
    !variable.is_empty()
        && (variable.contains('.') || inner.contains('|'))
        && variable.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']' || c == '\'' || c == '"'
        })
}

/// `text` with a space after each brace that another follows (`{{` → `{ {`, `{{{` → `{ { {`),
/// so that no text read from elsewhere reads as a term reference; `None` when it has none.
pub fn apart_braces(text: &str) -> Option<String> {
    // Most texts have no brace at all: a search for one byte is the quickest answer.
    let first = memchr::memchr(b'{', text.as_bytes())?;
    memchr::memmem::find(&text.as_bytes()[first..], b"{{")?;
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '{' && chars.peek() == Some(&'{') {
            out.push(' ');
        }
    }
    Some(out)
}

/// The text a reader sees in raw HTML: tags and comments removed (a tag that breaks a line
/// or a cell — `<br>`, `<p>`, `<div>`, `<td>`, `<li>`, … — becomes a line break), character
/// references decoded (`&amp;`, `&nbsp;`, `&#8217;`). A `<` that opens no tag is text.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_decoded(&mut out, &rest[..open]);
        let after = &rest[open..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let starts_tag = after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        match (starts_tag, after.find('>')) {
            (true, Some(close)) => {
                if breaks_line(&after[1..close]) {
                    out.push('\n');
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    push_decoded(&mut out, rest);
    out
}

/// Whether a tag (its text between `<` and `>`) ends a line or a cell where it stands.
fn breaks_line(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(
        name.as_str(),
        "br" | "p"
            | "div"
            | "li"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "pre"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
    )
}

/// Appends `text` with its character references decoded; one that names nothing is kept as
/// written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&end| end <= 32)
            .and_then(|end| character(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push_str(&c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference names (`amp`, `#8217`, `#x2019`), by HTML5's list.
fn character(name: &str) -> Option<Cow<'static, str>> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).map(|c| Cow::Owned(c.to_string()));
    }
    quick_xml::escape::resolve_html5_entity(name).map(Cow::Borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_tags_are_removed_and_their_line_breaks_kept() {
        assert_eq!(
            without_template_tags("Before <%= partial 'a' %> after {% asset x %}.\n<% if x\n %>end"),
            "Before  after .\n\nend"
        );
        assert_eq!(without_template_tags("50 <% unclosed"), "50 <% unclosed");
        assert_eq!(
            without_template_tags(
                "[IR]({{ site.baseurl }}/ir/) {{ page.title | escape }} for {{Customer name}} {{credits.cap}}"
            ),
            "[IR](/ir/)  for {{Customer name}} {{credits.cap}}"
        );
        assert!(matches!(without_template_tags("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn double_braces_are_kept_apart() {
        assert_eq!(apart_braces("a {{b}} {{{c"), Some("a { {b}} { { {c".to_owned()));
        assert_eq!(apart_braces("{ {"), None);
    }

    #[test]
    fn html_keeps_its_text() {
        assert_eq!(html_text("<div style=\"height:1px\">&nbsp;</div>"), "\n\u{a0}\n");
        assert_eq!(
            html_text(
                "<p>Uptime &amp; <b>credits</b><br/>next&#8217;s &#x2019; &bogus; a < b</p><!-- note -->"
            ),
            "\nUptime & credits\nnext\u{2019}s \u{2019} &bogus; a < b\n"
        );
        assert_eq!(html_text("<!-- never closed"), "");
        assert_eq!(html_text("5 <10 and <"), "5 <10 and <");
    }
}
