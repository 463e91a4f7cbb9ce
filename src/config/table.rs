//! Tables of settings: each key with its type and limits, whether a change
//! is live or starts over, when it applies, which options it allows, and
//! how it is read and written. The playground's table and each lab's are
//! built from these pieces; links, the handles' `set` and `get`, and the
//! page's controls all come from a table, so a rule lives in one place.

use super::error::ConfigError;
use super::limits::{MAX_HIDDEN_LAYERS, MAX_NEURONS};
use super::link;
use super::settings::{truncate, Effect};
use crate::data::features::{Feature, FeatureSet};
use crate::message::Expected;
use crate::nn::activation::Activation;
use crate::train::{Edit, EditError};
use serde_json::{json, Map, Value as Json};
use std::fmt::Display;

/// Settings described by a table.
pub trait Configurable: Clone + Default + 'static {
    /// Every setting, in the order links are written and read: a key after
    /// the keys it depends on.
    fn table() -> &'static [Setting<Self>];

    /// Checks what no single key can: that the pieces fit together.
    fn validate(&self) -> Result<(), ConfigError> {
        Ok(())
    }
}

/// The row of `key` in `S`'s table.
pub fn find<S: Configurable>(key: &str) -> Option<&'static Setting<S>> {
    S::table().iter().find(|s| s.key == key)
}

/// Sets one key of `settings` from its link form. The settings change only
/// if the value is valid; the result says whether a run must start over.
pub fn set<S: Configurable>(settings: &mut S, key: &str, value: &str) -> Result<Effect, ConfigError> {
    let setting = find::<S>(key).ok_or_else(|| ConfigError::UnknownKey(truncate(key)))?;
    let parsed = setting.kind.parse(setting.key, value)?;
    let mut next = settings.clone();
    (setting.assign)(&mut next, parsed.clone());
    next.validate()?;
    // An option the settings do not allow would be dropped or replaced
    // when assigned (x2 on one-dimensional data): refuse it instead.
    if let Some(option) = parsed.options().into_iter().find(|o| !(setting.allowed)(settings, o)) {
        return Err(ConfigError::NotAllowed {
            key: setting.key,
            value: option.to_string(),
        });
    }
    *settings = next;
    Ok(setting.effect)
}

/// Reads a whole link. Valid keys are applied, in table order; each invalid
/// or unknown one is skipped and reported, so a damaged link still opens
/// with everything it got right.
pub fn from_query<S: Configurable>(query: &str) -> (S, Vec<ConfigError>) {
    let (settings, errors) = read_query(query);
    (settings, errors.into_iter().map(|(_, e)| e).collect())
}

