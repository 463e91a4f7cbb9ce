//! Handwritten digits: the engine's network (64 inputs, one or two hidden
//! layers, a softmax over the ten digits) trained on real 8×8 images, with
//! what the lab shows of it: the test images' guesses, the confusion
//! matrix, the first layer's weights as pictures, and a digit drawn by hand
//! read by the network as it is drawn.

use crate::config::table::{ticks, to_query, whole, Configurable, Group, Kind, Setting};
use crate::config::{Effect, Regularization, TrainingSettings};
use crate::data::digits::{self, DigitSplit, Digits, CLASSES, PIXELS};
use crate::data::{Prepared, Task};
use crate::message::{Code, Message};
use crate::nn::{Activation, Architecture, Head, Init};
use crate::train::model::{self, InputTransform, ModelFile};
use crate::train::optimizer::{OptimizerConfig, OptimizerKind};
use crate::train::trainer::{Split, Start};
use crate::train::{Metrics, Trainer};

/// Most hidden layers.
pub const MAX_LAYERS: usize = 2;
/// Most neurons in a hidden layer.
pub const MAX_NEURONS: usize = 128;
/// The share of each digit's images held out for testing.
pub const TEST_SHARE: f32 = 0.25;
/// The share of the training images held out for early stopping.
pub const VALIDATION_SHARE: f32 = 0.2;
/// Learning rates offered.
const RATES: &[f32] = &[0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
/// L2 rates offered.
const L2_RATES: &[f32] = &[0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03];
/// Dropout probabilities offered.
const DROPOUTS: &[f32] = &[0.0, 0.1, 0.2, 0.3, 0.5];

/// The lab's settings, one row each of [`DIGITS_SETTINGS`].
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsSettings {
    /// The hidden layers' widths.
    pub layers: Vec<usize>,
    /// Every hidden layer's activation.
    pub activation: Activation,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// Its learning rate α.
    pub learning_rate: f32,
    /// Images per minibatch.
    pub batch: usize,
    /// The L2 penalty's rate λ (0 = none).
    pub l2: f32,
    /// Inverted dropout's drop probability on the hidden layers.
    pub dropout: f32,
    /// Early-stopping patience in epochs (0 = off).
    pub patience: usize,
    /// The split, the initial weights, the minibatch order and dropout.
    pub seed: u32,
}

impl Default for DigitsSettings {
    fn default() -> Self {
        DigitsSettings {
            layers: vec![64],
            activation: Activation::Relu,
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.003,
            batch: 32,
            l2: 0.0,
            dropout: 0.0,
            patience: 0,
            seed: 1,
        }
    }
}

/// A row of the table.
type Row = Setting<DigitsSettings>;

/// Every setting of the lab, in link order.
pub static DIGITS_SETTINGS: &[Row] = &[
    Row::new(
        "layers",
        Group::Digits,
        Kind::Layers {
            most: MAX_LAYERS,
            neurons: MAX_NEURONS,
        },
        Effect::Reset,
        |s| crate::config::table::join(&s.layers),
        |s, v| s.layers = v.layers(),
    ),
    Row::new(
        "activation",
        Group::Digits,
        Kind::Choice {
            options: &Activation::NAMES,
            family: None,
        },
        Effect::Reset,
        |s| s.activation.to_string(),
        |s, v| s.activation = v.named(),
    ),
    Row::new(
        "optimizer",
        Group::Digits,
        Kind::Choice {
            options: &OptimizerKind::NAMES,
            family: None,
        },
        Effect::Live,
        |s| s.optimizer.to_string(),
        |s, v| s.optimizer = v.named(),
    ),
    Row::new(
        "lr",
        Group::Digits,
        ticks(1e-5, 1.0, RATES),
        Effect::Live,
        |s| s.learning_rate.to_string(),
        |s, v| s.learning_rate = v.real(),
    ),
    Row::new(
        "batch",
        Group::Digits,
        whole(1, 1024, 1),
        Effect::Live,
        |s| s.batch.to_string(),
        |s, v| s.batch = v.size(),
    ),
    Row::new(
        "l2",
        Group::Digits,
        ticks(0.0, 1.0, L2_RATES),
        Effect::Live,
        |s| s.l2.to_string(),
        |s, v| s.l2 = v.real(),
    ),
    Row::new(
        "dropout",
        Group::Digits,
        ticks(0.0, crate::config::limits::MAX_DROPOUT, DROPOUTS),
        Effect::Live,
        |s| s.dropout.to_string(),
        |s, v| s.dropout = v.real(),
    ),
    Row::new(
        "patience",
        Group::Digits,
        whole(0, 1000, 1),
        Effect::Reset,
        |s| s.patience.to_string(),
        |s, v| s.patience = v.size(),
    ),
    Row::new(
        "seed",
        Group::Digits,
        whole(0, u32::MAX as u64, 1),
        Effect::Reset,
        |s| s.seed.to_string(),
        |s, v| s.seed = v.whole() as u32,
    ),
];

impl Configurable for DigitsSettings {
    fn table() -> &'static [Setting<DigitsSettings>] {
        DIGITS_SETTINGS
    }
}

