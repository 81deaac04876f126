//! A light stemmer for Bulgarian: J. Savoy's rules ("Searching strategies for the Bulgarian
//! language", Information Retrieval 10(6), 2007) — definite articles, then plural endings, then
//! a final vowel — refined for the words education sites use most.
//!
//! The refinements, each pinned by a test:
//! - `-ища`: only short stems lose the whole ending (пътища → път); longer ones lose the `-а`
//!   (училища → училищ, like училище), where the plain rule gave учил ("learned").
//! - A final `-ия` or `-ие` goes whole, after the article too, and plural `-ии` likewise:
//!   образование, образования and образованието share образован; история, историята, истории
//!   share истор; учебния meets учебни.
//! - `-та` after a masculine noun in `-т` is the short article `-а` (проекта → проект,
//!   резултата → резултат): a small table of such nouns.
//! - `-ове` counts from six letters (часове → час), `-и` from four (цели → цел).
//! - Savoy's е→я alternation (бели → бял) and `-си` → `-х` (монаси → монах) are dropped: here
//!   they split far more words than they join (учители, предмети, процеси, колеги, проблеми,
//!   курси, ресурси).

/// Masculine nouns ending in `-т` whose short definite form ends in `-та` (проекта).
pub const MASCULINE_T: [&str; 24] = [
    "проект",
    "резултат",
    "документ",
    "предмет",
    "аспект",
    "ефект",
    "продукт",
    "елемент",
    "момент",
    "контакт",
    "обект",
    "отчет",
    "съвет",
    "опит",
    "университет",
    "институт",
    "сайт",
    "текст",
    "тест",
    "акцент",
    "експерт",
    "формат",
    "доклад",
    "свят",
];

/// The stem of a normalized (lowercase) Bulgarian word.
pub fn stem(word: &str) -> String {
    let mut s: Vec<char> = word.chars().collect();
    let len = s.len();
    let len = stem_len(&mut s, len);
    s.truncate(len);
    s.into_iter().collect()
}

fn ends(s: &[char], len: usize, suffix: &str) -> bool {
    let n = suffix.chars().count();
    len >= n && s[len - n..len].iter().copied().eq(suffix.chars())
}

fn stem_len(s: &mut [char], len: usize) -> usize {
    if len < 4 {
        return len;
    }
    if len > 5 && ends(s, len, "ища") {
        return ishta(len);
    }
    let mut len = remove_article(s, len);
    len = remove_plural(s, len);
    if len > 4 && (ends(s, len, "ия") || ends(s, len, "ие")) {
        // история/историята/истории, образование/образования, учебния/учебни.
        len -= 2;
    } else if len > 3 {
        if ends(s, len, "я") {
            len -= 1;
        }
        if ends(s, len, "а") || ends(s, len, "о") || ends(s, len, "е") {
            len -= 1;
        }
    }
    // Vowels that drop in other forms: учебен/учебна, театър/театри.
    if len > 4 && ends(s, len, "ен") {
        s[len - 2] = 'н';
        len -= 1;
    }
    if len > 5 && s[len - 2] == 'ъ' {
        s[len - 2] = s[len - 1];
        len -= 1;
    }
    len
}

/// `-ища`: a short stem (път) loses it all, a longer one (училищ) only the `-а`.
fn ishta(len: usize) -> usize {
    if len - 3 <= 3 { len - 3 } else { len - 1 }
}

fn is_masculine_t(s: &[char], len: usize) -> bool {
    MASCULINE_T
        .iter()
        .any(|w| w.chars().count() == len && s[..len].iter().copied().eq(w.chars()))
}

fn remove_article(s: &[char], len: usize) -> usize {
    if len > 6 && ends(s, len, "ият") {
        return len - 3;
    }
    if len > 5 {
        if ends(s, len, "та") && is_masculine_t(s, len - 1) {
            return len - 1;
        }
        if ["ът", "то", "те", "та", "ия"]
            .iter()
            .any(|a| ends(s, len, a))
        {
            return len - 2;
        }
    }
    if len > 4 && ends(s, len, "ят") {
        return len - 2;
    }
    len
}

fn remove_plural(s: &mut [char], len: usize) -> usize {
    if len > 6 && ends(s, len, "овци") {
        return len - 3;
    }
    if len > 5 && ends(s, len, "ове") {
        return len - 3;
    }
    if len > 6 && ends(s, len, "еве") {
        s[len - 3] = 'й';
        return len - 2;
    }
    if len > 5 {
        if ends(s, len, "ища") {
            return ishta(len);
        }
        if ends(s, len, "та") || ends(s, len, "ии") {
            return len - 2;
        }
        if ends(s, len, "ци") {
            s[len - 2] = 'к';
            return len - 1;
        }
        if ends(s, len, "зи") {
            s[len - 2] = 'г';
            return len - 1;
        }
    }
    // From four letters (Savoy: five), so that цели and целите meet цел.
    if len > 3 && ends(s, len, "и") {
        return len - 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same_stem(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert!(
            stems.iter().all(|s| *s == stems[0]),
            "{words:?} → {stems:?}"
        );
    }

    #[test]
    fn savoy_test_vectors() {
        assert_eq!(stem("градовете"), "град");
        assert_eq!(stem("пътищата"), "път");
        assert_eq!(stem("собствениците"), "собственик");
        assert_eq!(stem("градове"), "град");
        assert_eq!(stem("пътища"), "път");
    }

    #[test]
    fn the_domain_table_shares_stems() {
        same_stem(&["училище", "училища", "училищата", "училището"]);
        same_stem(&["учител", "учители", "учителите", "учителя", "учителят"]);
        same_stem(&["проект", "проекти", "проектът", "проекта", "проектите"]);
        same_stem(&["образование", "образования", "образованието"]);
        assert_ne!(stem("училища"), "учил", "not the verb „учил“");
    }

    #[test]
    fn other_frequent_words_of_the_domain() {
        same_stem(&["ученик", "ученици", "учениците", "ученика", "ученикът"]);
        same_stem(&[
            "резултат",
            "резултати",
            "резултатите",
            "резултата",
            "резултатът",
        ]);
        same_stem(&["предмет", "предмети", "предметите"]);
        same_stem(&["курс", "курсове", "курси", "курсовете"]);
        same_stem(&["процес", "процеси", "процесите"]);
        same_stem(&["педагог", "педагози"]);
        same_stem(&["квалификация", "квалификации", "квалификацията"]);
        same_stem(&["час", "часове"]);
        same_stem(&["учебен", "учебна", "учебни", "учебния", "учебният"]);
        same_stem(&["история", "историята", "истории"]);
        same_stem(&["събитие", "събития", "събитията", "събитието"]);
        same_stem(&["нов", "нови", "новия"]);
        same_stem(&["цел", "цели", "целите"]);
        assert_eq!(stem("мой"), "мой");
    }
}
