//! Numbers as text. Postings, block lists and facet counts are most of the index's bytes; as
//! JSON arrays (`[12,345,0,…]`) each number costs its digits and a comma. Here a number is a
//! variable-length run of characters from a 64-letter alphabet, each carrying 5 bits and a
//! flag that more follow: 0–31 take one character, up to 1023 two. The characters need no
//! escaping in JSON or JavaScript, and `engine.js` decodes them with a table.

/// The alphabet: a digit's value is its place; a value of 32 or more says another digit follows.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyz-_WXYZ";

/// Appends `n` to `out`, low bits first.
pub fn push(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 32] as char);
    }
}

/// The numbers written by [`push`], in order; `None` for a character outside the alphabet or
/// a number cut off.
pub fn decode(text: &str) -> Option<Vec<u64>> {
    let mut numbers = Vec::new();
    let (mut n, mut shift) = (0u64, 0u32);
    for c in text.bytes() {
        let digit = ALPHABET.iter().position(|&a| a == c)? as u64;
        n |= (digit & 31).checked_shl(shift)?;
        if digit < 32 {
            numbers.push(n);
            (n, shift) = (0, 0);
        } else {
            shift += 5;
        }
    }
    (shift == 0).then_some(numbers)
}

/// All of `numbers`, written one after another.
pub fn encode(numbers: impl IntoIterator<Item = u64>) -> String {
    let mut out = String::new();
    for n in numbers {
        push(&mut out, n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_in_few_characters() {
        let numbers = [0, 1, 31, 32, 1023, 1024, 65_535, u64::from(u32::MAX), 7];
        let text = encode(numbers);
        assert_eq!(decode(&text).unwrap(), numbers);
        assert_eq!(encode([31]).len(), 1);
        assert_eq!(encode([32]).len(), 2);
        assert_eq!(encode([1023]).len(), 2);
        // The same text is read back in tests/search/blocks.test.js.
        assert_eq!(encode([0, 31, 32]), "0Va1");
        assert!(
            text.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        let distinct: std::collections::BTreeSet<_> = ALPHABET.iter().collect();
        assert_eq!(distinct.len(), 64);
    }

    #[test]
    fn damaged_text_is_refused() {
        assert_eq!(decode("W"), None, "cut off");
        assert_eq!(decode("1+"), None, "outside the alphabet");
    }
}
