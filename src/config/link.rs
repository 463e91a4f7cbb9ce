//! A link's `key=value` pairs: the one splitter of the core and the page
//! (the page asks it through `Playground.splitLink`).
//!
//! The rule: a leading `#` or `?` is dropped; pairs are separated by `&`,
//! and empty ones are skipped; a pair splits at its first `=`, and a pair
//! without one has an empty value; key and value are percent-decoded as
//! `decodeURIComponent` does (`+` stays `+`), and a pair either of whose
//! parts is not valid percent-encoding of UTF-8 is set aside as written;
//! a key given more than once is named, and its last value counts.

use serde::Serialize;

/// A link split into its pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Link {
    /// The decoded pairs, in the link's order (repeated keys included).
    pub pairs: Vec<(String, String)>,
    /// Each key given more than once: the key, how often, the last value.
    pub repeated: Vec<(String, usize, String)>,
    /// The pairs that are not valid percent-encoding, as written.
    pub undecodable: Vec<String>,
}

impl Link {
    /// The value that counts for `key`: its last one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The pairs of `link` as written, each its text, key and value, not decoded.
pub fn raw_pairs(link: &str) -> impl Iterator<Item = (&str, &str, &str)> {
    link.trim_start_matches(['#', '?'])
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (key, value) = p.split_once('=').unwrap_or((p, ""));
            (p, key, value)
        })
}

/// Splits `link` by the rule above.
pub fn split(link: &str) -> Link {
    let mut out = Link::default();
    for (pair, key, value) in raw_pairs(link) {
        match (decode(key), decode(value)) {
            (Some(key), Some(value)) => out.pairs.push((key, value)),
            _ => out.undecodable.push(pair.to_string()),
        }
    }
    for (i, (key, _)) in out.pairs.iter().enumerate() {
        let first = out.pairs[..i].iter().all(|(k, _)| k != key);
        let count = out.pairs.iter().filter(|(k, _)| k == key).count();
        if first && count > 1 {
            out.repeated
                .push((key.clone(), count, out.get(key).unwrap_or_default().to_string()));
        }
    }
    out
}

/// `text` with its `%XX` escapes decoded, as `decodeURIComponent` does;
/// None when an escape is incomplete or the bytes are not UTF-8.
pub fn decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(link: &str) -> Vec<(String, String)> {
        split(link).pairs
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|&(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn pairs_split_at_the_first_equals_sign_and_empty_pieces_are_skipped() {
        assert_eq!(
            pairs("#a=1&&b=x=y&c&=d&"),
            owned(&[("a", "1"), ("b", "x=y"), ("c", ""), ("", "d")])
        );
        assert_eq!(pairs("?a=1"), owned(&[("a", "1")]));
        assert_eq!(pairs(""), owned(&[]));
    }

    #[test]
    fn escapes_decode_as_decode_uri_component_does() {
        assert_eq!(
            pairs("k%3D=a%26b%25&x=%E2%88%92+1"),
            owned(&[("k=", "a&b%"), ("x", "−+1")])
        );
        assert_eq!(decode("%41%c3%a9"), Some("Aé".into()));
        for bad in ["%", "%G1", "%4", "%E2%80", "%FF", "a%zz"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        // Raw non-ASCII text passes as it is.
        assert_eq!(decode("é%20ž"), Some("é ž".into()));
    }

    #[test]
    fn an_undecodable_pair_is_set_aside_as_written() {
        let link = split("a=1&b=%G1&%=2&c=3&d=%E2%80");
        assert_eq!(link.pairs, owned(&[("a", "1"), ("c", "3")]));
        let undecodable = ["b=%G1", "%=2", "d=%E2%80"].map(String::from);
        assert_eq!(link.undecodable, undecodable);
    }

    #[test]
    fn a_repeated_key_is_named_once_with_its_count_and_last_value() {
        let link = split("a=1&b=2&a=3&a=&b=2");
        assert_eq!(
            link.repeated,
            vec![
                ("a".to_string(), 3, String::new()),
                ("b".to_string(), 2, "2".to_string())
            ]
        );
        assert_eq!(link.get("a"), Some(""), "the last value counts, even empty");
        assert_eq!(link.pairs.len(), 5, "every pair is kept, in order");
        assert!(split("a=1&b=1").repeated.is_empty());
    }
}
