//! Text to index terms, the same way for pages and for queries (the query side in JavaScript
//! repeats every step; shared test vectors hold the two to the same output).
//!
//! Steps: NFC; drop stress marks (U+0301); lowercase; fold ѝ→и, ѐ→е, ё→е (й stays: мой ≠ мои);
//! split into words at anything that is not a letter or digit; in a word that mixes scripts,
//! Latin look-alikes become Cyrillic (a keyboard-layout slip); drop stop words; stem Cyrillic
//! words with the Bulgarian light stemmer and Latin words with Porter2 (Snowball English).

use super::stem_bg;
use crate::translit;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Bulgarian function words, too common to help find anything. Written for spodeli; `ѝ` (her)
/// is included, which the usual lists lack.
const STOP_BG: &str = "а аз ако ала бе без беше би бил била били било близо бъдат бъде бяха в вас ваш ваша \
вероятно вече взема ви вие винаги все всеки всички всичко всяка във въпреки върху г ги главно го д да дали до \
докато докога дори досега доста е едва един една едно ето за зад заедно заради засега затова защо защото и из \
или им има имат иска й ѝ каза как каква какво както какъв като кога когато което които кой който колко която \
къде където към ли м ме между мен ми мнозина мога могат може моля му н на над назад най например нас не него \
нея ни ние никой нито но някои някой няма обаче около освен особено от отгоре отново още пак по повече \
повечето под поне поради после почти пред преди през при пък с са само се сега си скоро след сме сред срещу \
сте съм със също т тази така такива такъв там твой те тези ти то това тогава този той толкова точно трябва \
тук тъй тя тях у ч че често чрез ще щом я";

/// English function words.
const STOP_EN: &str = "a an and are as at be but by for from has have if in into is it its no not of on or \
so such that the their then there these they this to was were will with";

/// The stop words of both languages (the query side gets them from the index).
pub fn stop_words() -> impl Iterator<Item = &'static str> {
    STOP_BG.split_whitespace().chain(STOP_EN.split_whitespace())
}

fn is_stop(word: &str) -> bool {
    static WORDS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            STOP_BG
                .split_whitespace()
                .chain(STOP_EN.split_whitespace())
                .collect()
        })
        .contains(word)
}

/// Whether a character is in the Cyrillic block (which decides the stemmer and the Latin key).
pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Latin letters that look like Cyrillic ones, as typed with the wrong keyboard layout.
fn cyrillic_look_alike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        't' => 'т',
        'h' => 'н',
        'b' => 'в',
        _ => return None,
    })
}

/// Normalizes text for matching (see the module comment), keeping everything else in place.
pub fn normalize(text: &str) -> String {
    let fold = |c: char| match c {
        'ѝ' => 'и',
        'ѐ' | 'ё' => 'е',
        c => c,
    };
    let mut out = String::with_capacity(text.len());
    // Most text is already NFC: skip composing it again.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        out.extend(
            text.chars()
                .filter(|&c| c != '\u{301}')
                .flat_map(lowercase)
                .map(fold),
        );
    } else {
        out.extend(
            text.nfc()
                .filter(|&c| c != '\u{301}')
                .flat_map(lowercase)
                .map(fold),
        );
    }
    out
}

/// `char::to_lowercase`, with the alphabets this text is mostly in handled directly.
fn lowercase(c: char) -> impl Iterator<Item = char> {
    let direct = match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'a'..='z' | 'а'..='я' => Some(c),
        // Cyrillic capitals: А–Я map 32 code points up, Ѐ–Џ 80 up.
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        '\u{400}'..='\u{40f}' => char::from_u32(c as u32 + 0x50),
        _ if c.is_ascii() => Some(c),
        _ => None,
    };
    let mut full = direct.is_none().then(|| c.to_lowercase());
    let mut single = direct;
    std::iter::from_fn(move || {
        single
            .take()
            .or_else(|| full.as_mut().and_then(Iterator::next))
    })
}

/// Letters and digits, the characters words are made of (`char::is_alphanumeric`, with the
/// common alphabets checked first).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{400}'..='\u{45f}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// The words of normalized text, with mixed-script words folded to Cyrillic.
pub fn words(normalized: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    normalized
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mixed = w.chars().any(is_cyrillic) && w.chars().any(|c| c.is_ascii_alphabetic());
            if mixed {
                Cow::Owned(
                    w.chars()
                        .map(|c| cyrillic_look_alike(c).unwrap_or(c))
                        .collect(),
                )
            } else {
                Cow::Borrowed(w)
            }
        })
}

