//! The one table of settings. For each key: its group, its type with its
//! options or limits, whether a change is live or starts training over,
//! when it applies, which options it allows, and how it is read and
//! written. Links, the handle's `set` and `get`, and the page's controls
//! all come from this table, so a rule lives here and nowhere else.

use super::error::ConfigError;
use super::limits::*;
use super::settings::{truncate, Effect, Regularization, Settings};
use crate::data::datasets::DatasetKind;
use crate::data::features::{Feature, FeatureSet};
use crate::message::Expected;
use crate::nn::activation::Activation;
use crate::nn::head::Head;
use crate::nn::init::Init;
use crate::train::optimizer::OptimizerKind;
use serde_json::{json, Map, Value as Json};
use std::fmt::Display;

/// Where a setting sits on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The data panel.
    Data,
    /// The network's header and inputs.
    Network,
    /// The training panel.
    Training,
}

named_enum!(Group, "group", [Data => "data", Network => "network", Training => "training"]);

/// A setting's type, with its options or limits.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// One of `options` (link names). `family` sorts them into groups.
    Choice {
        /// Every option, in the order the page lists them.
        options: &'static [&'static str],
        /// The group each option belongs to, when the page groups them.
        family: Option<fn(&str) -> &'static str>,
    },
    /// On or off: `1` or `0` in a link.
    Flag,
    /// A whole number in [min, max].
    Whole {
        /// Smallest value.
        min: u64,
        /// Largest value.
        max: u64,
        /// The control's increment.
        step: u64,
        /// Offer every value from min to max as a choice.
        pick: bool,
    },
    /// A real number in [min, max].
    Real {
        /// Smallest value.
        min: f32,
        /// Largest value.
        max: f32,
        /// The control's increment (0 when the control offers `ticks`).
        step: f32,
        /// The usual values, offered as choices; empty for a slider.
        ticks: &'static [f32],
        /// Shown as a percentage.
        percent: bool,
    },
    /// The hidden layers' widths: up to [`MAX_HIDDEN_LAYERS`] numbers from 1 to [`MAX_NEURONS`].
    Layers,
    /// One activation for every hidden layer, or one per layer.
    Activations,
    /// A non-empty set of input features.
    Features,
}

/// A value read from a link, checked against its [`Kind`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A flag.
    Flag(bool),
    /// A whole number.
    Whole(u64),
    /// A real number.
    Real(f32),
    /// An option's name.
    Choice(&'static str),
    /// Hidden-layer widths.
    Layers(Vec<usize>),
    /// Activations.
    Activations(Vec<Activation>),
    /// Input features.
    Features(FeatureSet),
}

impl Value {
    fn flag(self) -> bool {
        matches!(self, Value::Flag(true))
    }

    fn whole(self) -> u64 {
        match self {
            Value::Whole(n) => n,
            other => unreachable!("{other:?} is not a whole number"),
        }
    }

    fn size(self) -> usize {
        self.whole() as usize
    }

    fn real(self) -> f32 {
        match self {
            Value::Real(x) => x,
            other => unreachable!("{other:?} is not a number"),
        }
    }

    /// The chosen option, as the enum whose names the options are.
    fn named<T: std::str::FromStr>(self) -> T {
        match self {
            Value::Choice(name) => name.parse().ok().expect("options are the enum's names"),
            other => unreachable!("{other:?} is not a choice"),
        }
    }
}

/// One row of the table.
pub struct Setting {
    /// The key in links and in the page's tables.
    pub key: &'static str,
    /// Where the page shows it.
    pub group: Group,
    /// Its type and limits.
    pub kind: Kind,
    /// Whether a change is live or starts training over.
    pub effect: Effect,
    /// Whether the setting means anything under the current settings.
    pub applies: fn(&Settings) -> bool,
    /// Whether an option may be chosen under the current settings.
    pub allowed: fn(&Settings, &str) -> bool,
    /// The current value in link form.
    pub get: fn(&Settings) -> String,
    /// Stores a checked value, with what follows from it.
    pub assign: fn(&mut Settings, Value),
}