/// [`from_query`], each error beside the key it is about: every key of the
/// link is either applied as written or named here.
pub fn read_query<S: Configurable>(query: &str) -> (S, Vec<(String, ConfigError)>) {
    let mut settings = S::default();
    let mut errors = Vec::new();
    let link = link::split(query);
    let mut unknown = std::collections::HashSet::new();
    // The keys applied so far, each with its value as it was applied.
    let mut applied: Vec<(&'static str, String)> = Vec::new();
    // A pair that is not valid percent-encoding is named as written.
    let keys = link
        .pairs
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(link.undecodable.iter().map(String::as_str));
    for key in keys {
        if find::<S>(key).is_none() && unknown.insert(key) {
            errors.push((key.to_string(), ConfigError::UnknownKey(truncate(key))));
        }
    }
    for setting in S::table() {
        let Some(value) = link.get(setting.key) else { continue };
        // The last one wins, as a browser's URLSearchParams.get does not; say so.
        if let Some((_, count, _)) = link.repeated.iter().find(|(k, _, _)| k == setting.key) {
            let repeated = ConfigError::Repeated {
                key: setting.key,
                count: *count,
                value: truncate(value),
            };
            errors.push((setting.key.to_string(), repeated));
        }
        match set(&mut settings, setting.key, value) {
            Err(e) => errors.push((setting.key.to_string(), e)),
            Ok(_) => {
                // A key that sets what an earlier one set (a lab's `neurons`
                // and its `units`) is named rather than silently winning.
                applied.retain(|&(key, ref was): &(&'static str, String)| {
                    let kept = get(&settings, key).as_ref() == Some(was);
                    if !kept {
                        errors.push((key.to_string(), ConfigError::Overridden { key, by: setting.key }));
                    }
                    kept
                });
                applied.push((setting.key, (setting.get)(&settings)));
            }
        }
    }
    (settings, errors)
}

/// A link's pairs split in two, as written: those whose keys `S`'s table
/// has, and the rest (see [`link`] for how a link splits).
pub fn split<S: Configurable>(query: &str) -> (String, String) {
    let (mut own, mut rest): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for (pair, key, _) in link::raw_pairs(query) {
        if link::decode(key).is_some_and(|key| find::<S>(&key).is_some()) {
            own.push(pair);
        } else {
            rest.push(pair);
        }
    }
    (own.join("&"), rest.join("&"))
}

/// The link form of every setting, in table order.
pub fn to_query<S: Configurable>(settings: &S) -> String {
    S::table()
        .iter()
        .map(|s| format!("{}={}", s.key, (s.get)(settings)))
        .collect::<Vec<_>>()
        .join("&")
}

/// One setting in its link form.
pub fn get<S: Configurable>(settings: &S, key: &str) -> Option<String> {
    find::<S>(key).map(|s| (s.get)(settings))
}

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
    /// The hidden layers' widths: up to `most` numbers from 1 to `neurons`
    /// (the playground's [`LAYERS`]; a lab's table has its own limits).
    Layers {
        /// Most hidden layers.
        most: usize,
        /// Most neurons in one layer.
        neurons: usize,
    },
    /// One activation for every hidden layer, or one per layer.
    Activations,
    /// A non-empty set of input features.
    Features,
    /// A point `x,y`, each coordinate in [min, max].
    Point {
        /// Smallest coordinate.
        min: f32,
        /// Largest coordinate.
        max: f32,
    },
    /// Up to `most` points `x:y,x:y,…`, each coordinate in [min, max].
    Points {
        /// Most points.
        most: usize,
        /// Smallest coordinate.
        min: f32,
        /// Largest coordinate.
        max: f32,
    },
    /// Up to `most` rows `x1:x2:target,…` of the user's own points, each
    /// coordinate in [−`extent`, `extent`] and each target finite.
    Rows {
        /// Most rows.
        most: usize,
        /// Largest |coordinate|.
        extent: f32,
    },
    /// Free text of at most `most` characters, checked by whoever uses it.
    Text {
        /// Most characters.
        most: usize,
    },
    /// Up to `most` hand edits of weights and biases (see [`Edit`]), each
    /// value finite and within ±[`MAX_EDIT`](crate::config::limits::MAX_EDIT).
    Edits {
        /// Most edits.
        most: usize,
    },
    /// One to `most` hidden neurons of a one-input network, `w:b:v,…`: each
    /// neuron's weight, bias and output weight, each in [min, max].
    Units {
        /// Most neurons.
        most: usize,
        /// Smallest parameter.
        min: f32,
        /// Largest parameter.
        max: f32,
    },
    /// Three numbers `a,b,c` (a softmax's logits), each in [min, max].
    Triple {
        /// Smallest number.
        min: f32,
        /// Largest number.
        max: f32,
    },
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
    /// A point (x, y).
    Point([f32; 2]),
    /// Points (x, y).
    Points(Vec<[f32; 2]>),
    /// Neurons (w, b, v).
    Units(Vec<[f32; 3]>),
    /// Text.
    Text(String),
    /// The user's rows (x1, x2, target).
    Rows(Vec<[f32; 3]>),
    /// Hand edits of weights and biases.
    Edits(Vec<Edit>),
    /// Three numbers.
    Triple([f32; 3]),
}