/// The digits lab, in the registry ([`crate::labs::each`]).
pub struct DigitsMarker;

impl crate::labs::Lab for DigitsMarker {
    const NAME: &'static str = "digits";
    const HANDLE: &'static str = "DigitsLab";
    const EXAMPLE: &'static str =
        "layers=128,32&activation=tanh&optimizer=sgd&lr=0.03&batch=64&l2=0.001&dropout=0.2&patience=10&seed=7";
    type Settings = DigitsSettings;
}

impl DigitsSettings {
    /// How the networks are trained, in the engine's terms.
    pub fn training(&self) -> TrainingSettings {
        TrainingSettings {
            optimizer: OptimizerConfig {
                kind: self.optimizer,
                learning_rate: self.learning_rate,
                ..OptimizerConfig::default()
            },
            batch_size: self.batch,
            regularization: if self.l2 > 0.0 {
                Regularization::L2
            } else {
                Regularization::None
            },
            reg_rate: self.l2,
            augment: 0.0,
            patience: self.patience,
            validation_share: VALIDATION_SHARE,
            ..TrainingSettings::default()
        }
    }

    /// The network: 64 inputs, the hidden layers, a softmax over the ten digits.
    pub fn architecture(&self) -> Architecture {
        Architecture {
            inputs: PIXELS,
            hidden: self.layers.clone(),
            activations: vec![self.activation; self.layers.len()],
            outputs: CLASSES,
            head: Head::Softmax,
            dropout: self.dropout,
            batch_norm: false,
        }
    }
}

/// The lab: the settings, the images once loaded, the engine's session on
/// them, the test images' latest probabilities and the drawing.
#[derive(Debug)]
pub struct DigitsLab {
    /// The settings.
    pub settings: DigitsSettings,
    digits: Option<Digits>,
    /// Which images train and test.
    pub split: DigitSplit,
    /// The session (once the images are loaded).
    pub trainer: Option<Trainer>,
    /// Each test image's ten probabilities, test images × 10, as of `seen`.
    probabilities: Vec<f32>,
    seen: Option<u64>,
    /// The training images' accuracy, as of the trainer's version it holds.
    train_accuracy: Option<(u64, f32)>,
    /// The strokes drawn, each a polyline in the pad's units.
    pub strokes: Vec<Vec<[f32; 2]>>,
}

/// One image as the network reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The ten probabilities.
    pub probabilities: [f32; CLASSES],
    /// The most likely digit.
    pub guess: usize,
}

impl DigitsLab {
    /// The lab before its images are loaded.
    pub fn new(settings: DigitsSettings) -> DigitsLab {
        DigitsLab {
            settings,
            digits: None,
            split: DigitSplit::default(),
            trainer: None,
            probabilities: Vec::new(),
            seen: None,
            train_accuracy: None,
            strokes: Vec::new(),
        }
    }

