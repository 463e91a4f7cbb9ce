//! Share links, fuzzed: generated links (random text, broken percent
//! escapes, huge, negative and non-finite numbers, repeated keys, lists of
//! thousands of items, 100 kB values, valid keys with damaged values) read
//! by the playground's table and every lab's. None may panic; each gives
//! valid settings, and every key of the link is either applied as written
//! or named in a message that quotes it safely.
//!
//! `FUZZ_CASES` sets the number of links, spread over the tables (half for
//! the playground's); `FUZZ_SEED` the generator's seed. The runs and their
//! times are in the README.

use neuroplay::config::table::{read_query, to_query, Configurable, Kind, Value};
use neuroplay::config::{ConfigError, Settings};
use neuroplay::data::Feature;
use neuroplay::labs::{self, Lab, Visitor};
use neuroplay::message::Param;
use neuroplay::nn::activation::Activation;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Links in all, unless `FUZZ_CASES` says otherwise (the test profile is
/// optimised at level 1, so `cargo test` reads them in seconds).
const DEFAULT_CASES: usize = 100_000;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Text that breaks things: control and bidirectional characters, escapes
/// the page could not decode, separators, non-ASCII.
const NASTY: [&str; 24] = [
    "\u{202E}", "\u{2066}", "\u{200F}", "\n", "\r", "\0", "\t", "%", "%G1", "%E2%80", "%%", "=", ",", ":", ";", " ",
    "é", "ž", "🧠", "\u{FEFF}", "\u{FFFD}", "#", "?", "\u{7F}",
];

/// Numbers as a hand-edited link might write them.
const ODD_NUMBERS: [&str; 24] = [
    "NaN",
    "nan",
    "inf",
    "-inf",
    "infinity",
    "1e309",
    "-1e309",
    "1e-400",
    "-0",
    "0x10",
    "+3",
    " 3",
    "3 ",
    "1_000",
    "",
    "-1",
    "99999999999999999999999999",
    "1e38",
    "3.4028236e38",
    "0.0000001",
    "1,5",
    "1.5.2",
    "e",
    "-",
];

/// Random text of up to `len` characters, mostly printable, some nasty.
fn junk(rng: &mut StdRng, len: usize) -> String {
    let n = rng.random_range(0..=len);
    (0..n)
        .map(|_| match rng.random_range(0..10) {
            0 => NASTY[rng.random_range(0..NASTY.len())].to_string(),
            1 => char::from_u32(rng.random_range(0..0x3_0000)).map_or(String::new(), String::from),
            _ => char::from(rng.random_range(b' '..=b'~')).to_string(),
        })
        .collect()
}

/// A number: usually in or near [min, max], sometimes odd.
fn number(rng: &mut StdRng, min: f64, max: f64) -> String {
    match rng.random_range(0..12) {
        0 => ODD_NUMBERS[rng.random_range(0..ODD_NUMBERS.len())].to_string(),
        1 => min.to_string(),
        2 => max.to_string(),
        3 => (max + 1.0).to_string(),
        4 => (min - 1.0).to_string(),
        5 => f32::from_bits(rng.random()).to_string(),
        _ => (min + (max - min) * rng.random::<f64>()).to_string(),
    }
}

/// A whole number, usually in or near [min, max].
fn whole(rng: &mut StdRng, min: u64, max: u64) -> String {
    match rng.random_range(0..8) {
        0 => number(rng, min as f64, max as f64),
        1 => max.saturating_add(1).to_string(),
        2 => u64::MAX.to_string(),
        _ => rng.random_range(min..=max).to_string(),
    }
}

/// A list of `item`s joined by `sep`: a few, or now and then thousands,
/// some of them empty.
fn list(rng: &mut StdRng, most: usize, sep: &str, mut item: impl FnMut(&mut StdRng) -> String) -> String {
    let n = match rng.random_range(0..1000) {
        0 => rng.random_range(1000..5000),
        1..=20 => 0,
        _ => rng.random_range(1..=most + 2),
    };
    (0..n)
        .map(|_| {
            if rng.random_range(0..30) == 0 {
                String::new()
            } else {
                item(rng)
            }
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// A value for a setting of `kind`: well formed, near its limits, or damaged.
fn value(rng: &mut StdRng, kind: &Kind) -> String {
    let pick = |rng: &mut StdRng, names: &[&str]| names[rng.random_range(0..names.len())].to_string();
    let text = match *kind {
        Kind::Choice { options, .. } => pick(rng, options),
        Kind::Flag => pick(rng, &["0", "1", "true", "false", "2", "yes", ""]),
        Kind::Whole { min, max, .. } => whole(rng, min, max),
        Kind::Real { min, max, .. } => number(rng, min.into(), max.into()),
        Kind::Layers { most, neurons } => list(rng, most + 1, ",", |r| whole(r, 1, neurons as u64 + 1)),
        Kind::Activations => list(rng, 9, ",", |r| pick(r, &Activation::NAMES)),
        Kind::Features => list(rng, 5, ",", |r| pick(r, &Feature::NAMES)),
        Kind::Point { min, max } => format!(
            "{},{}",
            number(rng, min.into(), max.into()),
            number(rng, min.into(), max.into())
        ),
        Kind::Points { most, min, max } => list(rng, most, ",", |r| {
            format!(
                "{}:{}",
                number(r, min.into(), max.into()),
                number(r, min.into(), max.into())
            )
        }),
        Kind::Rows { most, extent } => list(rng, most.min(20), ",", |r| {
            let e = f64::from(extent);
            format!("{}:{}:{}", number(r, -e, e), number(r, -e, e), whole(r, 0, 6))
        }),
        Kind::Units { most, min, max } => list(rng, most, ",", |r| {
            let n = |r: &mut StdRng| number(r, min.into(), max.into());
            format!("{}:{}:{}", n(r), n(r), n(r))
        }),
        Kind::Edits { most } => list(rng, most, ",", |r| {
            let value = number(r, -2000.0, 2000.0);
            if r.random_range(0..2) == 0 {
                format!("w{}.{}.{}:{value}", whole(r, 0, 9), whole(r, 0, 33), whole(r, 0, 33))
            } else {
                format!("b{}.{}:{value}", whole(r, 0, 9), whole(r, 0, 33))
            }
        }),
        Kind::Text { most } => junk(rng, most + 5),
        Kind::Triple { min, max } => list(rng, 3, ",", |r| number(r, min.into(), max.into())),
    };
    // Damage some: a nasty piece spliced in, or the whole value replaced.
    match rng.random_range(0..20) {
        0 => {
            let at = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(rng.random_range(0..=text.chars().count()))
                .unwrap_or(text.len());
            format!(
                "{}{}{}",
                &text[..at],
                NASTY[rng.random_range(0..NASTY.len())],
                &text[at..]
            )
        }
        1 => junk(rng, 60),
        _ => text,
    }
}

/// One generated link for the table of `S`.
fn link<S: Configurable>(rng: &mut StdRng) -> String {
    let table = S::table();
    match rng.random_range(0..1000) {
        // Random text.
        0..=29 => return junk(rng, 200),
        // A 100 kB value for one key.
        30 => {
            let key = table[rng.random_range(0..table.len())].key;
            let fill = ["4,", "x1,", "a", "1:2:0,", "\u{202E}"][rng.random_range(0..5)];
            return format!("{key}={}", fill.repeat(100_000 / fill.len()));
        }
        // Thousands of unknown keys.
        31 => {
            return (0..rng.random_range(1000..5000))
                .map(|i| format!("k{i}=1"))
                .collect::<Vec<_>>()
                .join("&")
        }
        _ => {}
    }
    let n = rng.random_range(0..12);
    let mut pairs = Vec::with_capacity(n);
    for _ in 0..n {
        let pair = match rng.random_range(0..20) {
            0 => junk(rng, 20),
            1 => format!("{}={}", junk(rng, 10), junk(rng, 10)),
            _ => {
                let setting = &table[rng.random_range(0..table.len())];
                format!("{}={}", setting.key, value(rng, &setting.kind))
            }
        };
        pairs.push(pair);
    }
    // A key now and then given twice.
    if !pairs.is_empty() && rng.random_range(0..10) == 0 {
        let again = pairs[rng.random_range(0..pairs.len())].clone();
        pairs.push(again);
    }
    let sep = if rng.random_range(0..50) == 0 { "&&" } else { "&" };
    pairs.join(sep)
}

/// The pieces a link's value stands for, in a form that does not depend on
/// how it was written: one activation for every layer is one name, and the
/// user's rows are kept to hundredths.
fn normal(value: Value) -> Value {
    match value {
        Value::Activations(acts) if acts.windows(2).all(|w| w[0] == w[1]) => {
            Value::Activations(acts[..acts.len().min(1)].to_vec())
        }
        Value::Rows(rows) => Value::Rows(
            rows.into_iter()
                .map(|r| {
                    [
                        (r[0] * 100.0).round() / 100.0,
                        (r[1] * 100.0).round() / 100.0,
                        (r[2] * 1000.0).round() / 1000.0,
                    ]
                })
                .collect(),
        ),
        other => other,
    }
}

/// A character that must never reach the message area as itself.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Reads one link and checks every promise; panics name the link.
fn check<S: Configurable + PartialEq + std::fmt::Debug>(query: &str) {
    let (settings, errors) = read_query::<S>(query);
    let shown = || query.chars().take(300).collect::<String>();
    assert!(
        settings.validate().is_ok(),
        "{}: invalid settings {settings:?}",
        shown()
    );
    for (_, e) in &errors {
        let message = e.message();
        serde_json::to_string(&message).expect("a message serialises");
        for (name, param) in &message.params {
            if let Param::Text(t) = param {
                assert!(
                    t.chars().count() <= 40 * 10,
                    "{}: {name} is {} characters",
                    shown(),
                    t.len()
                );
                assert!(!t.chars().any(hidden), "{}: {name} = {t:?} hides characters", shown());
            }
        }
    }
    // Each key the table knows is applied as written (decoded), or reported.
    let link = neuroplay::config::link::split(query);
    for setting in S::table() {
        let Some(given) = link.get(setting.key) else {
            continue;
        };
        if errors
            .iter()
            .any(|(k, e)| k == setting.key && !matches!(e, ConfigError::Repeated { .. }))
        {
            continue;
        }
        // A setting that means nothing here (the activation of a network
        // without hidden layers) has no control on the page to show it.
        if !(setting.applies)(&settings) {
            continue;
        }
        let written = setting.kind.parse(setting.key, given).map(normal);
        let now = setting.kind.parse(setting.key, &(setting.get)(&settings)).map(normal);
        assert!(
            written.is_ok(),
            "{}: {}={given:?} applied but unreadable",
            shown(),
            setting.key
        );
        assert_eq!(now, written, "{}: {} silently changed", shown(), setting.key);
    }
    // The link the page then writes opens cleanly and writes itself again.
    let written = to_query(&settings);
    let (again, errors) = read_query::<S>(&written);
    assert!(errors.is_empty(), "{}: the written link gives {errors:?}", shown());
    assert_eq!(to_query(&again), written, "{}: the written link differs", shown());
}

/// `cases` generated links for the table of `S`, from `seed`.
fn fuzz<S: Configurable + PartialEq + std::fmt::Debug>(seed: u64, cases: usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    for _ in 0..cases {
        let query = link::<S>(&mut rng);
        check::<S>(&query);
    }
}

#[test]
fn generated_links_never_panic_and_every_key_is_applied_or_reported() {
    let cases = env("FUZZ_CASES", DEFAULT_CASES as u64) as usize;
    let seed = env("FUZZ_SEED", 13);
    // Half for the playground, the rest shared by the labs' tables.
    struct Labs {
        seed: u64,
        cases: usize,
        tables: Vec<std::any::TypeId>,
    }
    impl Visitor for Labs {
        fn visit<L: Lab>(&mut self) {
            // Labs that share a table (the recipe and the side by side) fuzz it once.
            let table = std::any::TypeId::of::<L::Settings>();
            if !self.tables.contains(&table) {
                self.tables.push(table);
                fuzz::<L::Settings>(self.seed + self.tables.len() as u64, self.cases);
            }
        }
    }
    let lab = cases / 2 / labs::all().len();
    let start = std::time::Instant::now();
    fuzz::<Settings>(seed, cases / 2);
    labs::each(&mut Labs {
        seed,
        cases: lab,
        tables: Vec::new(),
    });
    eprintln!("{cases} links in {:.1} s", start.elapsed().as_secs_f64());
}

#[test]
fn the_issues_examples_are_each_applied_or_reported() {
    for query in [
        "layers=,,,",
        "layers=4,,4",
        "features=x1,x1,x1",
        "features=x1,,x2",
        "dataset=sin&features=x2",
        "dataset=table&features=x2,x2sq",
        "seed=1&seed=2",
        "lr=1e309&points=-5&noise=NaN",
        "lr=1\u{202E}0",
    ] {
        check::<Settings>(query);
        assert!(!read_query::<Settings>(query).1.is_empty(), "{query}: reported");
    }
    // Found by a million links: rounding a target near f32::MAX to
    // thousandths made it infinite, and the written link unreadable.
    check::<Settings>("dataset=own-values&rows=4.64:0:3.4028236e38");
}
