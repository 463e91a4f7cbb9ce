//! TensorFlow Playground's share links, read into ours.
//!
//! Its hash holds the keys of its `State` (src/state.ts in
//! tensorflow/playground): `activation batchSize dataset regDataset
//! learningRate regularizationRate regularization noise networkShape seed
//! showTestData discretize percTrainData x y xTimesY xSquared ySquared cosX
//! sinX cosY sinY collectStats tutorial problem initZero hideText`, and
//! `NAME_hide=true` for each control it hides. A link with any key only it
//! has is recognised and written as our link: its dataset with its
//! generators, its noise (a percentage there, a share here), its network
//! with the tanh output head and squared error, its initialisation
//! (`init=tfp`), its features; what has no equivalent here is named.
//! Everything goes through the settings table, so its limits hold.

use super::settings::Settings;
use crate::message::{Code, Message};

/// Keys only TensorFlow Playground's links have: one of them makes a link its.
const ITS_KEYS: &[&str] = &[
    "batchSize",
    "regDataset",
    "learningRate",
    "regularizationRate",
    "regularization",
    "networkShape",
    "showTestData",
    "percTrainData",
    "x",
    "y",
    "xTimesY",
    "xSquared",
    "ySquared",
    "cosX",
    "sinX",
    "cosY",
    "sinY",
    "collectStats",
    "tutorial",
    "problem",
    "initZero",
    "hideText",
];

/// Its suffix of a key that hides a control.
const HIDE: &str = "_hide";

/// Its input features and ours, in our order; its defaults are x and y alone.
const FEATURES: [(&str, &str, bool); 7] = [
    ("x", "x1", true),
    ("y", "x2", true),
    ("xSquared", "x1sq", false),
    ("ySquared", "x2sq", false),
    ("xTimesY", "x1x2", false),
    ("sinX", "sinx1", false),
    ("sinY", "sinx2", false),
];

/// Its controls that can be hidden, and the page's names for them.
const CONTROLS: [(&str, &str); 13] = [
    ("showTestData", "showTest"),
    ("discretize", "discretize"),
    ("stepButton", "step"),
    ("resetButton", "reset"),
    ("learningRate", "lr"),
    ("activation", "activation"),
    ("regularization", "reg"),
    ("regularizationRate", "regRate"),
    ("dataset", "dataset"),
    ("percTrainData", "trainShare"),
    ("noise", "noise"),
    ("batchSize", "batch"),
    ("numHiddenLayers", "layers"),
];

/// Points it generates: 500 to classify, 1,200 for regression (playground.ts).
const POINTS_CLASSIFY: &str = "500";
const POINTS_REGRESS: &str = "1200";

/// One of its links in our terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Translation {
    /// Our hash, without `#`: every core setting, then page keys, then any
    /// pair that is neither its nor ours, as written (the page reports it).
    pub hash: String,
    /// Its pairs that have no equivalent here, as written (`cosX=true`).
    pub dropped: Vec<String>,
}

impl Translation {
    /// What the page says about the link: translated, and what was dropped.
    pub fn message(&self) -> Message {
        if self.dropped.is_empty() {
            Message::new(Code::TfpLink)
        } else {
            Message::new(Code::TfpDropped).with("dropped", self.dropped.join(", "))
        }
    }
}

/// The hash part of a full URL (`https://…/#a=1`), or the text itself.
fn hash_of(link: &str) -> &str {
    let link = link.trim();
    match link.find('#') {
        Some(at) => &link[at + 1..],
        None => link.trim_start_matches('?'),
    }
}

/// Our seed for its: its seeds are text (`0.59874` when it drew one); the
/// digits make ours (59874), so a seed reads alike in both links.
fn seed_from(text: &str) -> u32 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let tail = &digits[digits.len().saturating_sub(9)..];
    tail.parse().unwrap_or(0)
}

/// A share from its percentage (`25` → `0.25`), or None if it is no number.
fn share(percent: &str) -> Option<String> {
    percent.trim().parse::<f32>().ok().map(|p| (p / 100.0).to_string())
}

