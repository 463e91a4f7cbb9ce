//! The playground's table of settings (see [`super::table`]). For each key:
//! its group, its type with its options or limits, whether a change is live
//! or starts training over, when it applies, which options it allows, and
//! how it is read and written.

use super::error::ConfigError;
use super::limits::*;
use super::settings::{Effect, Regularization, Settings};
use super::table::{flag, join, percent, point_text, slider, ticks, whole, Configurable, Group, Kind, Setting, Value};
use crate::data::datasets::{DatasetKind, Task};
use crate::data::features::Feature;
use crate::data::Units;
use crate::nn::activation::Activation;
use crate::nn::head::Head;
use crate::nn::init::Init;
use crate::train::optimizer::OptimizerKind;

pub use super::table::{schema, state};

/// Learning rates offered, from TensorFlow Playground's list.
const LEARNING_RATES: &[f32] = &[1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0];
/// Regularisation rates and weight decays offered.
const RATES: &[f32] = &[0.0, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0];

/// The longest link form of the units (the header's names and class names included).
const MAX_UNITS_TEXT: usize = 4000;

/// A row in link form: `x1:x2:target`, with no trailing zeros.
fn row_text(r: [f32; 3]) -> String {
    format!("{}:{}:{}", r[0], r[1], r[2])
}

fn uses_momentum(s: &Settings) -> bool {
    matches!(
        s.training.optimizer.kind,
        OptimizerKind::Momentum | OptimizerKind::Nesterov
    )
}

fn is_adam(s: &Settings) -> bool {
    matches!(s.training.optimizer.kind, OptimizerKind::Adam | OptimizerKind::AdamW)
}

/// A row of the table.
type Row = Setting<Settings>;