impl Value {
    /// The option names this value chose: a choice's one, each activation, each feature.
    pub fn options(&self) -> Vec<&'static str> {
        match self {
            Value::Choice(name) => vec![name],
            Value::Activations(acts) => acts.iter().map(|a| a.name()).collect(),
            Value::Features(set) => set.iter().map(|f| f.name()).collect(),
            _ => Vec::new(),
        }
    }

    /// A flag's value.
    pub fn flag(self) -> bool {
        matches!(self, Value::Flag(true))
    }

    /// A whole number's value.
    pub fn whole(self) -> u64 {
        match self {
            Value::Whole(n) => n,
            other => unreachable!("{other:?} is not a whole number"),
        }
    }

    /// Hidden-layer widths.
    pub fn layers(self) -> Vec<usize> {
        match self {
            Value::Layers(hidden) => hidden,
            other => unreachable!("{other:?} is not a list of layers"),
        }
    }

    /// A whole number's value as a count.
    pub fn size(self) -> usize {
        self.whole() as usize
    }

    /// A real number's value.
    pub fn real(self) -> f32 {
        match self {
            Value::Real(x) => x,
            other => unreachable!("{other:?} is not a number"),
        }
    }

    /// A point's coordinates.
    pub fn point(self) -> [f32; 2] {
        match self {
            Value::Point(p) => p,
            other => unreachable!("{other:?} is not a point"),
        }
    }

    /// A list of points.
    pub fn points(self) -> Vec<[f32; 2]> {
        match self {
            Value::Points(p) => p,
            other => unreachable!("{other:?} is not a list of points"),
        }
    }

    /// The user's rows.
    pub fn rows(self) -> Vec<[f32; 3]> {
        match self {
            Value::Rows(r) => r,
            other => unreachable!("{other:?} is not a list of rows"),
        }
    }

    /// Hand edits.
    pub fn edits(self) -> Vec<Edit> {
        match self {
            Value::Edits(e) => e,
            other => unreachable!("{other:?} is not a list of edits"),
        }
    }

    /// Text's value.
    pub fn text(self) -> String {
        match self {
            Value::Text(t) => t,
            other => unreachable!("{other:?} is not text"),
        }
    }

    /// A list of neurons.
    pub fn units(self) -> Vec<[f32; 3]> {
        match self {
            Value::Units(u) => u,
            other => unreachable!("{other:?} is not a list of neurons"),
        }
    }

    /// Three numbers.
    pub fn triple(self) -> [f32; 3] {
        match self {
            Value::Triple(t) => t,
            other => unreachable!("{other:?} is not three numbers"),
        }
    }

    /// The chosen option, as the enum whose names the options are.
    pub fn named<T: std::str::FromStr>(self) -> T {
        match self {
            Value::Choice(name) => name.parse().ok().expect("options are the enum's names"),
            other => unreachable!("{other:?} is not a choice"),
        }
    }
}

/// Where the page shows a setting: a group of controls in the page's
/// `[data-fields=NAME]` container, or a group that has none because its
/// settings are set on a figure or by the view's own buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The playground's data panel.
    Data,
    /// The user's own points, drawn on the output view or imported.
    Own,
    /// The playground's training panel (and the approximation lab's).
    Training,
    /// The menus in the network diagram's header.
    Network,
    /// The gradient-descent lab.
    Gd,
    /// The regression lab.
    Regression,
    /// The regression lab's shop example.
    Shop,
    /// The regression lab's fit, started by its button.
    Fit,
    /// The neuron on one input.
    Neuron,
    /// The neuron on two inputs.
    Neuron2,
    /// Two stacked neurons.
    Collapse,
    /// The backpropagation lab.
    Backprop,
    /// Training steps replayed from the seed, set by the labs' own buttons.
    Replay,
    /// The approximation lab.
    Approx,
    /// The approximation lab's neurons, set on its figure.
    Pieces,
    /// The loss-landscape lab.
    Landscape,
    /// The recipe's cards, chosen by the lab's own buttons.
    Recipe,
    /// The side-by-side comparison.
    Compare,
    /// The handwritten-digits lab.
    Digits,
}

named_enum!(
    Group,
    "group",
    [
        Data => "data",
        Own => "own",
        Training => "training",
        Network => "network",
        Gd => "gd",
        Regression => "regression",
        Shop => "shop",
        Fit => "fit",
        Neuron => "neuron",
        Neuron2 => "neuron2",
        Collapse => "collapse",
        Backprop => "backprop",
        Replay => "replay",
        Approx => "approx",
        Pieces => "pieces",
        Landscape => "landscape",
        Recipe => "recipe",
        Compare => "compare",
        Digits => "digits",
    ]
);

