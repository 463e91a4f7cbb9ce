//! Two runs side by side: a playground setting and the same with one thing
//! changed, trained from the same seed; and the lecture's six-step recipe
//! for training a network, each step a card that sets the pair up and
//! checks on the real numbers what the step is meant to show.

use crate::config::error::ConfigError;
use crate::config::table::{from_query, set, whole, Configurable, Group, Kind, Setting};
use crate::config::{Effect, Settings};
use crate::train::trainer::Trainer;

/// The settings a comparison may change: those a student would try against each other.
pub const COMPARABLE: &[&str] = &[
    "none",
    "optimizer",
    "lr",
    "activation",
    "layers",
    "init",
    "batch",
    "reg",
    "regRate",
    "dropout",
    "batchNorm",
    "augment",
    "patience",
    "ensemble",
    "weightDecay",
    "features",
    "standardize",
];

/// The lab's own keys; the rest of its link is the first run's playground keys.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSettings {
    /// The recipe's card shown (1 to 6), or 0 for a free comparison.
    pub card: usize,
    /// The playground key the second run changes ("none": one run).
    pub versus: &'static str,
    /// The second run's value of that key, in link form.
    pub with: String,
}

impl Default for CompareSettings {
    fn default() -> Self {
        CompareSettings {
            card: 0,
            versus: "optimizer",
            with: "adam".into(),
        }
    }
}

/// A row of the table.
type Row = Setting<CompareSettings>;

/// Every setting of the lab, in link order.
pub static COMPARE_SETTINGS: &[Row] = &[
    Row::new(
        "card",
        Group::Recipe,
        whole(0, CARDS.len() as u64, 1),
        Effect::Reset,
        |s| s.card.to_string(),
        |s, v| s.card = v.size(),
    ),
    Row::new(
        "versus",
        Group::Compare,
        Kind::Choice {
            options: COMPARABLE,
            family: None,
        },
        Effect::Reset,
        |s| s.versus.to_string(),
        |s, v| {
            if let crate::config::table::Value::Choice(name) = v {
                s.versus = name;
            }
        },
    ),
    Row::new(
        "with",
        Group::Compare,
        Kind::Text { most: 60 },
        Effect::Reset,
        |s| s.with.clone(),
        |s, v| s.with = v.text(),
    )
    .applies(|s| s.versus != "none"),
];

impl Configurable for CompareSettings {
    fn table() -> &'static [Setting<CompareSettings>] {
        COMPARE_SETTINGS
    }
}

/// The recipe's cards, in the registry ([`crate::labs::each`]): a card sets the pair up.
pub struct Recipe;

impl crate::labs::Lab for Recipe {
    const NAME: &'static str = "recipe";
    const HANDLE: &'static str = "CompareLab";
    const EXAMPLE: &'static str = "card=4";
    type Settings = CompareSettings;
}

/// The free comparison, in the registry: the playground's setting against one change.
pub struct Compare;

impl crate::labs::Lab for Compare {
    const NAME: &'static str = "compare";
    const HANDLE: &'static str = "CompareLab";
    const EXAMPLE: &'static str = "versus=dropout&with=0.3";
    type Settings = CompareSettings;
}

/// The second run's settings: the first's with the one change, or None
/// without one. A change the playground's table refuses is the error.
pub fn second(first: &Settings, s: &CompareSettings) -> Result<Option<Settings>, ConfigError> {
    if s.versus == "none" {
        return Ok(None);
    }
    let mut b = first.clone();
    set(&mut b, s.versus, &s.with)?;
    Ok(Some(b))
}

/// A value of `key` other than the first run's, for a comparison that has
/// just picked `key`: another option, the flag flipped, the next usual
/// value, one more, or a wider network.
pub fn alternative(first: &Settings, key: &str) -> Option<String> {
    let setting = crate::config::table::find::<Settings>(key)?;
    let now = (setting.get)(first);
    let valid = |v: &String| *v != now && set(&mut first.clone(), key, v).is_ok();
    let candidates: Vec<String> = match setting.kind {
        Kind::Choice { options, .. } => options.iter().map(|o| o.to_string()).collect(),
        Kind::Activations => crate::nn::Activation::NAMES.iter().map(|o| o.to_string()).collect(),
        Kind::Flag => vec!["1".into(), "0".into()],
        Kind::Real { ticks, .. } if !ticks.is_empty() => ticks.iter().map(|t| t.to_string()).collect(),
        Kind::Real { min, max, .. } => vec![((min + max) / 2.0).to_string(), max.to_string()],
        Kind::Whole { min, max, .. } => {
            let n: u64 = now.parse().unwrap_or(min);
            vec![(n + 1).min(max).to_string(), n.saturating_sub(1).max(min).to_string()]
        }
        Kind::Layers { .. } => vec!["8,8".into(), "4".into()],
        Kind::Features => vec!["x1,x2,x1sq,x2sq".into(), "x1,x2".into()],
        _ => Vec::new(),
    };
    candidates.into_iter().find(valid)
}