/// Every setting, in the order links are written and read: a key comes
/// after the keys it depends on (layers before activation, dataset before
/// output), and the seed comes last so that it stands out in a link.
pub static SETTINGS: &[Row] = &[
    Row::new(
        "dataset",
        Group::Data,
        Kind::Choice {
            options: &DatasetKind::NAMES,
            family: Some(|name| name.parse::<DatasetKind>().map_or("", DatasetKind::family)),
        },
        Effect::Reset,
        |s| s.data.dataset.to_string(),
        |s, v| {
            s.data.dataset = v.named();
            // 1D data has only x1: keep the features of x1 alone.
            s.data.features = s.data.effective_features();
            s.fit_head();
        },
    ),
    // The units before the rows: the rows are checked in the view's units.
    Row::new(
        "units",
        Group::Own,
        Kind::Text { most: MAX_UNITS_TEXT },
        Effect::Reset,
        |s| s.data.units.to_link(),
        |s, v| s.data.units = std::sync::Arc::new(Units::from_link(&v.text()).unwrap_or_else(Units::unreadable)),
    )
    .applies(|s| s.data.dataset.is_own()),
    Row::new(
        "rows",
        Group::Own,
        // In the file's units, at full precision: the view's extent is checked once mapped (`validate`).
        Kind::Rows {
            most: MAX_POINTS,
            extent: f32::MAX,
        },
        Effect::Reset,
        |s| join(&s.data.rows.iter().map(|r| row_text(*r)).collect::<Vec<_>>()),
        |s, v| {
            s.data.rows = std::sync::Arc::new(v.rows());
            s.fit_head();
        },
    )
    .applies(|s| s.data.dataset.is_own()),
    Row::new(
        "classes",
        Group::Data,
        Kind::Whole {
            min: MIN_CLASSES as u64,
            max: MAX_CLASSES as u64,
            step: 1,
            pick: true,
        },
        Effect::Reset,
        |s| s.data.classes.to_string(),
        |s, v| {
            s.data.classes = v.size();
            s.fit_head();
        },
    )
    .applies(|s| s.data.dataset.is_multiclass()),
    Row::new(
        "noise",
        Group::Data,
        percent(0.0, MAX_NOISE, 0.05),
        Effect::Reset,
        |s| s.data.noise.to_string(),
        |s, v| s.data.noise = v.real(),
    )
    .applies(|s| !s.data.dataset.is_own()),
    Row::new(
        "points",
        Group::Data,
        whole(MIN_POINTS as u64, MAX_POINTS as u64, 10),
        Effect::Reset,
        |s| s.data.points.to_string(),
        |s, v| s.data.points = v.size(),
    )
    .applies(|s| !s.data.dataset.is_own()),
    Row::new(
        "trainShare",
        Group::Data,
        percent(MIN_TRAIN_SHARE, MAX_TRAIN_SHARE, 0.1),
        Effect::Reset,
        |s| s.data.train_share.to_string(),
        |s, v| s.data.train_share = v.real(),
    ),
    Row::new(
        "features",
        Group::Network,
        Kind::Features,
        Effect::Reset,
        |s| s.data.features.to_string(),
        |s, v| {
            if let Value::Features(set) = v {
                s.data.features = set;
                s.data.features = s.data.effective_features();
            }
        },
    )
    .allowed(|s, name| !s.data.dataset.is_1d() || name.parse::<Feature>().is_ok_and(|f| !f.uses_x2())),
    Row::new(
        "standardize",
        Group::Data,
        Kind::Flag,
        Effect::Reset,
        |s| flag(s.data.standardize),
        |s, v| s.data.standardize = v.flag(),
    ),
    Row::new(
        "augment",
        Group::Data,
        slider(0.0, MAX_AUGMENT, 0.05),
        Effect::Live,
        |s| s.training.augment.to_string(),
        |s, v| s.training.augment = v.real(),
    ),
    Row::new(
        "layers",
        Group::Network,
        crate::config::table::LAYERS,
        Effect::Reset,
        |s| join(&s.network.hidden),
        |s, v| {
            if let Value::Layers(hidden) = v {
                let n = &mut s.network;
                let last = n.activations.last().copied().unwrap_or(Activation::Tanh);
                n.activations.resize(hidden.len(), last);
                n.hidden = hidden;
            }
        },
    ),
    // A network without hidden layers has no activation to choose.
    Row::new(
        "activation",
        Group::Network,
        Kind::Activations,
        Effect::Reset,
        |s| {
            let acts = &s.network.activations;
            match acts.first() {
                Some(&first) if acts.iter().any(|&a| a != first) => join(acts),
                Some(first) => first.to_string(),
                None => Activation::Tanh.to_string(),
            }
        },
        |s, v| {
            if let Value::Activations(acts) = v {
                // One name sets every layer; a list must match the layers (validated).
                s.network.activations = match acts[..] {
                    [one] => vec![one; s.network.hidden.len()],
                    _ => acts,
                };
            }
        },
    )
    .applies(|s| !s.network.hidden.is_empty()),
    Row::new(
        "output",
        Group::Network,
        Kind::Choice {
            options: &Head::NAMES,
            family: None,
        },
        Effect::Reset,
        |s| s.network.head.to_string(),
        |s, v| s.network.head = v.named(),
    )
    .allowed(|s, name| name.parse().is_ok_and(|h| s.head_fits(h))),
    Row::new(
        "optimizer",
        Group::Training,
        Kind::Choice {
            options: &OptimizerKind::NAMES,
            family: None,
        },
        Effect::Live,
        |s| s.training.optimizer.kind.to_string(),
        |s, v| s.training.optimizer.kind = v.named(),
    ),
    Row::new(
        "init",
        Group::Training,
        Kind::Choice {
            options: &Init::NAMES,
            family: None,
        },
        Effect::Reset,
        |s| s.network.init.to_string(),
        |s, v| s.network.init = v.named(),
    ),
    Row::new(
        "lr",
        Group::Training,
        ticks(MIN_LEARNING_RATE, MAX_LEARNING_RATE, LEARNING_RATES),
        Effect::Live,
        |s| s.training.optimizer.learning_rate.to_string(),
        |s, v| s.training.optimizer.learning_rate = v.real(),
    ),
    Row::new(
        "momentum",
        Group::Training,
        slider(0.0, MAX_MOMENTUM, 0.001),
        Effect::Live,
        |s| s.training.optimizer.momentum.to_string(),
        |s, v| s.training.optimizer.momentum = v.real(),
    )
    .applies(uses_momentum),
    Row::new(
        "rho",
        Group::Training,
        ticks(0.0, MAX_DECAY, &[0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999]),
        Effect::Live,
        |s| s.training.optimizer.rho.to_string(),
        |s, v| s.training.optimizer.rho = v.real(),
    )
    .applies(|s| s.training.optimizer.kind == OptimizerKind::RmsProp),
    Row::new(
        "beta1",
        Group::Training,
        ticks(0.0, MAX_DECAY, &[0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999]),
        Effect::Live,
        |s| s.training.optimizer.beta1.to_string(),
        |s, v| s.training.optimizer.beta1 = v.real(),
    )
    .applies(is_adam),
    Row::new(
        "beta2",
        Group::Training,
        ticks(0.0, MAX_BETA2, &[0.9, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999]),
        Effect::Live,
        |s| s.training.optimizer.beta2.to_string(),
        |s, v| s.training.optimizer.beta2 = v.real(),
    )
    .applies(is_adam),
    Row::new(
        "epsilon",
        Group::Training,
        ticks(
            MIN_EPSILON,
            MAX_EPSILON,
            &[1e-12, 1e-10, 1e-8, 1e-7, 1e-6, 1e-4, 1e-2, 1.0],
        ),
        Effect::Live,
        |s| s.training.optimizer.epsilon.to_string(),
        |s, v| s.training.optimizer.epsilon = v.real(),
    )
    .applies(|s| s.training.optimizer.kind == OptimizerKind::RmsProp || is_adam(s)),
    Row::new(
        "weightDecay",
        Group::Training,
        ticks(0.0, MAX_REG_RATE, RATES),
        Effect::Live,
        |s| s.training.optimizer.weight_decay.to_string(),
        |s, v| s.training.optimizer.weight_decay = v.real(),
    )
    .applies(|s| s.training.optimizer.kind == OptimizerKind::AdamW),
    Row::new(
        "batch",
        Group::Training,
        whole(1, MAX_BATCH as u64, 1),
        Effect::Live,
        |s| s.training.batch_size.to_string(),
        |s, v| s.training.batch_size = v.size(),
    ),
    Row::new(
        "reg",
        Group::Training,
        Kind::Choice {
            options: &Regularization::NAMES,
            family: None,
        },
        Effect::Live,
        |s| s.training.regularization.to_string(),
        |s, v| s.training.regularization = v.named(),
    ),
    Row::new(
        "regRate",
        Group::Training,
        ticks(0.0, MAX_REG_RATE, RATES),
        Effect::Live,
        |s| s.training.reg_rate.to_string(),
        |s, v| s.training.reg_rate = v.real(),
    )
    .applies(|s| s.training.regularization != Regularization::None),
    Row::new(
        "dropout",
        Group::Training,
        slider(0.0, MAX_DROPOUT, 0.05),
        Effect::Live,
        |s| s.network.dropout.to_string(),
        |s, v| s.network.dropout = v.real(),
    ),
    Row::new(
        "batchNorm",
        Group::Training,
        Kind::Flag,
        Effect::Reset,
        |s| flag(s.network.batch_norm),
        |s, v| s.network.batch_norm = v.flag(),
    ),
    // Early stopping holds out a validation share: a new split.
    Row::new(
        "patience",
        Group::Training,
        whole(0, MAX_PATIENCE as u64, 1),
        Effect::Reset,
        |s| s.training.patience.to_string(),
        |s, v| s.training.patience = v.size(),
    ),
    Row::new(
        "valShare",
        Group::Training,
        percent(MIN_VALIDATION_SHARE, MAX_VALIDATION_SHARE, 0.05),
        Effect::Reset,
        |s| s.training.validation_share.to_string(),
        |s, v| s.training.validation_share = v.real(),
    )
    .applies(|s| s.training.patience > 0),
    Row::new(
        "ensemble",
        Group::Training,
        whole(1, MAX_ENSEMBLE as u64, 1),
        Effect::Reset,
        |s| s.network.ensemble.to_string(),
        |s, v| s.network.ensemble = v.size(),
    ),
    // Weights and biases set by hand on the diagram; made again on each
    // new network of the run, so a link reproduces them.
    Row::new(
        "edits",
        Group::Network,
        Kind::Edits { most: MAX_EDITS },
        Effect::Reset,
        |s| join(&s.network.edits),
        |s, v| s.network.edits = v.edits(),
    )
    .applies(|s| s.network.ensemble == 1),
    // The backpropagation lab's hand steps, `steps:point,…`: replayed when
    // a link opens, so that it shows the loss the screen showed.
    Row::new(
        "backprop",
        Group::Replay,
        Kind::Points {
            most: MAX_APPLIED,
            min: 0.0,
            max: MAX_REPLAY as f32,
        },
        Effect::Reset,
        |s| {
            s.training
                .applied
                .iter()
                .map(|&p| point_text(p, ':'))
                .collect::<Vec<_>>()
                .join(",")
        },
        |s, v| s.training.applied = v.points(),
    ),
    Row::new(
        "seed",
        Group::Training,
        whole(0, u32::MAX as u64, 1),
        Effect::Reset,
        |s| s.seed.to_string(),
        |s, v| s.seed = v.whole() as u32,
    ),
];

