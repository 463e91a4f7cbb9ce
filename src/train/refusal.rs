//! Why a model file was refused, as a message the page puts in either
//! language: a [`Fault`] with the field's path in the JSON
//! (`layers[1].weights[0][3]`), what was expected and what was found, never
//! a parser's English sentence.

use crate::message::{Code, Message};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What is wrong with a model file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// JSON nested deeper than the parser follows (`line`, `column`).
    Deep,
    /// A field missing.
    Missing,
    /// A field a model file does not have (`found`; `expected`: the fields there are).
    Unknown,
    /// A value of the wrong kind or value (`expected`, `found`, or the
    /// words `expectedKind`, `foundKind`).
    Mismatch,
    /// A list of the wrong length (`expected`, `found`).
    Count,
    /// An activation the playground does not have (`found`; `expected`: those it has).
    Activation,
    /// A number too large for 32 bits (`found`).
    Finite,
    /// The settings link does not read (`found`: the setting as the link writes it).
    Settings,
    /// An input transform, which the playground does not apply.
    Transform,
    /// A standardisation other than the data the settings make.
    Standardization,
    /// Inputs or classes other than a lab's models have.
    Lab,
    /// The lab's images are not loaded yet.
    NotReady,
    /// Batch normalisation where the settings have none.
    BatchNormExtra,
    /// No batch normalisation where the settings have it.
    BatchNormMissing,
}

named_enum!(
    Fault,
    "model fault",
    [
        Deep => "deep", Missing => "missing", Unknown => "unknown",
        Mismatch => "mismatch", Count => "count", Activation => "activation", Finite => "finite",
        Settings => "settings", Transform => "transform", Standardization => "standardization",
        Lab => "lab", NotReady => "notReady", BatchNormExtra => "batchNormExtra", BatchNormMissing => "batchNormMissing",
    ]
);

/// A kind of JSON value, as expected or as found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Json {
    /// A number.
    Number,
    /// A whole number, not negative.
    Whole,
    /// A string.
    Text,
    /// An array.
    List,
    /// An object.
    Object,
    /// true or false.
    Flag,
    /// null.
    Null,
    /// Something else the format allows there.
    Valid,
}

named_enum!(Json, "JSON kind", [Number => "number", Whole => "whole", Text => "text", List => "list", Object => "object", Flag => "flag", Null => "null", Valid => "valid"]);

/// A refusal for the field at `path` (empty: the file as a whole).
pub fn refused(fault: Fault, path: &str) -> Message {
    Message::new(Code::ModelRefused)
        .word("reason", fault.name())
        .with("path", path)
}

/// A refusal of a value at `path` that is not `expected`.
pub fn mismatch(path: &str, expected: impl ToString, found: impl ToString) -> Message {
    refused(Fault::Mismatch, path)
        .with("expected", expected.to_string())
        .with("found", found.to_string())
}

/// A refusal of a file whose settings link does not read, naming the
/// setting as the link writes it (`key=value`) from the settings' message `e`.
pub fn settings(e: &Message) -> Message {
    let text = |n: &str| match e.param(n) {
        Some(crate::message::Param::Text(s)) => s.clone(),
        _ => String::new(),
    };
    let found = match (text("key"), text("value")) {
        (k, v) if !k.is_empty() && !v.is_empty() => format!("{k}={v}"),
        (k, _) if !k.is_empty() => k,
        _ => e.to_string(),
    };
    refused(Fault::Settings, "settings").with("found", found)
}

/// A refusal of a list at `path` of `found` entries, not `expected`.
pub fn count(path: &str, expected: usize, found: usize) -> Message {
    refused(Fault::Count, path)
        .with("expected", expected)
        .with("found", found)
}

/// Most characters of a text value a message quotes.
const QUOTE: usize = 40;

/// What a value is, and its text when it is short enough to quote (a
/// number, a flag, the start of a text; nothing for a list or an object).
fn found(value: &Value) -> (Json, String) {
    match value {
        Value::Null => (Json::Null, String::new()),
        Value::Bool(b) => (Json::Flag, b.to_string()),
        Value::Number(n) => (Json::Number, n.to_string()),
        Value::String(s) if s.chars().count() > QUOTE => (Json::Text, s.chars().take(QUOTE).chain(['…']).collect()),
        Value::String(s) => (Json::Text, s.clone()),
        Value::Array(_) => (Json::List, String::new()),
        Value::Object(_) => (Json::Object, String::new()),
    }
}

/// What serde's "expected …" names, as a kind of JSON value.
fn expected(serde: &str) -> Json {
    match serde {
        "f32" | "f64" => Json::Number,
        "u8" | "u16" | "u32" | "u64" | "usize" => Json::Whole,
        "a string" => Json::Text,
        "a sequence" => Json::List,
        "a boolean" => Json::Flag,
        s if s.starts_with("struct ") || s == "a map" => Json::Object,
        _ => Json::Valid,
    }
}

