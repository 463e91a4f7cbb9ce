//! What the core tells the page: a code and its named parameters. The core
//! holds no words in any language; the page keeps one table per language,
//! keyed by these codes, and formats the parameters itself.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// Every message the core can send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// No setting has this key (`key`).
    UnknownKey,
    /// A value could not be read as its setting's type (`key`, `value`, `expected`).
    Malformed,
    /// A value lies outside its setting's limits (`key`, `value`, `min`, `max`).
    OutOfRange,
    /// An output head that cannot train the dataset's task (`head`, `dataset`, `classes`, 0 = regression).
    HeadMismatch,
    /// A list of activations whose length is not the number of hidden layers (`given`, `layers`).
    ActivationCount,
    /// Batch normalisation with minibatches of one point.
    BatchNormNeedsBatches,
    /// Training diverged (`epoch`, `step`, `quantity`, `learningRate`).
    Diverged,
    /// Early stopping ran out of patience (`bestEpoch`).
    EarlyStopped,
    /// A weight or bias edit while an ensemble is shown.
    EditEnsemble,
    /// Hand edits dropped because training starts over on another network or other data (`n`).
    EditsDropped,
    /// A typed weight or bias that is not a number within the limits (`part`, `value`, `min`, `max`).
    EditOutOfRange,
    /// A weight or bias the network does not have (`part`, `layer`, `to`, `from`).
    EditMissing,
    /// A descent ran off a surface that has no minimum that way (`steps`).
    LabUnbounded,
    /// A descent blew up on a surface that has a minimum: the step is too large (`steps`).
    LabUnstable,
    /// A descent reached the most steps a run keeps (`steps`).
    LabStepLimit,
    /// Least squares has no single answer: too few distinct points for the features (`points`, `unknowns`).
    LabSingular,
    /// A descent stopped where the gradient is zero: a minimum or a saddle (`steps`).
    LabConverged,
    /// Backpropagation of one point cannot show batch normalisation, which needs a batch.
    LabBatchNorm,
    /// The playground's network changed since a lab took its snapshot.
    LabStale,
    /// A lab on the playground's network shows one network, and the playground trains an ensemble (`members`).
    LabEnsemble,
    /// The regression lab's line: the MSE's bottom is a valley `ratio` times longer than wide.
    RegressionValley,
    /// The regression lab's line: the MSE is a round bowl, its bottom `ratio` times longer than wide.
    RegressionBowl,
    /// The regression lab's line: the MSE's bottom is a valley more than `most` times longer than wide, all but flat along its floor.
    RegressionFlat,
    /// At each one's best step, standardised inputs get closer to the bottom in `steps` steps than raw ones.
    RegressionCloser,
    /// At each one's best step, raw inputs get closer to the bottom in `steps` steps than standardised ones.
    RegressionFarther,
    /// At each one's best step, raw and standardised inputs get as close in `steps` steps.
    RegressionAsClose,
    /// The learning rate `rate` is `raw` times raw inputs' best step and `standardized` times the standardised one's: far apart.
    RegressionUnfair,
    /// The learning rate `rate` is `raw` and `standardized` times the two best steps: about the same share.
    RegressionFair,
    /// A list longer than its setting allows (`key`, `given`, `most`).
    TooMany,
    /// An option the other settings rule out, such as x2 on one-dimensional data (`key`, `value`).
    NotAllowed,
    /// A key a link gives more than once; the last value is used (`key`, `count`, `value`).
    RepeatedKey,
    /// A key whose value a later key of the same link replaced (`key`, `by`).
    Overridden,
    /// Own data with too few points to train and test on (`points`).
    NoData,
    /// A CSV file refused whole (`line`, `reason`, `field`, `most`, `last`: the last class).
    CsvRefused,
    /// A model file refused (`reason`, in the parser's or the check's words).
    ModelRefused,
    /// A model file holds one network, not an ensemble.
    ModelEnsemble,
    /// No better than a constant guess for `epochs` epochs, the loss swinging: the step is too large.
    HintSwinging,
    /// No better than a constant guess for `epochs` epochs, the loss flat.
    HintFlat,
    /// Most ReLU units output 0 for every point (`dead` of `units`).
    HintDeadRelu,
    /// Most sigmoid and tanh units are saturated (`saturated` of `units`).
    HintSaturated,
    /// Most ReLU units are dead, most of them since `since` (`dead` of `units`).
    HintDeadReluSince,
    /// The learning rate is too large: the first steps changed the weights by up to `percent` %.
    HintRateLargeStep,
    /// The learning rate is too large: the loss rose from `from` at epoch `at` to `to` at epoch `peak`.
    HintRateLargeRise,
    /// The learning rate is too large: the loss swings at chance for `epochs` epochs.
    HintRateLargeSwing,
    /// The learning rate is too small: steps of at most `percent` %, the loss from `from` to `to` in `epochs` epochs.
    HintRateSmall,
    /// The units of each hidden layer are identical: a symmetric start.
    HintSymmetric,
    /// The first layer's gradient is more than `times` times smaller than the last layer's.
    HintVanishing,
    /// Only linear activations: the network is linear in its input features.
    HintLinear,
    /// The learning rate cannot go lower (`min`).
    LowestRate,
    /// The learning rate was divided by ten and training starts over (`from`, `to`).
    RateLowered,
    /// A TensorFlow Playground link, opened in this playground's terms.
    TfpLink,
    /// A TensorFlow Playground link, opened without what has no equivalent here (`dropped`: its pairs).
    TfpDropped,
    /// A descent left the map drawn, neither below all of it on a surface
    /// without a floor nor above its start on one with a floor (`steps`).
    LabOffMap,
    /// A model file that is not JSON: it breaks at `line`, `column`.
    ModelNotJson,
    /// A model file saved elsewhere (`from`: a lab's name, or `playground`), which loads only there.
    ModelElsewhere,
}