impl Configurable for Settings {
    fn table() -> &'static [Setting<Settings>] {
        SETTINGS
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if !self.head_fits(self.network.head) {
            return Err(ConfigError::HeadMismatch {
                head: self.network.head.name(),
                dataset: self.data.dataset.name(),
                classes: match self.task() {
                    Task::Regression => 0,
                    Task::Classification { classes } => classes,
                },
            });
        }
        if self.network.activations.len() != self.network.hidden.len() {
            return Err(ConfigError::ActivationCount {
                given: self.network.activations.len(),
                layers: self.network.hidden.len(),
            });
        }
        if self.network.batch_norm && self.training.batch_size < 2 {
            return Err(ConfigError::BatchNormNeedsBatches);
        }
        // Hand steps: whole numbers, a training point that can exist, in the order taken.
        let mut last = 0.0;
        for &[steps, point] in &self.training.applied {
            let whole = |v: f32| v.fract() == 0.0;
            if !whole(steps) || steps < last || !whole(point) || point >= MAX_POINTS as f32 {
                return Err(ConfigError::OutOfRange {
                    key: "backprop",
                    value: point_text([steps, point], ':'),
                    min: point_text([last, 0.0], ':'),
                    max: point_text([MAX_REPLAY as f32, MAX_POINTS as f32 - 1.0], ':'),
                });
            }
            last = steps;
        }
        // Units a link could not give are refused, whatever the dataset.
        let units = &self.data.units;
        if !units.is_readable() {
            return Err(ConfigError::Malformed {
                key: "units",
                value: String::new(),
                expected: crate::message::Expected::FileUnits,
            });
        }
        // Own points lie within the view once mapped from the file's units.
        if self.data.dataset.is_own() {
            let curve = self.data.dataset.is_1d();
            if let Some(bad) = self.data.rows.iter().find(|&&r| !units.fits(r, curve)) {
                let extent = crate::data::datasets::EXTENT;
                return Err(ConfigError::OutOfRange {
                    key: "rows",
                    value: row_text(*bad),
                    min: (-extent).to_string(),
                    max: extent.to_string(),
                });
            }
        }
        // Own points of classes carry class indices 0 to 5.
        if self.data.dataset == DatasetKind::Own {
            if let Some(bad) = self
                .data
                .rows
                .iter()
                .find(|r| r[2].fract() != 0.0 || !(0.0..MAX_CLASSES as f32).contains(&r[2]))
            {
                return Err(ConfigError::OutOfRange {
                    key: "rows",
                    value: bad[2].to_string(),
                    min: "0".into(),
                    max: (MAX_CLASSES - 1).to_string(),
                });
            }
        }
        Ok(())
    }
}

/// The row of `key`.
pub fn find(key: &str) -> Option<&'static Setting<Settings>> {
    SETTINGS.iter().find(|s| s.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::find;
    use serde_json::json;

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
        for s in SETTINGS {
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
        let schema = schema::<Settings>();
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
