//! Bulgarian to Latin by the official Streamlined System (Transliteration Act, 2009).
//!
//! Used for ASCII slugs (tag pages, heading anchors) so URLs read the way Bulgarian readers
//! type them: „Училище“ → `uchilishte`, „София“ → `sofia`.

/// The Latin spelling of one lowercase Cyrillic letter, or `None` for anything else.
fn latin_of(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ѐ' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ѝ' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "sht",
        'ъ' => "a",
        'ь' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Transliterates Bulgarian Cyrillic to Latin; other characters pass through. Case is kept on
/// the first Latin letter (Щ → Sht), and a word-final „ия“ becomes `ia` as the law requires.
pub fn to_latin(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let word_end = chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
        let latin = if lower == 'я' && word_end && i > 0 && chars[i - 1].to_lowercase().eq(['и'])
        {
            Some("a")
        } else {
            latin_of(lower)
        };
        match latin {
            Some(l) if lower != c => {
                let mut it = l.chars();
                out.extend(it.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(it.as_str());
            }
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    out
}

/// An ASCII slug: lowercase Latin letters, digits and single hyphens.
pub fn slugify(text: &str) -> String {
    let latin = to_latin(&text.to_lowercase());
    let mut slug = String::with_capacity(latin.len());
    for c in latin.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_streamlined_system() {
        assert_eq!(to_latin("училище"), "uchilishte");
        assert_eq!(to_latin("София"), "Sofia");
        assert_eq!(to_latin("Пловдив"), "Plovdiv");
        assert_eq!(to_latin("България"), "Balgaria");
        assert_eq!(to_latin("Щастие и юнаци"), "Shtastie i yunatsi");
        assert_eq!(to_latin("ѝ"), "i");
        // „ия“ inside a word is not word-final.
        assert_eq!(to_latin("Ияна"), "Iyana");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Споделяне на знания"), "spodelyane-na-znania");
        assert_eq!(slugify("  Erasmus+ / eTwinning!  "), "erasmus-etwinning");
        assert_eq!(
            slugify("51 СУ „Елисавета Багряна“"),
            "51-su-elisaveta-bagryana"
        );
        assert_eq!(slugify("—"), "");
    }
}
