//! Every setting of a run, its limits, and its share-link form.
//!
//! One table of keys reads and writes the whole state as
//! `key=value&key=value`, the form the page keeps in its URL hash.

use super::error::ConfigError;
use super::limits::*;
use crate::data::datasets::{DatasetKind, Task};
use crate::data::features::FeatureSet;
use crate::nn::activation::Activation;
use crate::nn::head::Head;
use crate::nn::init::Init;
use crate::train::optimizer::OptimizerConfig;
use std::fmt;
use std::str::FromStr;

/// A penalty on the weights (never the biases) added to the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regularization {
    /// No penalty.
    None,
    /// λ·Σ|w|.
    L1,
    /// ½λ·Σw².
    L2,
}

named_enum!(Regularization, "regularization", [None => "none", L1 => "l1", L2 => "l2"]);

/// The complete, validated configuration of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The dataset generated.
    pub dataset: DatasetKind,
    /// Classes of the multi-class sets (blobs, spirals).
    pub classes: usize,
    /// Noise level in [0, 1].
    pub noise: f32,
    /// Number of points generated (the lecture's table keeps its six).
    pub points: usize,
    /// Share of the points used for training; the rest is the test set.
    pub train_share: f32,
    /// Input features computed from each point.
    pub features: FeatureSet,
    /// Standardise the inputs with training-set statistics.
    pub standardize: bool,
    /// Standard deviation of fresh Gaussian jitter on the training inputs each epoch (0 = off).
    pub augment: f32,
    /// Neurons per hidden layer.
    pub hidden: Vec<usize>,
    /// Activation per hidden layer (same length as `hidden`).
    pub activations: Vec<Activation>,
    /// The output head and its loss.
    pub head: Head,
    /// How the initial weights are drawn.
    pub init: Init,
    /// The update rule and its hyperparameters.
    pub optimizer: OptimizerConfig,
    /// Points per minibatch.
    pub batch_size: usize,
    /// The penalty on the weights added to the loss.
    pub regularization: Regularization,
    /// The penalty's rate λ.
    pub reg_rate: f32,
    /// Drop probability p on hidden-layer outputs (0 = off).
    pub dropout: f32,
    /// Batch normalisation on hidden layers.
    pub batch_norm: bool,
    /// Early-stopping patience in epochs (0 = off).
    pub patience: usize,
    /// Share of the training points held out for validation when early stopping.
    pub validation_share: f32,
    /// Networks trained from different seeds, predictions averaged.
    pub ensemble: usize,
    /// The one seed every random stream is derived from.
    pub seed: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dataset: DatasetKind::Circle,
            classes: 3,
            noise: 0.0,
            points: 500,
            train_share: 0.5,
            features: FeatureSet::XY,
            standardize: false,
            augment: 0.0,
            hidden: vec![4, 2],
            activations: vec![Activation::Tanh; 2],
            head: Head::Sigmoid,
            init: Init::Xavier,
            optimizer: OptimizerConfig::default(),
            batch_size: 10,
            regularization: Regularization::None,
            reg_rate: 0.0,
            dropout: 0.0,
            batch_norm: false,
            patience: 0,
            validation_share: 0.2,
            ensemble: 1,
            seed: 1,
        }
    }
}

/// What a change of one setting demands of a running session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Applies to the next step; training goes on.
    Live,
    /// New data and a new network: training starts over.
    Reset,
}

/// Every key, in the order links are written and read.
pub const KEYS: [&str; 28] = [
    "dataset",
    "classes",
    "noise",
    "points",
    "trainShare",
    "features",
    "standardize",
    "augment",
    "layers",
    "activation",
    "output",
    "init",
    "optimizer",
    "lr",
    "momentum",
    "rho",
    "beta1",
    "beta2",
    "epsilon",
    "weightDecay",
    "batch",
    "reg",
    "regRate",
    "dropout",
    "batchNorm",
    "patience",
    "valShare",
    "ensemble",
];
/// The seed is written last so that it stands out in a link.
const SEED_KEY: &str = "seed";

impl Settings {
    /// The task the current dataset poses.
    pub fn task(&self) -> Task {
        self.dataset.task(self.classes)
    }

    /// Input features actually fed to the network.
    pub fn effective_features(&self) -> FeatureSet {
        if self.dataset.is_1d() {
            self.features.for_1d()
        } else {
            self.features
        }
    }

    /// Whether `head` can train on the current task.
    pub fn head_fits(&self, head: Head) -> bool {
        match self.task() {
            Task::Regression => head == Head::Identity,
            Task::Classification { classes: 2 } => head != Head::Identity,
            Task::Classification { .. } => head == Head::Softmax,
        }
    }

    /// The head a task gets when the current one does not fit.
    fn default_head(task: Task) -> Head {
        match task {
            Task::Regression => Head::Identity,
            Task::Classification { classes: 2 } => Head::Sigmoid,
            Task::Classification { .. } => Head::Softmax,
        }
    }

