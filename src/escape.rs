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

/// JSON that cannot end its `<script>` element early, put the HTML parser into a script's
/// escaped states (`<!--`, `<script`), or break older JavaScript parsers. `<`, `>` and `&` occur
/// in JSON only inside strings, where their `\u` escapes mean the same.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(
            script_safe("{\"x\":\"</script>\u{2028}\"}"),
            "{\"x\":\"\\u003c/script\\u003e\\u2028\"}"
        );
        // A title that would leave the parser in a script's escaped state: nothing of it stays.
        let json = serde_json::json!({"name": "<!--<script>&"}).to_string();
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "<!--<script>&");
    }
}
