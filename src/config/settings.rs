//! The settings of a run, grouped by who reads them, and their share-link
//! form. Every key's type, limits and rules live in one table,
//! [`super::schema::SETTINGS`]; this file reads and writes links through it.

use super::error::ConfigError;
use super::table::{self, Setting};
use crate::data::datasets::{DatasetKind, Task};
use crate::data::features::FeatureSet;
use crate::nn::activation::Activation;
use crate::nn::head::Head;
use crate::nn::init::Init;
use crate::train::optimizer::OptimizerConfig;
use crate::train::Edit;
use std::fmt;

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

/// What data a run generates and how it is fed to the network.
#[derive(Clone, Debug, PartialEq)]
pub struct DataSettings {
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
    /// The user's own points (x1, x2, target), used when `dataset` is one
    /// of the own kinds: a class index 0–5, or a value (x2 is 0 for a curve).
    pub rows: std::sync::Arc<Vec<[f32; 3]>>,
    /// The units of `rows`: how an imported file's columns map into the
    /// view, and how the file was read (the view's own for drawn points).
    pub units: std::sync::Arc<crate::data::Units>,
}

impl Default for DataSettings {
    fn default() -> Self {
        DataSettings {
            dataset: DatasetKind::Circle,
            classes: 3,
            noise: 0.0,
            points: 500,
            train_share: 0.5,
            features: FeatureSet::XY,
            standardize: false,
            rows: Default::default(),
            units: Default::default(),
        }
    }
}

impl DataSettings {
    /// The task the dataset poses.
    pub fn task(&self) -> Task {
        // Own points have as many classes as their largest label says (at least two).
        let classes = if self.dataset.is_own() {
            // (Labels beyond the last class are refused by validation; here they only must not overflow.)
            let most = crate::config::limits::MAX_CLASSES;
            self.rows
                .iter()
                .map(|r| (r[2] as usize).min(most) + 1)
                .max()
                .unwrap_or(2)
                .clamp(2, most)
        } else {
            self.classes
        };
        self.dataset.task(classes)
    }

    /// Input features actually fed to the network: those of x1 alone for 1D data.
    pub fn effective_features(&self) -> FeatureSet {
        if self.dataset.is_1d() {
            self.features.for_1d()
        } else {
            self.features
        }
    }
}

/// The shape of the networks and how they start.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkSettings {
    /// Neurons per hidden layer.
    pub hidden: Vec<usize>,
    /// Activation per hidden layer (same length as `hidden`).
    pub activations: Vec<Activation>,
    /// The output head and its loss.
    pub head: Head,
    /// How the initial weights are drawn.
    pub init: Init,
    /// Drop probability p on hidden-layer outputs (0 = off); changes live.
    pub dropout: f32,
    /// Batch normalisation on hidden layers.
    pub batch_norm: bool,
    /// Networks trained from different seeds, predictions averaged.
    pub ensemble: usize,
    /// Weights and biases set by hand, made again on every new network.
    pub edits: Vec<Edit>,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            hidden: vec![4, 2],
            activations: vec![Activation::Tanh; 2],
            head: Head::Sigmoid,
            init: Init::Xavier,
            dropout: 0.0,
            batch_norm: false,
            ensemble: 1,
            edits: Vec::new(),
        }
    }
}

/// How the networks are trained; all but early stopping change live.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingSettings {
    /// The update rule and its hyperparameters.
    pub optimizer: OptimizerConfig,
    /// Points per minibatch.
    pub batch_size: usize,
    /// The penalty on the weights added to the loss.
    pub regularization: Regularization,
    /// The penalty's rate λ.
    pub reg_rate: f32,
    /// Standard deviation of fresh Gaussian jitter on the training inputs each epoch (0 = off).
    pub augment: f32,
    /// Early-stopping patience in epochs (0 = off).
    pub patience: usize,
    /// Share of the training points held out for validation when early stopping.
    pub validation_share: f32,
    /// The backpropagation lab's SGD steps applied by hand, in order: each
    /// the minibatch steps trained before it and the training point it
    /// took, as whole numbers. Opening the link replays them.
    pub applied: Vec<[f32; 2]>,
}

impl Default for TrainingSettings {
    fn default() -> Self {
        TrainingSettings {
            optimizer: OptimizerConfig::default(),
            batch_size: 10,
            regularization: Regularization::None,
            reg_rate: 0.0,
            augment: 0.0,
            patience: 0,
            validation_share: 0.2,
            applied: Vec::new(),
        }
    }
}