    /// Sets one key from its link form. The settings change only if the
    /// value is valid; the result says whether training must start over.
    pub fn set(&mut self, key: &str, value: &str) -> Result<Effect, ConfigError> {
        let mut next = self.clone();
        let effect = next.apply(key, value)?;
        next.validate()?;
        *self = next;
        Ok(effect)
    }

    /// Reads a whole link. Valid keys are applied, in table order; each
    /// invalid or unknown one is skipped and reported, so a damaged link
    /// still opens with everything it got right.
    pub fn from_query(query: &str) -> (Settings, Vec<ConfigError>) {
        let mut settings = Settings::default();
        let mut errors = Vec::new();
        let pairs: Vec<(&str, &str)> = query
            .trim_start_matches(['#', '?'])
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .collect();
        for &(key, _) in &pairs {
            if !KEYS.contains(&key) && key != SEED_KEY {
                errors.push(ConfigError::UnknownKey(truncate(key)));
            }
        }
        for key in KEYS.iter().copied().chain([SEED_KEY]) {
            if let Some(&(_, value)) = pairs.iter().rev().find(|(k, _)| *k == key) {
                if let Err(e) = settings.set(key, value) {
                    errors.push(e);
                }
            }
        }
        (settings, errors)
    }

    /// The link form of every setting.
    pub fn to_query(&self) -> String {
        KEYS.iter()
            .copied()
            .chain([SEED_KEY])
            .map(|key| format!("{key}={}", self.get(key).expect("every listed key has a value")))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// One setting in its link form.
    pub fn get(&self, key: &str) -> Option<String> {
        let o = &self.optimizer;
        Some(match key {
            "dataset" => self.dataset.to_string(),
            "classes" => self.classes.to_string(),
            "noise" => self.noise.to_string(),
            "points" => self.points.to_string(),
            "trainShare" => self.train_share.to_string(),
            "features" => self.features.to_string(),
            "standardize" => flag(self.standardize),
            "augment" => self.augment.to_string(),
            "layers" => join(self.hidden.iter()),
            "activation" => {
                let first = self.activations.first().copied().unwrap_or(Activation::Tanh);
                if self.activations.iter().all(|&a| a == first) {
                    first.to_string()
                } else {
                    join(self.activations.iter())
                }
            }
            "output" => self.head.to_string(),
            "init" => self.init.to_string(),
            "optimizer" => o.kind.to_string(),
            "lr" => o.learning_rate.to_string(),
            "momentum" => o.momentum.to_string(),
            "rho" => o.rho.to_string(),
            "beta1" => o.beta1.to_string(),
            "beta2" => o.beta2.to_string(),
            "epsilon" => o.epsilon.to_string(),
            "weightDecay" => o.weight_decay.to_string(),
            "batch" => self.batch_size.to_string(),
            "reg" => self.regularization.name().to_string(),
            "regRate" => self.reg_rate.to_string(),
            "dropout" => self.dropout.to_string(),
            "batchNorm" => flag(self.batch_norm),
            "patience" => self.patience.to_string(),
            "valShare" => self.validation_share.to_string(),
            "ensemble" => self.ensemble.to_string(),
            "seed" => self.seed.to_string(),
            _ => return None,
        })
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<Effect, ConfigError> {
        use Effect::{Live, Reset};
        let o = &mut self.optimizer;
        Ok(match key {
            "dataset" => {
                self.dataset = parse_named(key, value, "a dataset name")?;
                // 1D data has only x1: keep the features of x1 alone.
                self.features = self.effective_features();
                if !self.head_fits(self.head) {
                    self.head = Settings::default_head(self.task());
                }
                Reset
            }
            "classes" => {
                self.classes = number(key, value, MIN_CLASSES, MAX_CLASSES)?;
                if !self.head_fits(self.head) {
                    self.head = Settings::default_head(self.task());
                }
                Reset
            }
            "noise" => {
                self.noise = real(key, value, 0.0, MAX_NOISE)?;
                Reset
            }
            "points" => {
                self.points = number(key, value, MIN_POINTS, MAX_POINTS)?;
                Reset
            }
            "trainShare" => {
                self.train_share = real(key, value, MIN_TRAIN_SHARE, MAX_TRAIN_SHARE)?;
                Reset
            }
            "features" => {
                self.features =
                    FeatureSet::parse(value).map_err(|_| malformed(key, value, "feature names such as x1,x2,x1sq"))?;
                self.features = self.effective_features();
                Reset
            }
            "standardize" => {
                self.standardize = boolean(key, value)?;
                Reset
            }
            "augment" => {
                self.augment = real(key, value, 0.0, MAX_AUGMENT)?;
                Live
            }
            "layers" => {
                let hidden: Vec<usize> = list(value)
                    .map(|n| number(key, n, 1, MAX_NEURONS))
                    .collect::<Result<_, _>>()?;
                if hidden.len() > MAX_HIDDEN_LAYERS {
                    return Err(out_of_range(key, hidden.len(), 0, MAX_HIDDEN_LAYERS));
                }
                let last = self.activations.last().copied().unwrap_or(Activation::Tanh);
                self.activations.resize(hidden.len(), last);
                self.hidden = hidden;
                Reset
            }
            "activation" => {
                let acts: Vec<Activation> = list(value)
                    .map(|a| parse_named(key, a, "an activation name"))
                    .collect::<Result<_, _>>()?;
                self.activations = match acts.len() {
                    0 => return Err(malformed(key, value, "an activation name")),
                    1 => vec![acts[0]; self.hidden.len()],
                    n if n == self.hidden.len() => acts,
                    n => {
                        return Err(ConfigError::ActivationCount {
                            given: n,
                            layers: self.hidden.len(),
                        })
                    }
                };
                Reset
            }
            "output" => {
                self.head = parse_named(key, value, "an output head")?;
                Reset
            }
            "init" => {
                self.init = parse_named(key, value, "xavier, he or zero")?;
                Reset
            }
            "optimizer" => {
                o.kind = parse_named(key, value, "an optimizer name")?;
                Live
            }
            "lr" => {
                o.learning_rate = real(key, value, MIN_LEARNING_RATE, MAX_LEARNING_RATE)?;
                Live
            }
            "momentum" => {
                o.momentum = real(key, value, 0.0, 0.999)?;
                Live
            }
            "rho" => {
                o.rho = real(key, value, 0.0, 0.9999)?;
                Live
            }
            "beta1" => {
                o.beta1 = real(key, value, 0.0, 0.9999)?;
                Live
            }
            "beta2" => {
                o.beta2 = real(key, value, 0.0, 0.99999)?;
                Live
            }
            "epsilon" => {
                o.epsilon = real(key, value, 1e-12, 1.0)?;
                Live
            }
            "weightDecay" => {
                o.weight_decay = real(key, value, 0.0, MAX_REG_RATE)?;
                Live
            }
            "batch" => {
                self.batch_size = number(key, value, 1, MAX_BATCH)?;
                Live
            }
            "reg" => {
                self.regularization = parse_named(key, value, "none, l1 or l2")?;
                Live
            }
            "regRate" => {
                self.reg_rate = real(key, value, 0.0, MAX_REG_RATE)?;
                Live
            }
            "dropout" => {
                self.dropout = real(key, value, 0.0, MAX_DROPOUT)?;
                Live
            }
            "batchNorm" => {
                self.batch_norm = boolean(key, value)?;
                Reset
            }
            "patience" => {
                // Early stopping holds out a validation share: new split.
                self.patience = number(key, value, 0, MAX_PATIENCE)?;
                Reset
            }
            "valShare" => {
                self.validation_share = real(key, value, 0.05, MAX_VALIDATION_SHARE)?;
                Reset
            }
            "ensemble" => {
                self.ensemble = number(key, value, 1, MAX_ENSEMBLE)?;
                Reset
            }
            "seed" => {
                self.seed = value
                    .parse()
                    .map_err(|_| malformed(key, value, "a whole number from 0 to 4294967295"))?;
                Reset
            }
            _ => return Err(ConfigError::UnknownKey(truncate(key))),
        })
    }

    /// Checks what no single key can: that the pieces fit together.
    fn validate(&self) -> Result<(), ConfigError> {
        if !self.head_fits(self.head) {
            return Err(ConfigError::HeadMismatch {
                head: self.head.name(),
                dataset: self.dataset.name(),
                classes: match self.task() {
                    Task::Regression => 0,
                    Task::Classification { classes } => classes,
                },
            });
        }
        if self.activations.len() != self.hidden.len() {
            return Err(ConfigError::ActivationCount {
                given: self.activations.len(),
                layers: self.hidden.len(),
            });
        }
        if self.batch_norm && self.batch_size < 2 {
            return Err(ConfigError::BatchNormNeedsBatches);
        }
        Ok(())
    }
}

impl fmt::Display for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_query())
    }
}