/// The recipe's small noisy dataset: two overlapping gaussians, 50
/// training points, 50 for testing.
pub const RECIPE_DATA: &str = "dataset=gauss&points=100&noise=0.5&trainShare=0.5&seed=3";
/// The big network of the overfitting step. Its regularisation rate and
/// weight decay wait for a comparison that switches L2 or AdamW on.
const BIG: &str = "layers=16,16,16&activation=tanh&optimizer=adam&lr=0.003&regRate=0.01&weightDecay=1";

/// One step of the recipe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Card {
    /// Its name, for the page's words (`lab.recipe.NAME.…`).
    pub name: &'static str,
    /// The first run's playground keys (after the recipe's data).
    pub first: &'static str,
    /// The change of the second run, if there is one.
    pub versus: Option<(&'static str, &'static str)>,
    /// Other changes the card offers in its place.
    pub alternatives: &'static [(&'static str, &'static str)],
    /// Epochs the card trains before it checks.
    pub epochs: usize,
}

/// The six steps, in order.
pub const CARDS: [Card; 6] = [
    Card {
        name: "data",
        first: "layers=&init=zero&optimizer=adam&lr=0.01",
        versus: None,
        alternatives: &[],
        epochs: 0,
    },
    Card {
        name: "baseline",
        first: "layers=&init=zero&optimizer=adam&lr=0.01",
        versus: None,
        alternatives: &[],
        epochs: 100,
    },
    Card {
        name: "overfit",
        first: BIG,
        versus: None,
        alternatives: &[],
        epochs: 300,
    },
    Card {
        name: "regularise",
        first: BIG,
        versus: Some(("reg", "l2")),
        alternatives: &[
            ("reg", "l2"),
            ("optimizer", "adamw"),
            ("dropout", "0.3"),
            ("augment", "0.5"),
            ("patience", "20"),
            ("ensemble", "5"),
        ],
        epochs: 300,
    },
    Card {
        name: "architecture",
        first: BIG,
        versus: Some(("layers", "4")),
        alternatives: &[("layers", "4"), ("layers", "8"), ("layers", "8,8")],
        epochs: 300,
    },
    Card {
        name: "repeat",
        first: "layers=16,16,16&activation=tanh&optimizer=adam&lr=0.003&reg=l2&regRate=0.01",
        versus: Some(("layers", "4")),
        alternatives: &[("layers", "4"), ("dropout", "0.3"), ("augment", "0.5")],
        epochs: 300,
    },
];

impl Card {
    /// The first run's link.
    pub fn first_query(&self) -> String {
        format!("{RECIPE_DATA}&{}", self.first)
    }

    /// The card's own keys, which set up the pair.
    pub fn own_query(&self, number: usize) -> String {
        let (versus, with) = self.versus.unwrap_or(("none", ""));
        format!("card={number}&versus={versus}&with={with}")
    }
}

/// What a card found on the real numbers.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Check {
    /// Whether the step showed what it is meant to.
    pub passed: bool,
    /// The numbers it rests on, by name (the page has words for each).
    pub values: Vec<(&'static str, f64)>,
}

/// The generalisation gap of a run: its last test loss minus its last training loss.
fn gap(t: &Trainer) -> f64 {
    t.history
        .last()
        .map_or(f64::NAN, |r| (r.test.loss - r.train.loss) as f64)
}

/// The epoch of the lowest test loss, and that loss.
fn best_test(t: &Trainer) -> (usize, f64) {
    t.history.records.iter().fold((0, f64::INFINITY), |(e, l), r| {
        if (r.test.loss as f64) < l {
            (r.epoch, r.test.loss as f64)
        } else {
            (e, l)
        }
    })
}