    /// Takes the images (the data file's bytes) and starts a session on them.
    pub fn load(&mut self, bytes: &[u8]) -> Result<(), digits::DigitsError> {
        self.digits = Some(Digits::parse(bytes)?);
        self.restart();
        Ok(())
    }

    /// The images, once loaded.
    pub fn digits(&self) -> Option<&Digits> {
        self.digits.as_ref()
    }

    /// A fresh split and fresh networks for the settings (no-op before loading).
    pub fn restart(&mut self) {
        if let Some((split, trainer)) = self.session(&self.settings) {
            self.begin(split, trainer);
        }
    }

    /// The split and a fresh session for `s`, epoch 0 not yet evaluated;
    /// None before the images are loaded.
    fn session(&self, s: &DigitsSettings) -> Option<(DigitSplit, Trainer)> {
        let d = self.digits.as_ref()?;
        let training = s.training();
        let split = d.split(TEST_SHARE, training.validation(), s.seed);
        let data = Prepared::from_parts(
            PIXELS,
            d.part(&split.train),
            d.part(&split.validation),
            d.part(&split.test),
        );
        let start = Start {
            init: init_for(s.activation),
            ensemble: 1,
            seed: s.seed,
        };
        let task = Task::Classification { classes: CLASSES };
        Some((split, Trainer::on_data(data, &s.architecture(), start, training, task)))
    }

    /// Makes `trainer` the lab's session, its epoch 0 evaluated.
    fn begin(&mut self, split: DigitSplit, mut trainer: Trainer) {
        // Epoch 0's figures at once: 1,797 images through the network, about a millisecond.
        trainer.settle(u64::MAX);
        self.split = split;
        self.trainer = Some(trainer);
        self.seen = None;
        self.train_accuracy = None;
    }

    /// Takes a model file this lab exported (its text): its settings and
    /// network replace the current ones, on the split of its seed, and
    /// training can go on from it (its epoch 0 is the loaded network).
    /// Refused with the reason, nothing changed, when the text is not JSON,
    /// the file was saved elsewhere (the playground, another lab) or does
    /// not fit the lab (its settings, columns, input transform or layers).
    pub fn load_model(&mut self, text: &str) -> Result<(), Message> {
        let file = model::parse(text)?;
        match model::saved_in(&file) {
            Some(<DigitsMarker as crate::labs::Lab>::NAME) => {}
            other => {
                return Err(Message::new(Code::ModelElsewhere).with("from", other.unwrap_or("playground")));
            }
        }
        let query: Vec<&str> = file.settings.split('&').filter(|p| !p.starts_with("lab=")).collect();
        let (settings, errors) = crate::config::table::from_query::<DigitsSettings>(&query.join("&"));
        if let Some(e) = errors.first() {
            return Err(model::refused(&format!("its settings: {e}")));
        }
        if file.features != column_names() {
            return Err(model::refused("its columns are not the images' p0 to p63"));
        }
        if file.input_transform != Some(input_transform()) || file.standardization.is_some() || file.classes != CLASSES
        {
            return Err(model::refused("its inputs or classes are not the lab's"));
        }
        let Some((split, mut trainer)) = self.session(&settings) else {
            return Err(model::refused("the images are not loaded yet"));
        };
        let (params, running) = model::checked_layers(&trainer.members[0].mlp, &file)?;
        let mlp = &mut trainer.members[0].mlp;
        mlp.params = params;
        mlp.running = running;
        trainer.version += 1;
        self.settings = settings;
        self.begin(split, trainer);
        Ok(())
    }

    /// Takes new settings: a live change goes on training, any other starts over.
    pub fn apply(&mut self, next: DigitsSettings, effect: Effect) {
        self.settings = next;
        match (effect, &mut self.trainer) {
            (Effect::Live, Some(t)) => t.update_live(&self.settings.training(), self.settings.dropout),
            _ => self.restart(),
        }
    }