/// At most 40 characters of a user's text, for an error message.
fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

fn malformed(key: &str, value: &str, expected: &'static str) -> ConfigError {
    ConfigError::Malformed {
        key: static_key(key),
        value: truncate(value),
        expected,
    }
}

fn out_of_range<T: fmt::Display>(key: &str, value: T, min: T, max: T) -> ConfigError {
    ConfigError::OutOfRange {
        key: static_key(key),
        value: truncate(&value.to_string()),
        min: min.to_string(),
        max: max.to_string(),
    }
}

/// The table's own spelling of `key`, so errors can hold it without allocating.
fn static_key(key: &str) -> &'static str {
    KEYS.iter()
        .copied()
        .chain([SEED_KEY])
        .find(|k| *k == key)
        .unwrap_or("setting")
}

fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn join<T: fmt::Display>(items: impl Iterator<Item = T>) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

fn parse_named<T: FromStr>(key: &str, value: &str, expected: &'static str) -> Result<T, ConfigError> {
    value.parse().map_err(|_| malformed(key, value, expected))
}

fn boolean(key: &str, value: &str) -> Result<bool, ConfigError> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(malformed(key, value, "0 or 1")),
    }
}

fn number(key: &str, value: &str, min: usize, max: usize) -> Result<usize, ConfigError> {
    let n: usize = value.parse().map_err(|_| malformed(key, value, "a whole number"))?;
    if n < min || n > max {
        return Err(out_of_range(key, n, min, max));
    }
    Ok(n)
}

