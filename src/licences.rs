//! Licences by their SPDX id (`CC-BY-4.0`), as readers should see them: the licence's name in
//! the page's language and a link to its text. Erasmus+ results must carry an open licence, so
//! the Creative Commons family is what schools and projects write.

/// A licence's name in `lang` and the address of its text; for an id not known here, the id
/// itself and its SPDX page.
pub fn licence(id: &str, lang: &str) -> (String, String) {
    let bg = lang == "bg";
    let cc = |code: &str, en: &str, bulgarian: &str| {
        let version = id.rsplit('-').next().unwrap_or("4.0");
        let name = if bg {
            format!("Creative Commons {bulgarian} {version} Международен")
        } else {
            format!("Creative Commons {en} {version} International")
        };
        (
            name,
            format!("https://creativecommons.org/licenses/{code}/{version}/"),
        )
    };
    match id.to_ascii_uppercase().as_str() {
        "CC-BY-4.0" | "CC-BY-3.0" => cc("by", "Attribution", "Признание"),
        "CC-BY-SA-4.0" | "CC-BY-SA-3.0" => cc(
            "by-sa",
            "Attribution-ShareAlike",
            "Признание-Споделяне на споделеното",
        ),
        "CC-BY-NC-4.0" => cc(
            "by-nc",
            "Attribution-NonCommercial",
            "Признание-Некомерсиално",
        ),
        "CC-BY-ND-4.0" => cc(
            "by-nd",
            "Attribution-NoDerivatives",
            "Признание-Без производни",
        ),
        "CC-BY-NC-SA-4.0" => cc(
            "by-nc-sa",
            "Attribution-NonCommercial-ShareAlike",
            "Признание-Некомерсиално-Споделяне на споделеното",
        ),
        "CC-BY-NC-ND-4.0" => cc(
            "by-nc-nd",
            "Attribution-NonCommercial-NoDerivatives",
            "Признание-Некомерсиално-Без производни",
        ),
        "CC0-1.0" => (
            if bg {
                "CC0 1.0 Универсален (обществено достояние)"
            } else {
                "CC0 1.0 Universal (public domain)"
            }
            .to_string(),
            "https://creativecommons.org/publicdomain/zero/1.0/".to_string(),
        ),
        _ => (
            id.to_string(),
            format!("https://spdx.org/licenses/{id}.html"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creative_commons_licences_are_named_and_linked() {
        assert_eq!(
            licence("CC-BY-4.0", "en"),
            (
                "Creative Commons Attribution 4.0 International".to_string(),
                "https://creativecommons.org/licenses/by/4.0/".to_string()
            )
        );
        assert_eq!(
            licence("CC-BY-SA-4.0", "bg").0,
            "Creative Commons Признание-Споделяне на споделеното 4.0 Международен"
        );
        assert_eq!(
            licence("MIT", "en"),
            (
                "MIT".to_string(),
                "https://spdx.org/licenses/MIT.html".to_string()
            )
        );
    }
}