    /// Trains for about `work` rows (see [`Trainer::work`]); returns false
    /// once training cannot go on (not loaded, diverged, stopped early).
    pub fn train(&mut self, work: u64) -> bool {
        let Some(t) = &mut self.trainer else { return false };
        let start = t.work;
        while t.work - start < work {
            if !t.advance() {
                return false;
            }
        }
        true
    }

    /// Trains whole epochs until `epochs` are done or training stops.
    pub fn train_epochs(&mut self, epochs: usize) -> bool {
        let Some(t) = &mut self.trainer else { return false };
        while t.epoch < epochs {
            if !t.train_epoch() {
                return false;
            }
        }
        true
    }

    /// The train and test accuracy of the network as it is now, which the
    /// exports report: mid-epoch, not the last epoch's (the charts' record).
    pub fn accuracy(&mut self) -> Option<(f32, f32)> {
        let guesses = self.test_guesses();
        let t = self.trainer.as_mut()?;
        let right = t
            .data
            .test
            .y
            .iter()
            .zip(&guesses)
            .filter(|(&y, &g)| y as usize == g)
            .count();
        let test = right as f32 / guesses.len().max(1) as f32;
        let train = match self.train_accuracy {
            Some((version, a)) if version == t.version => a,
            _ => {
                let a = t.evaluate_split(Split::Train).accuracy;
                self.train_accuracy = Some((t.version, a));
                a
            }
        };
        Some((train, test))
    }

    /// The last recorded epoch's train and test figures.
    pub fn metrics(&self) -> Option<(Metrics, Metrics)> {
        let record = self.trainer.as_ref()?.history.last()?;
        Some((record.train, record.test))
    }

    /// Each test image's ten probabilities now, test images × 10.
    pub fn test_probabilities(&mut self) -> &[f32] {
        let Some(t) = &mut self.trainer else { return &[] };
        if self.seen != Some(t.version) {
            let x = std::mem::take(&mut t.data.test.x);
            t.predict(&x, t.data.test.len(), &mut self.probabilities);
            t.data.test.x = x;
            self.seen = Some(t.version);
        }
        &self.probabilities
    }

    /// Each test image's guess, in the order of the split's test images.
    pub fn test_guesses(&mut self) -> Vec<usize> {
        self.test_probabilities()
            .chunks_exact(CLASSES)
            .map(|p| Head::Softmax.predicted_class(p))
            .collect()
    }

    /// The confusion matrix of the test images: `[digit][guess]` counts.
    pub fn confusion(&mut self) -> [[u32; CLASSES]; CLASSES] {
        let mut m = [[0; CLASSES]; CLASSES];
        let guesses = self.test_guesses();
        if let Some(t) = &self.trainer {
            for (&y, g) in t.data.test.y.iter().zip(guesses) {
                m[y as usize][g] += 1;
            }
        }
        m
    }

    /// The first layer's weights, neuron by neuron: 64 each, row by row as
    /// the image's pixels (the output layer's ten without a hidden layer).
    pub fn features(&self) -> Vec<[f32; PIXELS]> {
        let Some(t) = &self.trainer else { return Vec::new() };
        let mlp = &t.members[0].mlp;
        let w = &mlp.params[mlp.layers[0].weight_range()];
        w.chunks_exact(PIXELS)
            .map(|row| row.try_into().expect("64 inputs"))
            .collect()
    }

    /// The network's reading of 64 block counts.
    pub fn read(&mut self, counts: &[u8; PIXELS]) -> Option<Reading> {
        let t = self.trainer.as_mut()?;
        let x: Vec<f32> = counts.iter().map(|&c| digits::scale(c)).collect();
        let mut out = Vec::new();
        t.predict(&x, 1, &mut out);
        let probabilities: [f32; CLASSES] = out[..CLASSES].try_into().ok()?;
        Some(Reading {
            guess: Head::Softmax.predicted_class(&probabilities),
            probabilities,
        })
    }