fn real(key: &str, value: &str, min: f32, max: f32) -> Result<f32, ConfigError> {
    let x: f32 = value.parse().map_err(|_| malformed(key, value, "a number"))?;
    if !x.is_finite() || x < min || x > max {
        return Err(ConfigError::OutOfRange {
            key: static_key(key),
            value: truncate(value),
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips() {
        let mut s = Settings::default();
        s.set("dataset", "spirals").unwrap();
        s.set("classes", "4").unwrap();
        s.set("layers", "8,6,3").unwrap();
        s.set("activation", "relu,tanh,elu").unwrap();
        s.set("optimizer", "adamw").unwrap();
        s.set("lr", "0.001").unwrap();
        s.set("features", "x1,x2,sinx1").unwrap();
        s.set("seed", "4242").unwrap();
        let (back, errors) = Settings::from_query(&s.to_query());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, s);
        assert_eq!(back.head, Head::Softmax, "multi-class picks softmax");
    }

    #[test]
    fn limits_are_enforced_with_the_bad_value_named() {
        let mut s = Settings::default();
        let err = s.set("layers", "8,8,8,8,8,8,8,8,8").unwrap_err();
        assert!(err.to_string().contains("layers = 9"), "{err}");
        let err = s.set("layers", "64").unwrap_err();
        assert!(err.to_string().contains("64"), "{err}");
        let err = s.set("points", "100000").unwrap_err();
        assert!(err.to_string().contains("100000"), "{err}");
        let err = s.set("ensemble", "11").unwrap_err();
        assert!(err.to_string().contains("11"), "{err}");
        let err = s.set("lr", "NaN").unwrap_err();
        assert!(err.to_string().contains("NaN"), "{err}");
        assert_eq!(s, Settings::default(), "refused values change nothing");
    }

    #[test]
    fn a_damaged_link_keeps_what_it_got_right() {
        let (s, errors) = Settings::from_query("#dataset=xor&lr=abc&layers=3&bogus=1&noise=7");
        assert_eq!(s.dataset, DatasetKind::Xor);
        assert_eq!(s.hidden, vec![3]);
        assert_eq!(s.optimizer.learning_rate, 0.03);
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn a_head_that_cannot_train_the_task_is_refused() {
        let mut s = Settings::default();
        assert!(s.set("output", "identity").is_err());
        s.set("dataset", "sin").unwrap();
        assert_eq!(s.head, Head::Identity);
        assert!(s.set("output", "softmax").is_err());
    }

    #[test]
    fn learning_rate_is_live_and_data_resets() {
        let mut s = Settings::default();
        assert_eq!(s.set("lr", "0.1").unwrap(), Effect::Live);
        assert_eq!(s.set("noise", "0.1").unwrap(), Effect::Reset);
    }

    #[test]
    fn one_d_data_keeps_only_features_of_x1() {
        let mut s = Settings::default();
        s.set("features", "x2").unwrap();
        s.set("dataset", "sin").unwrap();
        assert_eq!(s.get("features").as_deref(), Some("x1"));
        s.set("features", "x1sq,x2sq").unwrap();
        assert_eq!(s.get("features").as_deref(), Some("x1sq"));
    }

    #[test]
    fn batch_norm_needs_batches_of_two() {
        let mut s = Settings::default();
        s.set("batchNorm", "1").unwrap();
        assert_eq!(s.set("batch", "1"), Err(ConfigError::BatchNormNeedsBatches));
        s.set("batchNorm", "0").unwrap();
        s.set("batch", "1").unwrap();
        assert!(s.set("batchNorm", "1").is_err());
    }

    #[test]
    fn no_hidden_layer_is_allowed() {
        let mut s = Settings::default();
        s.set("layers", "").unwrap();
        assert!(s.hidden.is_empty() && s.activations.is_empty());
        assert_eq!(Settings::from_query(&s.to_query()).0, s);
    }
}