named_enum!(
    Code,
    "message code",
    [
        UnknownKey => "unknownKey",
        Malformed => "malformed",
        OutOfRange => "outOfRange",
        HeadMismatch => "headMismatch",
        ActivationCount => "activationCount",
        BatchNormNeedsBatches => "batchNormNeedsBatches",
        Diverged => "diverged",
        EarlyStopped => "earlyStopped",
        EditEnsemble => "editEnsemble",
        EditsDropped => "editsDropped",
        EditOutOfRange => "editOutOfRange",
        EditMissing => "editMissing",
        LabUnbounded => "labUnbounded",
        LabUnstable => "labUnstable",
        LabStepLimit => "labStepLimit",
        LabSingular => "labSingular",
        LabConverged => "labConverged",
        LabBatchNorm => "labBatchNorm",
        LabStale => "labStale",
        LabEnsemble => "labEnsemble",
        RegressionValley => "regressionValley",
        RegressionBowl => "regressionBowl",
        RegressionFlat => "regressionFlat",
        RegressionCloser => "regressionCloser",
        RegressionFarther => "regressionFarther",
        RegressionAsClose => "regressionAsClose",
        RegressionUnfair => "regressionUnfair",
        RegressionFair => "regressionFair",
        TooMany => "tooMany",
        NotAllowed => "notAllowed",
        RepeatedKey => "repeatedKey",
        Overridden => "overridden",
        NoData => "noData",
        CsvRefused => "csvRefused",
        ModelRefused => "modelRefused",
        ModelEnsemble => "modelEnsemble",
        HintSwinging => "hintSwinging",
        HintFlat => "hintFlat",
        HintDeadRelu => "hintDeadRelu",
        HintSaturated => "hintSaturated",
        HintDeadReluSince => "hintDeadReluSince",
        HintRateLargeStep => "hintRateLargeStep",
        HintRateLargeRise => "hintRateLargeRise",
        HintRateLargeSwing => "hintRateLargeSwing",
        HintRateSmall => "hintRateSmall",
        HintSymmetric => "hintSymmetric",
        HintVanishing => "hintVanishing",
        HintLinear => "hintLinear",
        LowestRate => "lowestRate",
        RateLowered => "rateLowered",
        TfpLink => "tfpLink",
        TfpDropped => "tfpDropped",
        LabOffMap => "labOffMap",
        ModelNotJson => "modelNotJson",
        ModelElsewhere => "modelElsewhere",
    ]
);

/// What a value that could not be read should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// Any number.
    Number,
    /// A whole number.
    Whole,
    /// 0 or 1.
    Flag,
    /// One of the setting's options.
    Choice,
    /// A comma-separated list of whole numbers, none empty.
    Layers,
    /// A comma-separated list of activation names.
    Activations,
    /// A comma-separated list of feature names, at least one.
    Features,
    /// Two numbers: `x,y`.
    Point,
    /// Pairs of numbers: `x:y,x:y`.
    Points,
    /// Triples of numbers: `w:b:v,w:b:v`.
    Units,
    /// Rows of three numbers: `x1:x2:label,…`.
    Rows,
    /// Hand edits: `w0.1.0:1.5,b1.0:-300`.
    Edits,
    /// Three numbers: `1,2,3`.
    Triple,
}

named_enum!(
    Expected,
    "expected kind",
    [
        Number => "number",
        Whole => "whole",
        Flag => "flag",
        Choice => "choice",
        Layers => "layers",
        Activations => "activations",
        Features => "features",
        Point => "point",
        Points => "points", Units => "units", Rows => "rows", Edits => "edits",
        Triple => "triple",
    ]
);

/// What stopped being a finite number when training diverged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// The loss of a minibatch or of an epoch.
    Loss,
    /// A parameter of the network.
    Weights,
}

named_enum!(Quantity, "quantity", [Loss => "loss", Weights => "weights"]);