/// Reads `link` (a full URL or a bare hash) as a TensorFlow Playground
/// link; None when it is not one.
pub fn translate(link: &str) -> Option<Translation> {
    // Its values as written: its reader does not decode them either.
    let pairs: Vec<(&str, &str)> = super::link::raw_pairs(hash_of(link)).map(|(_, k, v)| (k, v)).collect();
    if !pairs.iter().any(|(k, _)| ITS_KEYS.contains(k) || k.ends_with(HIDE)) {
        return None;
    }
    // As its reader: the last pair of a key wins; an empty value is no value.
    let value = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let on = |key: &str, default: bool| value(key).map_or(default, |v| v != "false");
    let hidden = |name: &str| value(&format!("{name}{HIDE}")) == Some("true");

    let mut dropped: Vec<String> = Vec::new();
    // Ours, in the order the table reads them: (its pair as written, our key, our value).
    let mut ours: Vec<(String, &str, String)> = Vec::new();
    let mut put = |its: &str, key: &'static str, v: String| ours.push((its.to_string(), key, v));

    let regression = match value("problem") {
        Some("regression") => true,
        None | Some("classification") => false,
        Some(other) => {
            dropped.push(format!("problem={other}"));
            false
        }
    };
    if regression {
        let dataset = match value("regDataset") {
            None | Some("reg-plane") => "plane",
            Some("reg-gauss") => "gaussians",
            Some(other) => {
                dropped.push(format!("regDataset={other}"));
                "plane"
            }
        };
        put("regDataset", "dataset", dataset.into());
        put("problem", "points", POINTS_REGRESS.into());
    } else {
        let dataset = match value("dataset") {
            None => "circle",
            Some(d @ ("circle" | "xor" | "gauss" | "spiral")) => d,
            Some(other) => {
                dropped.push(format!("dataset={other}"));
                "circle"
            }
        };
        put("dataset", "dataset", dataset.into());
        put("problem", "points", POINTS_CLASSIFY.into());
        put("problem", "output", "tanh".into());
    }
    if let Some(v) = value("noise") {
        put(&format!("noise={v}"), "noise", share(v).unwrap_or_else(|| v.into()));
    }
    if let Some(v) = value("percTrainData") {
        put(
            &format!("percTrainData={v}"),
            "trainShare",
            share(v).unwrap_or_else(|| v.into()),
        );
    } else {
        put("percTrainData", "trainShare", "0.5".into());
    }
    // Its inputs: those on and not hidden (a hidden input leaves its network).
    let features: Vec<&str> = FEATURES
        .iter()
        .filter(|(its, _, default)| on(its, *default) && !hidden(its))
        .map(|(_, ours, _)| *ours)
        .collect();
    for its in ["cosX", "cosY"] {
        if on(its, false) && !hidden(its) {
            dropped.push(format!("{its}=true"));
        }
    }
    put("x", "features", features.join(","));
    if let Some((_, v)) = pairs.iter().rev().find(|(k, _)| *k == "networkShape") {
        put(&format!("networkShape={v}"), "layers", v.trim().into());
    }
    if let Some(v) = value("activation") {
        put(&format!("activation={v}"), "activation", v.into());
    }
    put("", "optimizer", "sgd".into());
    put(
        "initZero",
        "init",
        if on("initZero", false) { "zero" } else { "tfp" }.into(),
    );
    if let Some(v) = value("learningRate") {
        put(&format!("learningRate={v}"), "lr", v.into());
    }
    if let Some(v) = value("batchSize") {
        put(&format!("batchSize={v}"), "batch", v.into());
    }
    if let Some(v) = value("regularization") {
        let ours = match v {
            "L1" => "l1",
            "L2" => "l2",
            other => other,
        };
        put(&format!("regularization={v}"), "reg", ours.into());
    }
    if let Some(v) = value("regularizationRate") {
        put(&format!("regularizationRate={v}"), "regRate", v.into());
    }
    if let Some(v) = value("seed") {
        put(&format!("seed={v}"), "seed", seed_from(v).to_string());
    }

    // Through the table: what it refuses (a rate beyond our limits, an
    // unknown activation, no input left) is dropped and named.
    let mut settings = Settings::default();
    for (its, key, v) in &ours {
        if settings.set(key, v).is_err() && !its.is_empty() {
            dropped.push(its.clone());
        }
    }

    if on("collectStats", false) {
        dropped.push("collectStats=true".into());
    }
    if let Some(v) = value("tutorial") {
        dropped.push(format!("tutorial={v}"));
    }
    // Its text below the playground: the page has none to hide.
    let mut hide: Vec<&str> = Vec::new();
    for (key, v) in &pairs {
        let Some(name) = key.strip_suffix(HIDE) else { continue };
        if *v != "true" || FEATURES.iter().any(|(its, _, _)| *its == name) || ["cosX", "cosY"].contains(&name) {
            continue;
        }
        match CONTROLS.iter().find(|(its, _)| *its == name) {
            Some((_, ours)) if !hide.contains(ours) => hide.push(ours),
            Some(_) => {}
            None => dropped.push(format!("{key}=true")),
        }
    }
    let mut page = vec![
        format!("showTest={}", u8::from(on("showTestData", false))),
        format!("discretize={}", u8::from(on("discretize", false))),
    ];
    if !hide.is_empty() {
        page.push(format!("hide={}", hide.join(",")));
    }
    // Pairs neither its nor its hide keys go on as written: ours (`lang=cs`)
    // are read, anything else is reported by the usual reader.
    let known = |k: &str| {
        ITS_KEYS.contains(&k)
            || k.ends_with(HIDE)
            || ["activation", "dataset", "noise", "seed", "discretize"].contains(&k)
    };
    let rest = pairs.iter().filter(|(k, _)| !known(k)).map(|(k, v)| format!("{k}={v}"));
    let hash = std::iter::once(settings.to_query())
        .chain(page)
        .chain(rest)
        .collect::<Vec<_>>()
        .join("&");
    dropped.dedup();
    Some(Translation { hash, dropped })
}