/// Card `card`'s check on the first run `a` and the second `b`.
pub fn check(card: &Card, a: &Trainer, b: Option<&Trainer>) -> Check {
    let last = |t: &Trainer| *t.history.last().expect("epoch 0 is recorded");
    match card.name {
        "data" => {
            let y = &a.data.train.y;
            let classes = a.members[0].mlp.outputs().max(2);
            let counts: Vec<f64> = (0..classes)
                .map(|c| y.iter().filter(|&&v| v as usize == c).count() as f64)
                .collect();
            let range = |i: usize| {
                let v = a.data.train.points.iter().map(|p| p[i] as f64);
                let (lo, hi) = v.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
                (lo, hi)
            };
            let ((x1lo, x1hi), (x2lo, x2hi)) = (range(0), range(1));
            let smallest = counts.iter().copied().fold(f64::INFINITY, f64::min);
            let largest = counts.iter().copied().fold(0.0, f64::max);
            Check {
                passed: smallest >= 0.3 * largest,
                values: vec![
                    ("class0", counts[0]),
                    ("class1", counts[1]),
                    ("x1min", x1lo),
                    ("x1max", x1hi),
                    ("x2min", x2lo),
                    ("x2max", x2hi),
                ],
            }
        }
        "baseline" => {
            let y = &a.data.test.y;
            let classes = a.members[0].mlp.outputs().max(2);
            let majority = (0..classes)
                .map(|c| y.iter().filter(|&&v| v as usize == c).count())
                .max()
                .unwrap_or(0) as f64
                / y.len().max(1) as f64;
            let init = a.history.records[0].train.loss as f64;
            let chance = (classes as f64).ln();
            let linear = last(a).test.accuracy as f64;
            Check {
                passed: (init - chance).abs() <= 0.05 * chance && linear >= majority,
                values: vec![
                    ("majority", majority),
                    ("linearAccuracy", linear),
                    ("initLoss", init),
                    ("lnClasses", chance),
                ],
            }
        }
        "overfit" => {
            let (turn, best) = best_test(a);
            let end = last(a);
            Check {
                passed: (end.train.loss as f64) < 0.05 && (end.test.loss as f64) > 1.5 * best && turn < end.epoch,
                values: vec![
                    ("turn", turn as f64),
                    ("bestTest", best),
                    ("train", end.train.loss as f64),
                    ("test", end.test.loss as f64),
                ],
            }
        }
        _ => {
            let (ga, gb) = (gap(a), b.map_or(f64::NAN, gap));
            let accuracy = b.map_or(f64::NAN, |b| last(b).test.accuracy as f64);
            Check {
                passed: gb < ga,
                values: vec![("gapA", ga), ("gapB", gb), ("accuracyB", accuracy)],
            }
        }
    }
}

/// The settings of a link's playground keys, for a card or a comparison.
pub fn first_settings(query: &str) -> (Settings, Vec<ConfigError>) {
    from_query::<Settings>(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(query: &str, epochs: usize) -> Trainer {
        let (settings, errors) = first_settings(query);
        assert!(errors.is_empty(), "{errors:?}");
        let mut t = Trainer::new(&settings);
        for _ in 0..epochs {
            if !t.train_epoch() {
                break;
            }
        }
        t
    }

    #[test]
    fn every_cards_check_passes_on_its_own_preset() {
        for (i, card) in CARDS.iter().enumerate() {
            let a = run(&card.first_query(), card.epochs);
            let (own, errors) = from_query::<CompareSettings>(&card.own_query(i + 1));
            assert!(errors.is_empty(), "{errors:?}");
            let b = second(&a_settings(card), &own).expect("a valid change").map(|s| {
                let mut t = Trainer::new(&s);
                for _ in 0..card.epochs {
                    if !t.train_epoch() {
                        break;
                    }
                }
                t
            });
            let check = check(card, &a, b.as_ref());
            assert!(check.passed, "{}: {:?}", card.name, check.values);
            // Each change the card offers instead shows the same.
            for &(versus, with) in card.alternatives {
                let own = CompareSettings {
                    card: i + 1,
                    versus,
                    with: with.into(),
                };
                let b = second(&a_settings(card), &own).expect("valid").expect("a second run");
                let mut b = Trainer::new(&b);
                for _ in 0..card.epochs {
                    if !b.train_epoch() {
                        break;
                    }
                }
                let check = super::check(card, &a, Some(&b));
                assert!(check.passed, "{} with {versus}={with}: {:?}", card.name, check.values);
            }
        }
    }

    fn a_settings(card: &Card) -> Settings {
        first_settings(&card.first_query()).0
    }

    #[test]
    fn every_comparable_key_has_a_valid_alternative() {
        let first = Settings::default();
        for key in COMPARABLE.iter().skip(1) {
            let with = alternative(&first, key).unwrap_or_else(|| panic!("{key}"));
            let s = CompareSettings {
                card: 0,
                versus: key,
                with,
            };
            assert!(second(&first, &s).expect("valid").is_some(), "{key}");
        }
    }

    #[test]
    fn a_change_the_playground_refuses_is_an_error_and_none_is_one_run() {
        let a = Settings::default();
        let mut s = CompareSettings {
            versus: "lr",
            with: "99".into(),
            ..CompareSettings::default()
        };
        assert!(second(&a, &s).is_err());
        s.with = "0.1".into();
        assert_eq!(second(&a, &s).unwrap().unwrap().training.optimizer.learning_rate, 0.1);
        s.versus = "none";
        assert!(second(&a, &s).unwrap().is_none());
    }
}