impl TrainingSettings {
    /// The share of training points held out for validation, while early stopping is on.
    pub fn validation(&self) -> Option<f32> {
        (self.patience > 0).then_some(self.validation_share)
    }
}

/// The complete, validated configuration of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The data.
    pub data: DataSettings,
    /// The networks.
    pub network: NetworkSettings,
    /// Their training.
    pub training: TrainingSettings,
    /// The one seed every random stream is derived from.
    pub seed: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data: DataSettings::default(),
            network: NetworkSettings::default(),
            training: TrainingSettings::default(),
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

named_enum!(Effect, "effect", [Live => "live", Reset => "reset"]);

impl Settings {
    /// The task the current dataset poses.
    pub fn task(&self) -> Task {
        self.data.task()
    }

    /// Whether `head` can train on the current task.
    pub fn head_fits(&self, head: Head) -> bool {
        match self.task() {
            Task::Regression => head == Head::Identity,
            Task::Classification { classes: 2 } => head != Head::Identity,
            Task::Classification { .. } => head == Head::Softmax,
        }
    }

    /// Keeps the head when it fits the task, else picks the task's usual one.
    pub(super) fn fit_head(&mut self) {
        if !self.head_fits(self.network.head) {
            self.network.head = match self.task() {
                Task::Regression => Head::Identity,
                Task::Classification { classes: 2 } => Head::Sigmoid,
                Task::Classification { .. } => Head::Softmax,
            };
        }
    }

    /// Sets one key from its link form. The settings change only if the
    /// value is valid; the result says whether training must start over.
    pub fn set(&mut self, key: &str, value: &str) -> Result<Effect, ConfigError> {
        table::set(self, key, value)
    }

    /// Reads a whole link. Valid keys are applied, in table order; each
    /// invalid or unknown one is skipped and reported, so a damaged link
    /// still opens with everything it got right.
    pub fn from_query(query: &str) -> (Settings, Vec<ConfigError>) {
        table::from_query(query)
    }

    /// The link form of every setting, in table order.
    pub fn to_query(&self) -> String {
        table::to_query(self)
    }

    /// One setting in its link form.
    pub fn get(&self, key: &str) -> Option<String> {
        table::get(self, key)
    }

    /// Whether `setting` means anything under these settings (momentum only
    /// for the momentum optimisers, classes only for multi-class data, …).
    pub fn applies(&self, setting: &Setting<Settings>) -> bool {
        (setting.applies)(self)
    }
}

impl fmt::Display for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_query())
    }
}

/// At most 40 characters of a user's text, for an error message, with
/// every control and bidirectional formatting character written as its
/// code point (`\u{202E}`): a quoted value can neither break the message
/// into lines nor turn its text around.
pub(super) fn truncate(s: &str) -> String {
    s.chars().take(40).map(visible).collect()
}