    /// The drawing as the set's 8×8 block counts.
    pub fn drawing(&self) -> [u8; PIXELS] {
        digits::blocks(&digits::rasterize(&self.strokes))
    }

    /// Whether nothing is drawn.
    pub fn is_blank(&self) -> bool {
        self.strokes.is_empty()
    }

    /// The first-layer neurons the drawing lights most: up to `n`, by
    /// their activation on it, largest first, each with that activation
    /// (those above zero only).
    pub fn lit(&self, n: usize) -> Vec<(usize, f32)> {
        let Some(t) = &self.trainer else { return Vec::new() };
        let mlp = &t.members[0].mlp;
        if self.is_blank() || mlp.layers.len() < 2 {
            return Vec::new();
        }
        let x: Vec<f32> = self.drawing().iter().map(|&c| digits::scale(c)).collect();
        let mut tape = crate::nn::Tape::default();
        mlp.forward_eval(&x, 1, &mut tape);
        let mut lit: Vec<(usize, f32)> = tape.layers[0].act.iter().copied().enumerate().collect();
        lit.retain(|&(_, a)| a > 0.0 && a.is_finite());
        lit.sort_by(|a, b| b.1.total_cmp(&a.1));
        lit.truncate(n);
        lit
    }

    /// The images as CSV: a header, then each image in file order, its 64
    /// counts `p0`…`p63` (0–16, row by row), its `label` and its `split`
    /// (`train`, `validation` when held out for early stopping, or `test`).
    /// None before the images are loaded.
    pub fn csv(&self) -> Option<String> {
        let d = self.digits.as_ref()?;
        let mut split = vec!["train"; d.len()];
        for &i in &self.split.validation {
            split[i] = "validation";
        }
        for &i in &self.split.test {
            split[i] = "test";
        }
        let mut out = column_names().join(",") + ",label,split\n";
        for (i, part) in split.iter().enumerate() {
            for c in d.image(i) {
                out += &format!("{c},");
            }
            out += &format!("{},{part}\n", d.labels[i]);
        }
        Some(out)
    }

    /// The network as a model file (`docs/model-format.md`): the lab's link,
    /// the 64 columns as its features, the input transform count / 16, no
    /// standardisation. None before the images are loaded.
    pub fn model_file(&self) -> Option<ModelFile> {
        let t = self.trainer.as_ref()?;
        let mlp = &t.members[0].mlp;
        Some(ModelFile {
            format: model::FORMAT.into(),
            version: model::VERSION,
            settings: format!("lab=digits&{}", to_query(&self.settings)),
            features: column_names(),
            input_transform: Some(input_transform()),
            standardization: None,
            layers: model::layers(mlp),
            head: mlp.head.to_string(),
            classes: CLASSES,
        })
    }
}

/// The CSV's pixel columns, which are the model's features: `p0`…`p63`.
fn column_names() -> Vec<String> {
    (0..PIXELS).map(|i| format!("p{i}")).collect()
}

/// The lab's input transform: each count times 1/16, as the network reads it.
fn input_transform() -> InputTransform {
    InputTransform {
        offset: vec![0.0; PIXELS],
        scale: vec![digits::scale(1); PIXELS],
    }
}