impl Group {
    /// Whether the page holds a `[data-fields=NAME]` container of fields for
    /// the group (the schema says so, and an end-to-end test checks it).
    pub fn has_fields(self) -> bool {
        match self {
            Group::Data
            | Group::Training
            | Group::Network
            | Group::Gd
            | Group::Regression
            | Group::Shop
            | Group::Neuron
            | Group::Neuron2
            | Group::Collapse
            | Group::Backprop
            | Group::Approx
            | Group::Landscape
            | Group::Compare
            | Group::Digits => true,
            Group::Own | Group::Fit | Group::Replay | Group::Pieces | Group::Recipe => false,
        }
    }
}

/// One row of a table of settings of type `S`, made by [`Setting::new`].
pub struct Setting<S: 'static> {
    /// The key in links and in the page's tables.
    pub key: &'static str,
    /// Where the page shows it.
    pub group: Group,
    /// Its type and limits.
    pub kind: Kind,
    /// Whether a change is live or starts training over.
    pub effect: Effect,
    /// Whether the setting means anything under the current settings.
    pub applies: fn(&S) -> bool,
    /// Whether an option may be chosen under the current settings.
    pub allowed: fn(&S, &str) -> bool,
    /// The current value in link form.
    pub get: fn(&S) -> String,
    /// Stores a checked value, with what follows from it.
    pub assign: fn(&mut S, Value),
}

impl<S> Setting<S> {
    /// A row that always applies and allows every option: `key` in `group`,
    /// of `kind`, whose change has `effect`, read by `get` and stored by
    /// `assign`. [`Setting::applies`] and [`Setting::allowed`] narrow it.
    pub const fn new(
        key: &'static str,
        group: Group,
        kind: Kind,
        effect: Effect,
        get: fn(&S) -> String,
        assign: fn(&mut S, Value),
    ) -> Self {
        Setting {
            key,
            group,
            kind,
            effect,
            applies: always,
            allowed: any_option,
            get,
            assign,
        }
    }

    /// The row, meaning something only when `applies` says so.
    pub const fn applies(mut self, applies: fn(&S) -> bool) -> Self {
        self.applies = applies;
        self
    }

    /// The row, allowing an option only when `allowed` says so.
    pub const fn allowed(mut self, allowed: fn(&S, &str) -> bool) -> Self {
        self.allowed = allowed;
        self
    }
}

/// For `applies`: the setting always means something.
pub fn always<S>(_: &S) -> bool {
    true
}

/// For `allowed`: every option may be chosen.
pub fn any_option<S>(_: &S, _: &str) -> bool {
    true
}

/// A flag in link form.
pub fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