/// Which kind of parameter a user edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// A weight, an edge of the diagram.
    Weight,
    /// A bias, a neuron of the diagram.
    Bias,
}

named_enum!(Part, "parameter part", [Weight => "weight", Bias => "bias"]);

/// One parameter of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    /// Text to show as it is: a key or a value as the user wrote it.
    Text(String),
    /// A number, which the page formats for its language.
    Number(f64),
    /// A word of the core's vocabulary (an [`Expected`], a [`Quantity`], a
    /// [`Part`]), which the page translates.
    Word(&'static str),
}

impl From<&str> for Param {
    fn from(s: &str) -> Param {
        Param::Text(s.to_string())
    }
}

impl From<String> for Param {
    fn from(s: String) -> Param {
        Param::Text(s)
    }
}

macro_rules! number_param {
    ($($t:ty),*) => {$(
        impl From<$t> for Param {
            fn from(v: $t) -> Param {
                Param::Number(v as f64)
            }
        }
    )*};
}
number_param!(f32, f64, usize, u32, u64, i32);

/// A message: a code and its parameters, in the order given.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// What happened.
    pub code: Code,
    /// Its named parameters.
    pub params: Vec<(&'static str, Param)>,
}

impl Message {
    /// A message without parameters.
    pub fn new(code: Code) -> Message {
        Message {
            code,
            params: Vec::new(),
        }
    }

    /// This message with one more parameter.
    pub fn with(mut self, name: &'static str, value: impl Into<Param>) -> Message {
        self.params.push((name, value.into()));
        self
    }

    /// This message with a parameter that is a word of the core's vocabulary.
    pub fn word(mut self, name: &'static str, word: &'static str) -> Message {
        self.params.push((name, Param::Word(word)));
        self
    }

    /// The parameter `name`, if the message has it.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// Every key of the page's message tables: each code as `code.NAME`, and
/// each word parameters may carry as `expected.NAME`, `quantity.NAME`,
/// `part.NAME`, `reason.NAME` (why a CSV file was refused). A test checks each has both languages.
pub fn vocabulary() -> Vec<String> {
    let codes = Code::NAMES.iter().map(|n| format!("code.{n}"));
    let expected = Expected::NAMES.iter().map(|n| format!("expected.{n}"));
    let quantities = Quantity::NAMES.iter().map(|n| format!("quantity.{n}"));
    let parts = Part::NAMES.iter().map(|n| format!("part.{n}"));
    let reasons = crate::data::csv::Reason::NAMES.iter().map(|n| format!("reason.{n}"));
    codes
        .chain(expected)
        .chain(quantities)
        .chain(parts)
        .chain(reasons)
        .collect()
}

/// `{"code": "outOfRange", "key": "points", "value": "99999", …}`: the code
/// and the parameters side by side, words as their names.
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.params.len() + 1))?;
        map.serialize_entry("code", self.code.name())?;
        for (name, value) in &self.params {
            match value {
                Param::Text(s) => map.serialize_entry(name, s)?,
                Param::Number(x) if x.is_finite() => map.serialize_entry(name, x)?,
                // JSON has no NaN or infinity: such a number goes as its text.
                Param::Number(x) => map.serialize_entry(name, &x.to_string())?,
                Param::Word(w) => map.serialize_entry(name, w)?,
            }
        }
        map.end()
    }
}

/// `outOfRange(key=points, value=99999, min=10, max=5000)`: for logs and
/// tests, not for users.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.code)?;
        for (i, (name, value)) in self.params.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            match value {
                Param::Text(s) => write!(f, "{sep}{name}={s}")?,
                Param::Number(x) => write!(f, "{sep}{name}={x}")?,
                Param::Word(w) => write!(f, "{sep}{name}={w}")?,
            }
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_serialises_as_its_code_beside_its_parameters() {
        let m = Message::new(Code::OutOfRange)
            .with("key", "points")
            .with("value", "99999")
            .with("min", 10_usize)
            .word("part", Part::Bias.name());
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"code":"outOfRange","key":"points","value":"99999","min":10.0,"part":"bias"}"#
        );
        assert_eq!(m.to_string(), "outOfRange(key=points, value=99999, min=10, part=bias)");
    }

    #[test]
    fn numbers_json_cannot_hold_go_as_text() {
        let m = Message::new(Code::Diverged).with("learningRate", f32::INFINITY);
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"code":"diverged","learningRate":"inf"}"#
        );
    }

    #[test]
    fn the_vocabulary_names_every_code_and_word_once() {
        let v = vocabulary();
        assert_eq!(
            v.len(),
            Code::ALL.len()
                + Expected::ALL.len()
                + Quantity::ALL.len()
                + Part::ALL.len()
                + crate::data::csv::Reason::ALL.len()
        );
        let mut unique = v.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), v.len());
        assert!(v.contains(&"code.diverged".to_string()) && v.contains(&"part.bias".to_string()));
    }
}