/// The value at `path` in `root`, if the path leads to one.
fn at<'a>(root: &'a Value, path: &serde_path_to_error::Path) -> Option<&'a Value> {
    use serde_path_to_error::Segment;
    path.iter().try_fold(root, |v, segment| match segment {
        Segment::Seq { index } => v.get(index),
        Segment::Map { key } => v.get(key.as_str()),
        _ => None,
    })
}

/// `text` read as JSON into a `T`; refused with the place, the kind
/// expected and what was found there.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Message> {
    // Text that is not JSON is refused with where it breaks (ModelNotJson);
    // JSON nested past the parser's depth as such.
    let root: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            refused(Fault::Deep, "")
        } else {
            Message::new(Code::ModelNotJson)
        }
        .with("line", e.line())
        .with("column", e.column())
    })?;
    serde_path_to_error::deserialize(&root).map_err(|e| {
        let place = match e.path().to_string() {
            p if p == "." => String::new(),
            p => p,
        };
        let said = e.inner().to_string();
        // serde's words, read for their parts: "missing field `head`",
        // "unknown field `x`, expected one of `a`, `b`", "invalid type:
        // string \"NaN\", expected f32".
        let quoted = |s: &str| s.split('`').skip(1).step_by(2).map(String::from).collect::<Vec<_>>();
        if let Some(rest) = said.strip_prefix("missing field ") {
            let field = quoted(rest).into_iter().next().unwrap_or_default();
            let path = if place.is_empty() {
                field
            } else {
                format!("{place}.{field}")
            };
            return refused(Fault::Missing, &path);
        }
        if let Some(rest) = said.strip_prefix("unknown field ") {
            let names = quoted(rest);
            let fields = names.get(1..).unwrap_or_default().join(", ");
            return refused(Fault::Unknown, &place)
                .with("found", names.first().cloned().unwrap_or_default())
                .with("expected", fields);
        }
        let wanted = said
            .rsplit_once(", expected ")
            .map_or(Json::Valid, |(_, w)| expected(w));
        let (kind, text) = at(&root, e.path()).map_or((Json::Valid, String::new()), found);
        refused(Fault::Mismatch, &place)
            .word("expectedKind", wanted.name())
            .word("foundKind", kind.name())
            .with("found", text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Param;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Layer {
        weights: Vec<Vec<f32>>,
        count: u32,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct File {
        layers: Vec<Layer>,
    }

    fn text(m: &Message, name: &str) -> String {
        match m.param(name) {
            Some(Param::Text(s)) => s.clone(),
            Some(Param::Word(w)) => w.to_string(),
            Some(Param::Number(x)) => x.to_string(),
            None => String::new(),
        }
    }

    fn refusal(json: &str) -> [String; 5] {
        let m = parse::<File>(json).expect_err("refused");
        ["reason", "path", "expectedKind", "foundKind", "found"].map(|n| text(&m, n))
    }

    #[test]
    fn a_wrong_value_is_named_by_its_path_what_was_expected_and_what_was_found() {
        assert_eq!(
            refusal(r#"{"layers":[{"weights":[[1,2]],"count":1},{"weights":[[1,"NaN"]],"count":1}]}"#),
            ["mismatch", "layers[1].weights[0][1]", "number", "text", "NaN"]
        );
        assert_eq!(
            refusal(r#"{"layers":[{"weights":[],"count":-1}]}"#),
            ["mismatch", "layers[0].count", "whole", "number", "-1"]
        );
        assert_eq!(
            refusal(r#"{"layers":{"weights":[]}}"#),
            ["mismatch", "layers", "list", "object", ""]
        );
        assert_eq!(
            refusal(r#"{"layers":[{"weights":[]}]}"#)[..2],
            ["missing", "layers[0].count"]
        );
        let unknown = parse::<File>(r#"{"layers":[],"extra":1}"#).unwrap_err();
        assert_eq!(
            ["reason", "path", "found", "expected"].map(|n| text(&unknown, n)),
            ["unknown", "extra", "extra", "layers"]
        );
    }

    #[test]
    fn broken_json_is_named_by_its_line_and_column() {
        let m = parse::<File>("{\n  \"layers\": [1,\n").unwrap_err();
        assert_eq!((m.code, text(&m, "line")), (Code::ModelNotJson, "3".into()));
        let m = parse::<File>("{\"layers\": [1,]}").unwrap_err();
        assert_eq!((m.code, text(&m, "column")), (Code::ModelNotJson, "15".into()));
        let nested = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        let m = parse::<File>(&nested).unwrap_err();
        assert_eq!(text(&m, "reason"), "deep");
    }

    #[test]
    fn a_long_text_is_quoted_by_its_start() {
        let long = "ü".repeat(QUOTE + 10);
        let m = parse::<File>(&format!(r#"{{"layers":"{long}"}}"#)).unwrap_err();
        let quoted = text(&m, "found");
        assert_eq!(quoted.chars().count(), QUOTE + 1);
        assert!(quoted.ends_with('…'));
    }
}