/// The initial weights an activation trains best from: He for the ReLU
/// family, Xavier for the rest.
fn init_for(activation: Activation) -> Init {
    match activation {
        Activation::Relu | Activation::LeakyRelu | Activation::Elu => Init::He,
        _ => Init::Xavier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;

    const FILE: &[u8] = include_bytes!("../../www/data/digits.bin");

    fn lab(query: &str) -> DigitsLab {
        let (s, errors) = from_query::<DigitsSettings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        let mut lab = DigitsLab::new(s);
        lab.load(FILE).unwrap();
        lab
    }

    #[test]
    fn a_short_training_reads_nine_test_digits_in_ten() {
        let mut lab = lab("");
        let (_, untrained) = lab.metrics().expect("epoch 0 is evaluated on loading");
        assert!(untrained.accuracy < 0.5, "untrained: {}", untrained.accuracy);
        assert!(lab.train_epochs(10));
        let (_, test) = lab.metrics().unwrap();
        assert!(test.accuracy >= 0.9, "test accuracy {} after 10 epochs", test.accuracy);
        // The confusion matrix counts every test image once, mostly on its diagonal.
        let m = lab.confusion();
        let total: u32 = m.iter().flatten().sum();
        let right: u32 = (0..CLASSES).map(|d| m[d][d]).sum();
        assert_eq!(total as usize, lab.split.test.len());
        assert!((right as f32 / total as f32 - test.accuracy).abs() < 1e-6);
    }

    #[test]
    fn the_playgrounds_limits_stay_and_the_labs_are_its_own() {
        let (s, errors) = from_query::<DigitsSettings>("layers=128,128");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.layers, [128, 128]);
        assert_eq!(from_query::<DigitsSettings>("layers=129").1.len(), 1);
        assert_eq!(from_query::<DigitsSettings>("layers=8,8,8").1.len(), 1);
        let (_, errors) = crate::config::Settings::from_query("layers=33");
        assert_eq!(errors.len(), 1, "the playground still refuses 33 neurons");
        // Ten outputs train: the engine's limits are the model's.
        let mut wide = lab("layers=128,128&batch=256");
        assert!(wide.train_epochs(1));
        assert_eq!(wide.features().len(), 128);
    }

    #[test]
    fn the_first_layers_weights_are_the_features_and_training_moves_them() {
        let mut lab = lab("layers=16");
        let before = lab.features();
        assert_eq!(before.len(), 16);
        lab.train_epochs(3);
        let after = lab.features();
        let moved = before
            .iter()
            .zip(&after)
            .flat_map(|(a, b)| a.iter().zip(b))
            .any(|(a, b)| a != b);
        assert!(moved);
        let mlp = &lab.trainer.as_ref().unwrap().members[0].mlp;
        // Neuron 3's weight from pixel (row 2, column 5).
        assert_eq!(
            after[3][2 * 8 + 5],
            mlp.params[mlp.layers[0].weights + 3 * PIXELS + 2 * 8 + 5]
        );
    }

    #[test]
    fn a_drawn_one_is_read_as_a_one_after_training() {
        let mut lab = lab("");
        lab.train_epochs(30);
        lab.strokes = vec![vec![[50.0, 10.0], [50.0, 90.0]]];
        let reading = lab.read(&lab.drawing()).unwrap();
        assert_eq!(reading.guess, 1, "{reading:?}");
        let sum: f32 = reading.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-5);
        assert!(!lab.lit(3).is_empty());
    }

    /// Runs an exported script on a CSV text: what it prints, and each row's ten probabilities.
    fn run_script(python: &str, script: &str, csv: &str) -> (String, Vec<Vec<f32>>) {
        let dir = std::env::temp_dir().join(format!("digits-export-{}-{}", std::process::id(), csv.len()));
        std::fs::create_dir_all(&dir).unwrap();
        let (data, program, out) = (dir.join("digits.csv"), dir.join("model.py"), dir.join("out.csv"));
        std::fs::write(&data, csv).unwrap();
        std::fs::write(&program, script).unwrap();
        let run = std::process::Command::new(python)
            .arg(&program)
            .arg(&data)
            .arg("--predictions")
            .arg(&out)
            .output()
            .expect("python runs");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let rows = std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
            .collect();
        std::fs::remove_dir_all(&dir).ok();
        (String::from_utf8(run.stdout).unwrap(), rows)
    }

    /// The exported NumPy script, run on the exported CSV mid-epoch, reads
    /// every image as the engine does: each split's accuracy as the lab's
    /// readouts have it (the network now, not the last epoch's record),
    /// probabilities to 1e-5, and a file without its split column whole.
    #[test]
    fn the_exported_numpy_script_reads_the_exported_csv_as_the_engine_does() {
        let Some(python) = crate::train::python::python() else {
            return;
        };
        let mut lab = lab("layers=32,16&patience=5");
        lab.train_epochs(5);
        // Half an epoch more: the readouts are of the network now.
        lab.train(1500);
        assert!(lab.trainer.as_ref().unwrap().step_in_epoch() > 0, "mid-epoch");
        let text = lab.csv().unwrap();
        assert!(text.starts_with("p0,p1,"));
        assert_eq!(text.lines().next().unwrap().split(',').count(), PIXELS + 2);
        assert_eq!(text.lines().count(), 1 + 1797);
        let script = crate::train::python::numpy_columns(&lab.model_file().unwrap());
        let (printed, rows) = run_script(&python, &script, &text);
        let (train, test) = lab.accuracy().unwrap();
        let t = lab.trainer.as_mut().unwrap();
        let validation = t.evaluate_split(Split::Validation).accuracy;
        let (n_train, n_validation, n_test) = (t.data.train.len(), t.data.validation.len(), t.data.test.len());
        assert!(n_validation > 0);
        for (part, accuracy, n) in [
            ("train", train, n_train),
            ("validation", validation, n_validation),
            ("test", test, n_test),
        ] {
            let expected = format!("{part}: accuracy {accuracy:.4} on {n} points");
            assert!(printed.lines().any(|l| l == expected), "{printed}\nexpected {expected}");
        }
        let engine = lab.test_probabilities().to_vec();
        for (k, &i) in lab.split.test.iter().enumerate() {
            for d in 0..CLASSES {
                let (py, ours) = (rows[i][d], engine[k * CLASSES + d]);
                assert!(
                    (py - ours).abs() < 1e-5,
                    "image {i}, digit {d}: NumPy {py}, engine {ours}"
                );
            }
        }
        // Without the split column every row counts, under "all".
        let whole: String = text
            .lines()
            .map(|l| l[..l.rfind(',').unwrap()].to_string() + "\n")
            .collect();
        let (printed, _) = run_script(&python, &script, &whole);
        let right = [(train, n_train), (validation, n_validation), (test, n_test)]
            .iter()
            .map(|&(a, n)| (a * n as f32).round())
            .sum::<f32>();
        let expected = format!("all: accuracy {:.4} on 1797 points", right / 1797.0);
        assert_eq!(printed.trim(), expected);
    }

    /// The PyTorch script reads the same CSV: run when the project's Python
    /// has torch, else at least compiled.
    #[test]
    fn the_exported_pytorch_script_reads_the_exported_csv_as_the_engine_does() {
        let Some(python) = crate::train::python::python() else {
            return;
        };
        let mut lab = lab("layers=16&activation=tanh");
        lab.train_epochs(2);
        let script = crate::train::python::pytorch_columns(&lab.model_file().unwrap());
        assert!(script.contains("nn.Sequential") && script.contains("def read(path)"));
        let has_torch = std::process::Command::new(&python)
            .args(["-c", "import torch"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_torch {
            let check = std::process::Command::new(&python)
                .args(["-c", "import ast, sys; ast.parse(sys.stdin.read())"])
                .stdin(std::process::Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    use std::io::Write;
                    child.stdin.take().unwrap().write_all(script.as_bytes())?;
                    child.wait()
                })
                .unwrap();
            assert!(check.success(), "the PyTorch script parses");
            eprintln!("no torch in {python}: the PyTorch script was parsed, not run");
            return;
        }
        let (printed, rows) = run_script(&python, &script, &lab.csv().unwrap());
        let (_, test) = lab.accuracy().unwrap();
        let expected = format!("test: accuracy {test:.4} on {} points", lab.split.test.len());
        assert!(printed.lines().any(|l| l == expected), "{printed}\nexpected {expected}");
        let engine = lab.test_probabilities().to_vec();
        for (k, &i) in lab.split.test.iter().enumerate() {
            for d in 0..CLASSES {
                assert!(
                    (rows[i][d] - engine[k * CLASSES + d]).abs() < 1e-5,
                    "image {i}, digit {d}"
                );
            }
        }
    }

    /// A model file the lab exported loads into a fresh lab with other
    /// settings: the same settings, split and probabilities, bit for bit.
    #[test]
    fn an_exported_model_loads_back_and_reads_every_test_image_the_same() {
        let mut from = lab("layers=32&activation=tanh&seed=3");
        from.train_epochs(2);
        from.train(900);
        let text = serde_json::to_string(&from.model_file().unwrap()).unwrap();
        let mut into = lab("layers=8,8&seed=9");
        into.train_epochs(1);
        into.load_model(&text).expect("loaded");
        assert_eq!(into.settings, from.settings);
        assert_eq!(into.split, from.split);
        assert_eq!(into.test_probabilities(), from.test_probabilities());
        assert_eq!(into.accuracy(), from.accuracy());
        // Its epoch 0 is the loaded network, and training goes on from it.
        let (_, test) = into.metrics().unwrap();
        assert_eq!(test.accuracy, from.accuracy().unwrap().1);
        assert!(into.train_epochs(1));
    }

    /// A playground model, a broken file, another shape: each refused with
    /// its reason, the lab's run as it was.
    #[test]
    fn a_wrong_model_file_is_refused_and_the_run_stays() {
        let mut lab = lab("layers=16");
        lab.train_epochs(1);
        let good = serde_json::to_value(lab.model_file().unwrap()).unwrap();
        let (settings, _) = crate::config::Settings::from_query("dataset=xor&layers=3");
        let playground = model::save(&Trainer::new(&settings), &settings).unwrap();
        let before = (
            lab.settings.clone(),
            lab.test_probabilities().to_vec(),
            lab.trainer.as_ref().unwrap().epoch,
        );
        let mut refuse = |text: String| {
            let e = lab.load_model(&text).expect_err("refused");
            let after = (
                lab.settings.clone(),
                lab.test_probabilities().to_vec(),
                lab.trainer.as_ref().unwrap().epoch,
            );
            assert_eq!(after, before, "the run is untouched by {e:?}");
            e
        };
        let e = refuse(serde_json::to_string(&playground).unwrap());
        assert_eq!(e.code, Code::ModelElsewhere);
        assert_eq!(e.params, [("from", crate::message::Param::from("playground"))]);
        let e = refuse(good.to_string()[..200].to_string());
        assert_eq!(e.code, Code::ModelNotJson);
        assert_eq!(
            refuse("{\"format\": \"neuroplay-model\", }".into()).code,
            Code::ModelNotJson
        );
        let edited = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut v = good.clone();
            edit(&mut v);
            v.to_string()
        };
        for text in [
            edited(&|v| v["layers"][0]["weights"][3] = serde_json::json!([0.5])),
            edited(&|v| v["settings"] = "lab=digits&layers=16,16".into()),
            edited(&|v| v["settings"] = "lab=digits&layers=999".into()),
            edited(&|v| v["input_transform"]["scale"][0] = 1.0.into()),
            edited(&|v| v["features"][0] = "x1".into()),
            edited(&|v| v["format"] = "other".into()),
        ] {
            assert_eq!(refuse(text).code, Code::ModelRefused);
        }
        // And the playground refuses the lab's file, naming where it is from.
        let e = model::read(&good.to_string()).unwrap_err();
        assert_eq!(
            (e.code, e.params),
            (Code::ModelElsewhere, vec![("from", "digits".into())])
        );
    }
}
