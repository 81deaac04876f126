//! Escaping text for the places it goes besides HTML templates (which Tera escapes): XML files
//! and JSON inside `<script>` elements or classic-script files.

/// Text safe inside XML elements and attribute values.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that cannot end its `<script>` element early or break older JavaScript parsers.
pub fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(
            script_safe("{\"x\":\"</script>\u{2028}\"}"),
            "{\"x\":\"<\\/script>\\u2028\"}"
        );
    }
}
