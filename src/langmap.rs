//! Values written once or once per language.
//!
//! In the YAML form and in `site.yaml`, a translated field is either a plain value (the same in
//! every language: names, acronyms) or a map by language code (`{bg: …, en: …}`). Resolving a
//! whole tree for one language replaces every such map, at any depth, by that language's value.

use serde_json::Value;

/// The languages spodeli has messages and date formats for.
pub const LANGUAGES: [&str; 2] = ["bg", "en"];

/// Whether `value` is a map whose keys are all language codes: the site's, or others spodeli
/// knows (a site in Bulgarian only still reads the built-in `{bg: …, en: …}` labels).
pub fn is_lang_map(value: &Value, languages: &[String]) -> bool {
    value.as_object().is_some_and(|m| {
        !m.is_empty()
            && m.keys()
                .all(|k| languages.iter().any(|l| l == k) || LANGUAGES.contains(&k.as_str()))
    })
}

/// The tree as seen in `lang`: language maps replaced by their `lang` value, or removed (as
/// `Null`) where that language has none. Keys written without a value stay.
pub fn resolve(value: &Value, lang: &str, languages: &[String]) -> Value {
    if is_lang_map(value, languages) {
        return value
            .get(lang)
            .map_or(Value::Null, |v| resolve(v, lang, languages));
    }
    match value {
        // Keys written without a value stay (a key nothing reads is reported with its value).
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), v, resolve(v, lang, languages)))
                .filter(|(_, written, seen)| !seen.is_null() || written.is_null())
                .map(|(k, _, seen)| (k, seen))
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| resolve(v, lang, languages)).collect())
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_maps_at_any_depth() {
        let langs = vec!["bg".to_string(), "en".to_string()];
        let v = json!({"title": {"bg": "Заглавие", "en": "Title"}, "acronym": "LELETO",
            "authors": [{"name": {"bg": "Ана"}, "role": "x", "note": null}], "reach": {"teachers": 80}});
        let en = resolve(&v, "en", &langs);
        assert_eq!(
            en,
            json!({"title": "Title", "acronym": "LELETO",
            "authors": [{"role": "x", "note": null}], "reach": {"teachers": 80}})
        );
        assert_eq!(resolve(&v, "bg", &langs)["authors"][0]["name"], "Ана");
        // A site in one language reads two-language maps too.
        let bg = vec!["bg".to_string()];
        assert_eq!(resolve(&v, "bg", &bg)["title"], "Заглавие");
    }
}