/// Items in link form, comma-separated.
pub fn join<T: Display>(items: &[T]) -> String {
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

/// A real setting shown as a slider.
pub const fn slider(min: f32, max: f32, step: f32) -> Kind {
    Kind::Real {
        min,
        max,
        step,
        ticks: &[],
        percent: false,
    }
}

/// A real setting shown as a percentage slider.
pub const fn percent(min: f32, max: f32, step: f32) -> Kind {
    Kind::Real {
        min,
        max,
        step,
        ticks: &[],
        percent: true,
    }
}

/// A real setting offered as a choice of its usual values.
pub const fn ticks(min: f32, max: f32, ticks: &'static [f32]) -> Kind {
    Kind::Real {
        min,
        max,
        step: 0.0,
        ticks,
        percent: false,
    }
}

/// The playground's hidden layers: up to [`MAX_HIDDEN_LAYERS`] of 1 to [`MAX_NEURONS`] neurons.
pub const LAYERS: Kind = Kind::Layers {
    most: MAX_HIDDEN_LAYERS,
    neurons: MAX_NEURONS,
};

/// A whole-number setting in [min, max] with a control that steps by `step`.
pub const fn whole(min: u64, max: u64, step: u64) -> Kind {
    Kind::Whole {
        min,
        max,
        step,
        pick: false,
    }
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
        // A list of at most `most` pieces, separated by commas.
        let listed = |most: usize| {
            let pieces: Vec<&str> = text.split(',').collect();
            if pieces.len() > most {
                return Err(ConfigError::TooMany {
                    key,
                    given: pieces.len(),
                    most,
                });
            }
            Ok(pieces)
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
            Kind::Real { min, max, step, .. } => {
                let x: f32 = text.parse().map_err(|_| malformed(Expected::Number))?;
                if x.is_nan() {
                    return Err(malformed(Expected::Number));
                }
                // A slider that steps by whole numbers counts something
                // whole (visitors): a fraction would be rounded away.
                if step >= 1.0 && step.fract() == 0.0 && x.is_finite() && x.fract() != 0.0 {
                    return Err(malformed(Expected::Whole));
                }
                if !x.is_finite() || x < min || x > max {
                    return Err(out_of_range(&text, &min, &max));
                }
                Ok(Value::Real(x))
            }
            Kind::Layers { most, neurons } => {
                if text.trim().is_empty() {
                    return Ok(Value::Layers(Vec::new()));
                }
                let mut hidden = Vec::new();
                for piece in text.split(',').map(str::trim) {
                    let n: usize = piece.parse().map_err(|_| malformed(Expected::Layers))?;
                    if !(1..=neurons).contains(&n) {
                        return Err(out_of_range(&n, &1, &neurons));
                    }
                    hidden.push(n);
                    if hidden.len() > most {
                        let count = text.split(',').count();
                        return Err(out_of_range(&count, &0, &most));
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
            Kind::Point { min, max } => {
                let p = coordinates(text, ',').ok_or_else(|| malformed(Expected::Point))?;
                if let Some(bad) = p.iter().find(|c| !(min..=max).contains(*c)) {
                    return Err(out_of_range(bad, &min, &max));
                }
                Ok(Value::Point(p))
            }
            Kind::Points { most, min, max } => {
                if text.trim().is_empty() {
                    return Ok(Value::Points(Vec::new()));
                }
                let pieces = listed(most)?;
                let mut points = Vec::with_capacity(pieces.len());
                for piece in pieces {
                    let p = coordinates(piece, ':').ok_or_else(|| malformed(Expected::Points))?;
                    if let Some(bad) = p.iter().find(|c| !(min..=max).contains(*c)) {
                        return Err(out_of_range(bad, &min, &max));
                    }
                    points.push(p);
                }
                Ok(Value::Points(points))
            }
            Kind::Rows { most, extent } => {
                if text.trim().is_empty() {
                    return Ok(Value::Rows(Vec::new()));
                }
                let pieces = listed(most)?;
                let mut rows = Vec::with_capacity(pieces.len());
                for piece in pieces {
                    let row = triple(piece).ok_or_else(|| malformed(Expected::Rows))?;
                    if let Some(bad) = row[..2].iter().find(|c| c.abs() > extent) {
                        return Err(out_of_range(bad, &-extent, &extent));
                    }
                    rows.push(row);
                }
                Ok(Value::Rows(rows))
            }
            Kind::Edits { most } => {
                if text.trim().is_empty() {
                    return Ok(Value::Edits(Vec::new()));
                }
                let mut edits: Vec<Edit> = Vec::new();
                for piece in listed(most)? {
                    let edit = Edit::parse(piece).ok_or_else(|| malformed(Expected::Edits))?;
                    if !edit.in_range() {
                        return Err(ConfigError::Edit(EditError::OutOfRange {
                            part: edit.part,
                            value: edit.value,
                        }));
                    }
                    // A later edit of the same parameter wins.
                    edits.retain(|e| !e.same_place(&edit));
                    edits.push(edit);
                }
                Ok(Value::Edits(edits))
            }
            Kind::Text { most } => {
                if text.chars().count() > most {
                    return Err(out_of_range(&text.chars().count(), &0, &most));
                }
                Ok(Value::Text(text.to_string()))
            }
            Kind::Units { most, min, max } => {
                let pieces = listed(most)?;
                let mut units = Vec::with_capacity(pieces.len());
                for piece in pieces {
                    let unit = triple(piece).ok_or_else(|| malformed(Expected::Units))?;
                    if let Some(bad) = unit.iter().find(|c| !(min..=max).contains(*c)) {
                        return Err(out_of_range(bad, &min, &max));
                    }
                    units.push(unit);
                }
                Ok(Value::Units(units))
            }
            Kind::Triple { min, max } => {
                let numbers: Vec<f32> = text
                    .split(',')
                    .map(|v| v.trim().parse::<f32>().ok().filter(|v| v.is_finite()))
                    .collect::<Option<_>>()
                    .ok_or_else(|| malformed(Expected::Triple))?;
                let numbers: [f32; 3] = numbers.try_into().map_err(|_| malformed(Expected::Triple))?;
                if let Some(bad) = numbers.iter().find(|c| !(min..=max).contains(*c)) {
                    return Err(out_of_range(bad, &min, &max));
                }
                Ok(Value::Triple(numbers))
            }
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
            Kind::Layers { most, neurons } => {
                put("type", json!("layers"));
                put("maxLayers", json!(most));
                put("minNeurons", json!(1));
                put("maxNeurons", json!(neurons));
            }
            Kind::Activations => {
                put("type", json!("activations"));
                let options: Vec<Json> = Activation::NAMES.iter().map(|a| json!({ "value": a })).collect();
                put("options", Json::Array(options));
            }
            Kind::Point { min, max } => {
                put("type", json!("point"));
                put("min", number(min));
                put("max", number(max));
            }
            Kind::Points { most, min, max } => {
                put("type", json!("points"));
                put("most", json!(most));
                put("min", number(min));
                put("max", number(max));
            }
            Kind::Rows { most, extent } => {
                put("type", json!("rows"));
                put("most", json!(most));
                put("extent", number(extent));
            }
            Kind::Edits { most } => {
                put("type", json!("edits"));
                put("most", json!(most));
            }
            Kind::Text { most } => {
                put("type", json!("text"));
                put("most", json!(most));
            }
            Kind::Units { most, min, max } => {
                put("type", json!("units"));
                put("most", json!(most));
                put("min", number(min));
                put("max", number(max));
            }
            Kind::Triple { min, max } => {
                put("type", json!("triple"));
                put("min", number(min));
                put("max", number(max));
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

/// Two finite numbers separated by `sep`.
/// Three finite numbers separated by colons: `a:b:c`.
fn triple(text: &str) -> Option<[f32; 3]> {
    let numbers: Vec<f32> = text
        .split(':')
        .map(|v| v.trim().parse::<f32>().ok().filter(|v| v.is_finite()))
        .collect::<Option<_>>()?;
    numbers.try_into().ok()
}

fn coordinates(text: &str, sep: char) -> Option<[f32; 2]> {
    let (x, y) = text.trim().split_once(sep)?;
    let (x, y): (f32, f32) = (x.trim().parse().ok()?, y.trim().parse().ok()?);
    (x.is_finite() && y.is_finite()).then_some([x, y])
}

/// A point in link form: `x,y`, or `x:y` within a list.
pub fn point_text(p: [f32; 2], sep: char) -> String {
    format!("{}{sep}{}", p[0], p[1])
}

/// `x` as JSON, written as its shortest f32 form (0.1, not 0.10000000149).
fn number(x: f32) -> Json {
    x.to_string().parse::<f64>().map_or(Json::Null, Json::from)
}

/// Every setting of `S` for the page: `{settings: [{key, group, fields, type,
/// default, effect, options | min, max, step, ticks, unit}, …]}`, in table
/// order. Values (defaults, ticks) are in link form.
pub fn schema<S: Configurable>() -> Json {
    let defaults = S::default();
    let settings: Vec<Json> = S::table()
        .iter()
        .map(|s| {
            let mut m = s.kind.describe();
            m.insert("key".into(), json!(s.key));
            m.insert("group".into(), json!(s.group.name()));
            m.insert("fields".into(), json!(s.group.has_fields()));
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
pub fn state<S: Configurable>(settings: &S) -> Json {
    let mut m = Map::new();
    for s in S::table() {
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