fn always(_: &Settings) -> bool {
    true
}

fn any_option(_: &Settings, _: &str) -> bool {
    true
}

fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

fn join<T: Display>(items: &[T]) -> String {
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

/// A real setting shown as a slider.
const fn slider(min: f32, max: f32, step: f32) -> Kind {
    Kind::Real {
        min,
        max,
        step,
        ticks: &[],
        percent: false,
    }
}

/// A real setting shown as a percentage slider.
const fn percent(min: f32, max: f32, step: f32) -> Kind {
    Kind::Real {
        min,
        max,
        step,
        ticks: &[],
        percent: true,
    }
}

/// A real setting offered as a choice of its usual values.
const fn ticks(min: f32, max: f32, ticks: &'static [f32]) -> Kind {
    Kind::Real {
        min,
        max,
        step: 0.0,
        ticks,
        percent: false,
    }
}

const fn whole(min: u64, max: u64, step: u64) -> Kind {
    Kind::Whole {
        min,
        max,
        step,
        pick: false,
    }
}

/// Learning rates offered, from TensorFlow Playground's list.
const LEARNING_RATES: [f32; 11] = [1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0];
/// Regularisation rates and weight decays offered.
const RATES: [f32; 11] = [0.0, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0];

fn uses_momentum(s: &Settings) -> bool {
    matches!(
        s.training.optimizer.kind,
        OptimizerKind::Momentum | OptimizerKind::Nesterov
    )
}

fn is_adam(s: &Settings) -> bool {
    matches!(s.training.optimizer.kind, OptimizerKind::Adam | OptimizerKind::AdamW)
}

/// Every setting, in the order links are written and read: a key comes
/// after the keys it depends on (layers before activation, dataset before
/// output), and the seed comes last so that it stands out in a link.
pub static SETTINGS: [Setting; 29] = [
    Setting {
        key: "dataset",
        group: Group::Data,
        kind: Kind::Choice {
            options: &DatasetKind::NAMES,
            family: Some(|name| name.parse::<DatasetKind>().map_or("", DatasetKind::family)),
        },
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.data.dataset.to_string(),
        assign: |s, v| {
            s.data.dataset = v.named();
            // 1D data has only x1: keep the features of x1 alone.
            s.data.features = s.data.effective_features();
            s.fit_head();
        },
    },
    Setting {
        key: "classes",
        group: Group::Data,
        kind: Kind::Whole {
            min: MIN_CLASSES as u64,
            max: MAX_CLASSES as u64,
            step: 1,
            pick: true,
        },
        effect: Effect::Reset,
        applies: |s| s.data.dataset.is_multiclass(),
        allowed: any_option,
        get: |s| s.data.classes.to_string(),
        assign: |s, v| {
            s.data.classes = v.size();
            s.fit_head();
        },
    },
    Setting {
        key: "noise",
        group: Group::Data,
        kind: percent(0.0, MAX_NOISE, 0.05),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.data.noise.to_string(),
        assign: |s, v| s.data.noise = v.real(),
    },
    Setting {
        key: "points",
        group: Group::Data,
        kind: whole(MIN_POINTS as u64, MAX_POINTS as u64, 10),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.data.points.to_string(),
        assign: |s, v| s.data.points = v.size(),
    },
    Setting {
        key: "trainShare",
        group: Group::Data,
        kind: percent(MIN_TRAIN_SHARE, MAX_TRAIN_SHARE, 0.1),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.data.train_share.to_string(),
        assign: |s, v| s.data.train_share = v.real(),
    },
    Setting {
        key: "features",
        group: Group::Network,
        kind: Kind::Features,
        effect: Effect::Reset,
        applies: always,
        allowed: |s, name| !s.data.dataset.is_1d() || name.parse::<Feature>().is_ok_and(|f| !f.uses_x2()),
        get: |s| s.data.features.to_string(),
        assign: |s, v| {
            if let Value::Features(set) = v {
                s.data.features = set;
                s.data.features = s.data.effective_features();
            }
        },
    },
    Setting {
        key: "standardize",
        group: Group::Data,
        kind: Kind::Flag,
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| flag(s.data.standardize),
        assign: |s, v| s.data.standardize = v.flag(),
    },
    Setting {
        key: "augment",
        group: Group::Data,
        kind: slider(0.0, MAX_AUGMENT, 0.05),
        effect: Effect::Live,
        applies: always,
        allowed: any_option,
        get: |s| s.training.augment.to_string(),
        assign: |s, v| s.training.augment = v.real(),
    },
    Setting {
        key: "layers",
        group: Group::Network,
        kind: Kind::Layers,
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| join(&s.network.hidden),
        assign: |s, v| {
            if let Value::Layers(hidden) = v {
                let n = &mut s.network;
                let last = n.activations.last().copied().unwrap_or(Activation::Tanh);
                n.activations.resize(hidden.len(), last);
                n.hidden = hidden;
            }
        },
    },
    Setting {
        key: "activation",
        group: Group::Network,
        kind: Kind::Activations,
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| {
            let acts = &s.network.activations;
            match acts.first() {
                Some(&first) if acts.iter().any(|&a| a != first) => join(acts),
                Some(first) => first.to_string(),
                None => Activation::Tanh.to_string(),
            }
        },
        assign: |s, v| {
            if let Value::Activations(acts) = v {
                // One name sets every layer; a list must match the layers (validated).
                s.network.activations = match acts[..] {
                    [one] => vec![one; s.network.hidden.len()],
                    _ => acts,
                };
            }
        },
    },
    Setting {
        key: "output",
        group: Group::Network,
        kind: Kind::Choice {
            options: &Head::NAMES,
            family: None,
        },
        effect: Effect::Reset,
        applies: always,
        allowed: |s, name| name.parse().is_ok_and(|h| s.head_fits(h)),
        get: |s| s.network.head.to_string(),
        assign: |s, v| s.network.head = v.named(),
    },
    Setting {
        key: "optimizer",
        group: Group::Training,
        kind: Kind::Choice {
            options: &OptimizerKind::NAMES,
            family: None,
        },
        effect: Effect::Live,
        applies: always,
        allowed: any_option,
        get: |s| s.training.optimizer.kind.to_string(),
        assign: |s, v| s.training.optimizer.kind = v.named(),
    },
    Setting {
        key: "init",
        group: Group::Training,
        kind: Kind::Choice {
            options: &Init::NAMES,
            family: None,
        },
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.network.init.to_string(),
        assign: |s, v| s.network.init = v.named(),
    },
    Setting {
        key: "lr",
        group: Group::Training,
        kind: ticks(MIN_LEARNING_RATE, MAX_LEARNING_RATE, &LEARNING_RATES),
        effect: Effect::Live,
        applies: always,
        allowed: any_option,
        get: |s| s.training.optimizer.learning_rate.to_string(),
        assign: |s, v| s.training.optimizer.learning_rate = v.real(),
    },
    Setting {
        key: "momentum",
        group: Group::Training,
        kind: slider(0.0, MAX_MOMENTUM, 0.001),
        effect: Effect::Live,
        applies: uses_momentum,
        allowed: any_option,
        get: |s| s.training.optimizer.momentum.to_string(),
        assign: |s, v| s.training.optimizer.momentum = v.real(),
    },
    Setting {
        key: "rho",
        group: Group::Training,
        kind: ticks(0.0, MAX_DECAY, &[0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999]),
        effect: Effect::Live,
        applies: |s| s.training.optimizer.kind == OptimizerKind::RmsProp,
        allowed: any_option,
        get: |s| s.training.optimizer.rho.to_string(),
        assign: |s, v| s.training.optimizer.rho = v.real(),
    },
    Setting {
        key: "beta1",
        group: Group::Training,
        kind: ticks(0.0, MAX_DECAY, &[0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999]),
        effect: Effect::Live,
        applies: is_adam,
        allowed: any_option,
        get: |s| s.training.optimizer.beta1.to_string(),
        assign: |s, v| s.training.optimizer.beta1 = v.real(),
    },
    Setting {
        key: "beta2",
        group: Group::Training,
        kind: ticks(0.0, MAX_BETA2, &[0.9, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999]),
        effect: Effect::Live,
        applies: is_adam,
        allowed: any_option,
        get: |s| s.training.optimizer.beta2.to_string(),
        assign: |s, v| s.training.optimizer.beta2 = v.real(),
    },
    Setting {
        key: "epsilon",
        group: Group::Training,
        kind: ticks(
            MIN_EPSILON,
            MAX_EPSILON,
            &[1e-12, 1e-10, 1e-8, 1e-7, 1e-6, 1e-4, 1e-2, 1.0],
        ),
        effect: Effect::Live,
        applies: |s| s.training.optimizer.kind == OptimizerKind::RmsProp || is_adam(s),
        allowed: any_option,
        get: |s| s.training.optimizer.epsilon.to_string(),
        assign: |s, v| s.training.optimizer.epsilon = v.real(),
    },
    Setting {
        key: "weightDecay",
        group: Group::Training,
        kind: ticks(0.0, MAX_REG_RATE, &RATES),
        effect: Effect::Live,
        applies: |s| s.training.optimizer.kind == OptimizerKind::AdamW,
        allowed: any_option,
        get: |s| s.training.optimizer.weight_decay.to_string(),
        assign: |s, v| s.training.optimizer.weight_decay = v.real(),
    },
    Setting {
        key: "batch",
        group: Group::Training,
        kind: whole(1, MAX_BATCH as u64, 1),
        effect: Effect::Live,
        applies: always,
        allowed: any_option,
        get: |s| s.training.batch_size.to_string(),
        assign: |s, v| s.training.batch_size = v.size(),
    },
    Setting {
        key: "reg",
        group: Group::Training,
        kind: Kind::Choice {
            options: &Regularization::NAMES,
            family: None,
        },
        effect: Effect::Live,
        applies: always,
        allowed: any_option,
        get: |s| s.training.regularization.to_string(),
        assign: |s, v| s.training.regularization = v.named(),
    },
    Setting {
        key: "regRate",
        group: Group::Training,
        kind: ticks(0.0, MAX_REG_RATE, &RATES),
        effect: Effect::Live,
        applies: |s| s.training.regularization != Regularization::None,
        allowed: any_option,
        get: |s| s.training.reg_rate.to_string(),
        assign: |s, v| s.training.reg_rate = v.real(),
    },
    Setting {
        key: "dropout",
        group: Group::Training,
        kind: slider(0.0, MAX_DROPOUT, 0.05),
        effect: Effect::Live,
        applies: always,
        allowed: any_option,
        get: |s| s.network.dropout.to_string(),
        assign: |s, v| s.network.dropout = v.real(),
    },
    Setting {
        key: "batchNorm",
        group: Group::Training,
        kind: Kind::Flag,
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| flag(s.network.batch_norm),
        assign: |s, v| s.network.batch_norm = v.flag(),
    },
    Setting {
        // Early stopping holds out a validation share: a new split.
        key: "patience",
        group: Group::Training,
        kind: whole(0, MAX_PATIENCE as u64, 1),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.training.patience.to_string(),
        assign: |s, v| s.training.patience = v.size(),
    },
    Setting {
        key: "valShare",
        group: Group::Training,
        kind: percent(MIN_VALIDATION_SHARE, MAX_VALIDATION_SHARE, 0.05),
        effect: Effect::Reset,
        applies: |s| s.training.patience > 0,
        allowed: any_option,
        get: |s| s.training.validation_share.to_string(),
        assign: |s, v| s.training.validation_share = v.real(),
    },
    Setting {
        key: "ensemble",
        group: Group::Training,
        kind: whole(1, MAX_ENSEMBLE as u64, 1),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.network.ensemble.to_string(),
        assign: |s, v| s.network.ensemble = v.size(),
    },
    Setting {
        key: "seed",
        group: Group::Training,
        kind: whole(0, u32::MAX as u64, 1),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.seed.to_string(),
        assign: |s, v| s.seed = v.whole() as u32,
    },
];

/// The row of `key`.
pub fn find(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

impl Kind {
    /// Reads `text` as a value of this kind for `key`, within its limits.
    pub fn parse(&self, key: &'static str, text: &str) -> Result<Value, ConfigError> {
        let malformed = |expected| ConfigError::Malformed {
            key,
            value: truncate(text),
            expected,
        };
        let out_of_range = |value: &dyn Display, min: &dyn Display, max: &dyn Display| ConfigError::OutOfRange {
            key,
            value: truncate(&value.to_string()),
            min: min.to_string(),
            max: max.to_string(),
        };
        match *self {
            Kind::Choice { options, .. } => options
                .iter()
                .find(|&&o| o == text)
                .map(|&o| Value::Choice(o))
                .ok_or_else(|| malformed(Expected::Choice)),
            Kind::Flag => match text {
                "1" | "true" => Ok(Value::Flag(true)),
                "0" | "false" => Ok(Value::Flag(false)),
                _ => Err(malformed(Expected::Flag)),
            },
            Kind::Whole { min, max, .. } => {
                let n: u64 = text.parse().map_err(|_| malformed(Expected::Whole))?;
                if n < min || n > max {
                    return Err(out_of_range(&n, &min, &max));
                }
                Ok(Value::Whole(n))
            }
            Kind::Real { min, max, .. } => {
                let x: f32 = text.parse().map_err(|_| malformed(Expected::Number))?;
                if !x.is_finite() || x < min || x > max {
                    return Err(out_of_range(&text, &min, &max));
                }
                Ok(Value::Real(x))
            }
            Kind::Layers => {
                if text.trim().is_empty() {
                    return Ok(Value::Layers(Vec::new()));
                }
                let mut hidden = Vec::new();
                for piece in text.split(',').map(str::trim) {
                    let n: usize = piece.parse().map_err(|_| malformed(Expected::Layers))?;
                    if !(1..=MAX_NEURONS).contains(&n) {
                        return Err(out_of_range(&n, &1, &MAX_NEURONS));
                    }
                    hidden.push(n);
                    if hidden.len() > MAX_HIDDEN_LAYERS {
                        let count = text.split(',').count();
                        return Err(out_of_range(&count, &0, &MAX_HIDDEN_LAYERS));
                    }
                }
                Ok(Value::Layers(hidden))
            }
            Kind::Activations => {
                let acts = text
                    .split(',')
                    .map(|a| a.trim().parse::<Activation>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| malformed(Expected::Activations))?;
                Ok(Value::Activations(acts))
            }
            Kind::Features => FeatureSet::parse(text)
                .map(Value::Features)
                .map_err(|_| malformed(Expected::Features)),
        }
    }

    /// This kind's description for the page: its type and limits or options.
    fn describe(&self) -> Map<String, Json> {
        let mut m = Map::new();
        let mut put = |k: &str, v: Json| {
            m.insert(k.to_string(), v);
        };
        match *self {
            Kind::Choice { options, family } => {
                put("type", json!("choice"));
                let options: Vec<Json> = options
                    .iter()
                    .map(|o| match family {
                        Some(f) => json!({ "value": o, "family": f(o) }),
                        None => json!({ "value": o }),
                    })
                    .collect();
                put("options", Json::Array(options));
            }
            Kind::Flag => put("type", json!("flag")),
            Kind::Whole { min, max, step, pick } => {
                put("type", json!("whole"));
                put("min", json!(min));
                put("max", json!(max));
                put("step", json!(step));
                if pick {
                    put("ticks", json!((min..=max).map(|n| n.to_string()).collect::<Vec<_>>()));
                }
            }
            Kind::Real {
                min,
                max,
                step,
                ticks,
                percent,
            } => {
                put("type", json!("real"));
                put("min", number(min));
                put("max", number(max));
                put("step", number(step));
                if !ticks.is_empty() {
                    put("ticks", json!(ticks.iter().map(|t| t.to_string()).collect::<Vec<_>>()));
                }
                put("unit", json!(if percent { "percent" } else { "" }));
            }
            Kind::Layers => {
                put("type", json!("layers"));
                put("maxLayers", json!(MAX_HIDDEN_LAYERS));
                put("minNeurons", json!(1));
                put("maxNeurons", json!(MAX_NEURONS));
            }
            Kind::Activations => {
                put("type", json!("activations"));
                let options: Vec<Json> = Activation::NAMES.iter().map(|a| json!({ "value": a })).collect();
                put("options", Json::Array(options));
            }
            Kind::Features => {
                put("type", json!("features"));
                let options: Vec<Json> = Feature::ALL
                    .iter()
                    .map(|f| json!({ "value": f.name(), "usesX2": f.uses_x2() }))
                    .collect();
                put("options", Json::Array(options));
            }
        }
        m
    }

    /// The option names a choice-like kind offers.
    fn option_names(&self) -> Vec<&'static str> {
        match *self {
            Kind::Choice { options, .. } => options.to_vec(),
            Kind::Activations => Activation::NAMES.to_vec(),
            Kind::Features => Feature::NAMES.to_vec(),
            _ => Vec::new(),
        }
    }
}

/// `x` as JSON, written as its shortest f32 form (0.1, not 0.10000000149).
fn number(x: f32) -> Json {
    x.to_string().parse::<f64>().map_or(Json::Null, Json::from)
}

/// Every setting for the page: `{settings: [{key, group, type, default,
/// effect, options | min, max, step, ticks, unit}, …]}`, in table order.
/// Values (defaults, ticks) are in link form.
pub fn schema() -> Json {
    let defaults = Settings::default();
    let settings: Vec<Json> = SETTINGS
        .iter()
        .map(|s| {
            let mut m = s.kind.describe();
            m.insert("key".into(), json!(s.key));
            m.insert("group".into(), json!(s.group.name()));
            m.insert("effect".into(), json!(s.effect.name()));
            m.insert("default".into(), json!((s.get)(&defaults)));
            Json::Object(m)
        })
        .collect();
    json!({ "settings": settings })
}

/// What the page shows of `settings`: for each key its `value` (link
/// form), whether it `applies` now, and for options that not every case
/// allows, the `allowed` ones.
pub fn state(settings: &Settings) -> Json {
    let mut m = Map::new();
    for s in &SETTINGS {
        let mut entry = json!({ "value": (s.get)(settings), "applies": (s.applies)(settings) });
        let options = s.kind.option_names();
        let allowed: Vec<&str> = options.iter().copied().filter(|o| (s.allowed)(settings, o)).collect();
        if allowed.len() < options.len() {
            entry["allowed"] = json!(allowed);
        }
        m.insert(s.key.to_string(), entry);
    }
    Json::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_listed_once_and_reads_back_its_default() {
        let defaults = Settings::default();
        for (i, s) in SETTINGS.iter().enumerate() {
            assert!(SETTINGS[..i].iter().all(|o| o.key != s.key), "{} twice", s.key);
            let mut again = defaults.clone();
            again.set(s.key, &(s.get)(&defaults)).unwrap();
            assert_eq!(again, defaults, "{}", s.key);
        }
    }

    #[test]
    fn every_limit_and_tick_is_accepted_and_just_beyond_is_refused() {
        for s in &SETTINGS {
            let mut settings = Settings::default();
            match s.kind {
                Kind::Whole { min, max, .. } => {
                    for ok in [min, max] {
                        settings.set(s.key, &ok.to_string()).unwrap();
                    }
                    assert!(settings.set(s.key, &(max + 1).to_string()).is_err(), "{}", s.key);
                    if min > 0 {
                        assert!(settings.set(s.key, &(min - 1).to_string()).is_err(), "{}", s.key);
                    }
                }
                Kind::Real { min, max, ticks, .. } => {
                    for ok in [min, max].iter().chain(ticks) {
                        settings
                            .set(s.key, &ok.to_string())
                            .unwrap_or_else(|e| panic!("{}: {e}", s.key));
                    }
                    assert!(
                        settings.set(s.key, &(max * 1.01 + 0.01).to_string()).is_err(),
                        "{}",
                        s.key
                    );
                    assert!(settings.set(s.key, &(min - 0.01).to_string()).is_err(), "{}", s.key);
                }
                _ => {}
            }
        }
    }

    #[test]
    fn what_applies_follows_the_optimizer_the_dataset_and_the_penalty() {
        let applies = |query: &str, key: &str| {
            let (s, errors) = Settings::from_query(query);
            assert!(errors.is_empty());
            s.applies(find(key).unwrap())
        };
        assert!(!applies("optimizer=sgd", "momentum"));
        assert!(applies("optimizer=nesterov", "momentum"));
        assert!(applies("optimizer=adamw", "weightDecay") && !applies("optimizer=adam", "weightDecay"));
        assert!(applies("optimizer=rmsprop", "epsilon") && !applies("optimizer=momentum", "epsilon"));
        assert!(!applies("dataset=circle", "classes") && applies("dataset=blobs", "classes"));
        assert!(!applies("reg=none", "regRate") && applies("reg=l2", "regRate"));
        assert!(!applies("patience=0", "valShare") && applies("patience=5", "valShare"));
    }

    #[test]
    fn the_state_lists_the_heads_a_task_allows_and_the_features_1d_data_allows() {
        let allowed = |query: &str, key: &str| {
            let state = state(&Settings::from_query(query).0);
            state[key]["allowed"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        };
        assert_eq!(allowed("dataset=sin", "output"), Some(vec!["identity".to_string()]));
        assert_eq!(
            allowed("dataset=spirals&classes=4", "output"),
            Some(vec!["softmax".to_string()])
        );
        assert_eq!(allowed("dataset=circle", "output").unwrap().len(), 3);
        assert_eq!(allowed("dataset=circle", "features"), None, "every feature");
        assert_eq!(
            allowed("dataset=table", "features"),
            Some(vec!["x1".to_string(), "x1sq".to_string(), "sinx1".to_string()])
        );
    }

    #[test]
    fn the_schema_describes_every_setting_with_its_limits() {
        let schema = schema();
        let settings = schema["settings"].as_array().unwrap();
        assert_eq!(settings.len(), SETTINGS.len());
        let momentum = settings.iter().find(|s| s["key"] == "momentum").unwrap();
        assert_eq!(momentum["type"], "real");
        assert_eq!(momentum["max"].as_f64().unwrap() as f32, MAX_MOMENTUM);
        assert_eq!(momentum["default"], "0.9");
        assert_eq!(momentum["effect"], "live");
        let dataset = settings.iter().find(|s| s["key"] == "dataset").unwrap();
        assert_eq!(dataset["options"].as_array().unwrap().len(), DatasetKind::ALL.len());
        assert_eq!(dataset["options"][0], json!({ "value": "circle", "family": "two" }));
        let layers = settings.iter().find(|s| s["key"] == "layers").unwrap();
        assert_eq!(layers["maxLayers"], json!(MAX_HIDDEN_LAYERS));
        assert_eq!(layers["maxNeurons"], json!(MAX_NEURONS));
    }
}