/// `c` itself, or its code point when it is invisible and changes how the
/// text around it is laid out.
fn visible(c: char) -> String {
    let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if bidi || c.is_control() {
        format!("\\u{{{:04X}}}", c as u32)
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::features::FeatureSet;
    use crate::message::Expected;

    #[test]
    fn more_than_two_classes_pick_softmax() {
        let (s, errors) = Settings::from_query("dataset=spirals&classes=4");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.network.head, Head::Softmax, "multi-class picks softmax");
    }

    #[test]
    fn limits_are_enforced_with_the_bad_value_named() {
        let mut s = Settings::default();
        let out_of_range = |e: ConfigError| match e {
            ConfigError::OutOfRange { key, value, .. } => (key, value),
            other => panic!("not out of range: {other}"),
        };
        assert_eq!(
            out_of_range(s.set("layers", "8,8,8,8,8,8,8,8,8").unwrap_err()),
            ("layers", "9".to_string())
        );
        assert_eq!(
            out_of_range(s.set("layers", "64").unwrap_err()),
            ("layers", "64".to_string())
        );
        assert_eq!(
            out_of_range(s.set("points", "100000").unwrap_err()),
            ("points", "100000".to_string())
        );
        assert_eq!(
            out_of_range(s.set("ensemble", "11").unwrap_err()),
            ("ensemble", "11".to_string())
        );
        // Not a number is not a number, rather than out of range.
        assert!(matches!(
            s.set("lr", "NaN").unwrap_err(),
            ConfigError::Malformed { key: "lr", .. }
        ));
        assert_eq!(s, Settings::default(), "refused values change nothing");
    }

    #[test]
    fn a_damaged_link_keeps_what_it_got_right() {
        let (s, errors) = Settings::from_query("#dataset=xor&lr=abc&layers=3&bogus=1&noise=7");
        assert_eq!(s.data.dataset, DatasetKind::Xor);
        assert_eq!(s.network.hidden, vec![3]);
        assert_eq!(s.training.optimizer.learning_rate, 0.03);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0], ConfigError::UnknownKey("bogus".into()));
    }

    #[test]
    fn a_head_that_cannot_train_the_task_is_refused() {
        let mut s = Settings::default();
        assert!(matches!(
            s.set("output", "identity"),
            Err(ConfigError::HeadMismatch { .. })
        ));
        s.set("dataset", "sin").unwrap();
        assert_eq!(s.network.head, Head::Identity);
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
        // On 1D data a feature of x2 is refused rather than dropped.
        assert!(matches!(
            s.set("features", "x1sq,x2sq"),
            Err(ConfigError::NotAllowed { key: "features", .. })
        ));
        s.set("features", "x1sq").unwrap();
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
    fn no_hidden_layer_is_allowed_but_an_empty_layer_is_not() {
        let mut s = Settings::default();
        s.set("layers", "").unwrap();
        assert!(s.network.hidden.is_empty() && s.network.activations.is_empty());
        assert_eq!(Settings::from_query(&s.to_query()).0, s);
        for bad in ["4,,4", ",,,", "4,"] {
            assert!(
                matches!(
                    s.set("layers", bad),
                    Err(ConfigError::Malformed {
                        expected: Expected::Layers,
                        ..
                    })
                ),
                "{bad}"
            );
        }
    }

    /// The errors a link gives, as the messages' `Display` form.
    fn reported(query: &str) -> (Settings, Vec<String>) {
        let (s, errors) = Settings::from_query(query);
        (s, errors.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn layers_with_an_empty_width_are_refused_with_a_message() {
        for layers in [",,,", "4,,4"] {
            let (s, errors) = reported(&format!("layers={layers}"));
            assert_eq!(s.network.hidden, vec![4, 2], "{layers}: the default stays");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(errors[0].starts_with("malformed(key=layers"), "{errors:?}");
        }
    }

    #[test]
    fn features_listed_twice_or_empty_are_refused_with_a_message() {
        for features in ["x1,x1,x1", "x1,,x2"] {
            let (s, errors) = reported(&format!("features={features}"));
            assert_eq!(s.data.features, FeatureSet::XY, "{features}: the default stays");
            assert_eq!(
                errors,
                [format!("malformed(key=features, value={features}, expected=features)")]
            );
        }
    }

    #[test]
    fn features_of_x2_on_one_dimensional_data_are_refused_with_a_message() {
        let (s, errors) = reported("dataset=sin&features=x2");
        assert_eq!(s.get("features").as_deref(), Some("x1"));
        assert_eq!(errors, ["notAllowed(key=features, value=x2)"]);
        let (s, errors) = reported("dataset=table&features=x2,x2sq");
        assert_eq!(s.get("features").as_deref(), Some("x1"));
        assert_eq!(errors, ["notAllowed(key=features, value=x2)"]);
        // What one-dimensional data can use is applied as written.
        let (s, errors) = reported("dataset=sin&features=x1,x1sq");
        assert_eq!((s.get("features").as_deref(), errors.len()), (Some("x1,x1sq"), 0));
    }

    #[test]
    fn a_repeated_key_is_reported_and_its_last_value_used() {
        let (s, errors) = reported("seed=1&seed=2&lr=0.1&seed=7");
        assert_eq!(s.seed, 7);
        assert_eq!(errors, ["repeatedKey(key=seed, count=3, value=7)"]);
        // An unknown key is named once, however often it comes.
        let (_, errors) = reported("bogus=1&bogus=2");
        assert_eq!(errors, ["unknownKey(key=bogus)"]);
    }

    #[test]
    fn quoted_values_show_control_and_bidirectional_characters_as_code_points() {
        let (_, errors) = reported("lr=1\u{202E}0&\u{2067}k\ney=1");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("key=\\u{2067}k\\u{000A}ey"), "{errors:?}");
        assert!(errors[1].contains("value=1\\u{202E}0"), "{errors:?}");
    }

    #[test]
    fn the_seed_is_written_last() {
        assert!(Settings::default().to_query().ends_with("&seed=1"));
    }
}