/// The index term of a normalized word, or `None` for a stop word.
pub fn term(word: &str) -> Option<String> {
    if is_stop(word) {
        return None;
    }
    if word.chars().any(is_cyrillic) {
        return Some(stem_bg::stem(word));
    }
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
        return Some(
            ENGLISH
                .get_or_init(|| Stemmer::create(Algorithm::English))
                .stem(word)
                .into_owned(),
        );
    }
    Some(word.to_string())
}

/// The terms of a text, in order (stop words left out).
pub fn terms(text: &str) -> Vec<String> {
    words(&normalize(text)).filter_map(|w| term(&w)).collect()
}

/// How a Cyrillic word is typed in Latin letters, folded so that official transliteration and
/// common informal typing meet: `училище` → `uchilishte`, and `u4ili6te` folds to the same.
pub fn latin_key(word: &str) -> String {
    fold_latin(&translit::to_latin(word))
}

/// Folds Latin-typed Bulgarian to one spelling: 4 → ch, 6t → sht, 6 → sh, q → ya, j → zh,
/// w → a (ъ), c → ts, x → h, word-final iya → ia.
pub fn fold_latin(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let (text, step) = match (chars[i], chars.get(i + 1)) {
            ('6', Some('t')) => ("sht", 2),
            ('4', _) => ("ch", 1),
            ('6', _) => ("sh", 1),
            ('q', _) => ("ya", 1),
            ('j', _) => ("zh", 1),
            ('w', _) => ("a", 1),
            ('x', _) => ("h", 1),
            ('c', Some('h')) => ("ch", 2),
            ('c', _) => ("ts", 1),
            _ => {
                out.push(chars[i]);
                i += 1;
                continue;
            }
        };
        out.push_str(text);
        i += step;
    }
    if let Some(stem) = out.strip_suffix("iya") {
        out = format!("{stem}ia");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_accents_and_keeps_y_short() {
        assert_eq!(normalize("УЧИЛИЩЕ"), "училище");
        assert_eq!(normalize("ѝ Ѝ ѐ ё"), "и и е е");
        assert_eq!(normalize("и\u{300}"), "и", "decomposed ѝ");
        assert_eq!(normalize("учи\u{301}тел"), "учител", "stress mark");
        assert_eq!(normalize("мой"), "мой");
        assert_ne!(terms("мой"), terms("мои"));
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert!(lowercase(c).eq(c.to_lowercase()), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn mixed_scripts_fold_to_cyrillic() {
        // „учител“ typed with a Latin y and e.
        assert_eq!(words("yчитeл").collect::<Vec<_>>(), ["учител"]);
        assert_eq!(words("etwinning").collect::<Vec<_>>(), ["etwinning"]);
    }

    #[test]
    fn inflected_forms_share_terms_and_stop_words_go() {
        assert_eq!(terms("Учителите в училищата"), ["учител", "училищ"]);
        assert_eq!(terms("учител, училище"), ["учител", "училищ"]);
        assert_eq!(terms("The teachers and schools"), ["teacher", "school"]);
        assert_eq!(terms("на ѝ и"), Vec::<String>::new());
        assert_eq!(terms("Еразъм+ 2021"), ["еразм", "2021"]);
    }

    /// The shared vectors (tests/search/vectors.json) still describe this analyzer: if this
    /// fails after a deliberate change, regenerate them with `cargo run --example gen-vectors`.
    #[test]
    fn shared_vectors_hold() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/vectors.json");
        let vectors: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let texts = vectors["texts"].as_array().unwrap();
        assert!(texts.len() > 1000);
        for v in texts {
            let expected: Vec<String> = serde_json::from_value(v["terms"].clone()).unwrap();
            assert_eq!(
                terms(v["text"].as_str().unwrap()),
                expected,
                "{}",
                v["text"]
            );
        }
        for v in vectors["latin"].as_array().unwrap() {
            assert_eq!(
                latin_key(v["word"].as_str().unwrap()),
                v["key"].as_str().unwrap()
            );
        }
        assert_eq!(vectors["analyzer"], crate::search::index::analyzer_data());
    }

    #[test]
    fn latin_typing_meets_cyrillic() {
        assert_eq!(latin_key("училище"), "uchilishte");
        assert_eq!(fold_latin("u4ili6te"), "uchilishte");
        assert_eq!(fold_latin("uchilishte"), "uchilishte");
        assert_eq!(latin_key("история"), "istoria");
        assert_eq!(fold_latin("istoriya"), "istoria");
        assert_eq!(fold_latin("jena"), latin_key("жена"));
        assert_eq!(fold_latin("qbalka"), latin_key("ябълка"));
        assert_eq!(fold_latin("cvetq"), latin_key("цветя"));
    }
}
