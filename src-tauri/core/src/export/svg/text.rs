//! Text on the map picture: escaping for SVG, and wrapping to a width.

/// Escape text for SVG content and attributes.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Wrap `text` into at most `max_lines` lines of `max_width`, ending with "…" if cut.
pub(crate) fn wrap_lines(
    text: &str,
    max_width: f64,
    max_lines: usize,
    width: &dyn Fn(&str) -> f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    let mut cut = false;
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() == max_lines {
            cut = true;
            break;
        }
        // A word longer than a line is broken by characters.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if width(&piece) > max_width {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
                if lines.len() == max_lines {
                    cut = true;
                    break;
                }
            }
        }
        if cut {
            break;
        }
        current = piece;
        if words.peek().is_none() {
            break;
        }
    }
    if !cut && !current.is_empty() {
        if lines.len() < max_lines {
            lines.push(current);
        } else {
            cut = true;
        }
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && width(&format!("{last}…")) > max_width {
                last.pop();
            }
            let trimmed = last.trim_end().to_owned();
            *last = format!("{trimmed}…");
        }
    }
    lines
}

pub(crate) fn truncate(text: &str, max: f64, width: &dyn Fn(&str) -> f64) -> String {
    wrap_lines(text, max, 1, width)
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_cuts_with_an_ellipsis_and_breaks_long_words() {
        let w = |s: &str| s.chars().count() as f64;
        assert_eq!(wrap_lines("a bb ccc", 4.0, 2, &w), ["a bb", "ccc"]);
        assert_eq!(
            wrap_lines("one two three four", 7.0, 2, &w),
            ["one two", "three…"]
        );
        assert_eq!(wrap_lines("abcdefghij", 4.0, 2, &w), ["abcd", "efg…"]);
        assert!(wrap_lines("", 4.0, 2, &w).is_empty());
    }

    #[test]
    fn escaping_covers_markup() {
        assert_eq!(esc("<a & 'b'>\u{7}"), "&lt;a &amp; &apos;b&apos;&gt; ");
    }
}
