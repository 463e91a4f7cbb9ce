//! Weights and biases a user reads and types in, on the network shown.
//! Each accepted edit is kept in the settings (the link's `edits` key) and
//! made again on the new network whenever the run is rebuilt, so a link or
//! a reload reproduces a hand-edited network.

use super::trainer::Trainer;
use crate::config::limits::MAX_EDIT;
use crate::message::{Code, Message, Part};
use crate::nn::Mlp;
use std::fmt;

/// One weight or bias set by hand: `w{layer}.{to}.{from}:{value}` or
/// `b{layer}.{neuron}:{value}` in a link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edit {
    /// A weight or a bias.
    pub part: Part,
    /// The layer, 0 for the first hidden layer (the weights from the inputs).
    pub layer: usize,
    /// The neuron the weight leads to, or the neuron of the bias.
    pub to: usize,
    /// The input the weight comes from (0 for a bias).
    pub from: usize,
    /// The value typed.
    pub value: f32,
}

impl Edit {
    /// Whether `other` sets the same parameter.
    pub fn same_place(&self, other: &Edit) -> bool {
        (self.part, self.layer, self.to, self.from) == (other.part, other.layer, other.to, other.from)
    }

    /// Reads one edit in link form; None when it is not one.
    pub fn parse(text: &str) -> Option<Edit> {
        let text = text.trim();
        let (place, value) = text.get(1..)?.split_once(':')?;
        let value: f32 = value.trim().parse().ok()?;
        let at: Vec<usize> = place.split('.').map(|n| n.parse().ok()).collect::<Option<_>>()?;
        let (part, layer, to, from) = match (text.as_bytes()[0], at.as_slice()) {
            (b'w', &[layer, to, from]) => (Part::Weight, layer, to, from),
            (b'b', &[layer, to]) => (Part::Bias, layer, to, 0),
            _ => return None,
        };
        Some(Edit {
            part,
            layer,
            to,
            from,
            value,
        })
    }

    /// Whether the value is one a user may type: finite, within ±[`MAX_EDIT`].
    pub fn in_range(&self) -> bool {
        self.value.is_finite() && self.value.abs() <= MAX_EDIT
    }
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            Part::Weight => write!(f, "w{}.{}.{}:{}", self.layer, self.to, self.from, self.value),
            Part::Bias => write!(f, "b{}.{}:{}", self.layer, self.to, self.value),
        }
    }
}

/// An edit the core refused.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// An ensemble averages several networks; an edit would reach only one.
    Ensemble,
    /// Not a finite number within ±[`MAX_EDIT`].
    OutOfRange {
        /// A weight or a bias.
        part: Part,
        /// The value typed.
        value: f32,
    },
    /// The network has no such weight or bias.
    Missing {
        /// A weight or a bias.
        part: Part,
        /// The layer, 0 for the first hidden layer.
        layer: usize,
        /// The neuron the weight leads to, or the neuron of the bias.
        to: usize,
        /// The input the weight comes from (0 for a bias).
        from: usize,
    },
}

impl EditError {
    /// The message the page shows for this refusal.
    pub fn message(&self) -> Message {
        match *self {
            EditError::Ensemble => Message::new(Code::EditEnsemble),
            EditError::OutOfRange { part, value } => Message::new(Code::EditOutOfRange)
                .word("part", part.name())
                .with("value", value)
                .with("min", -MAX_EDIT)
                .with("max", MAX_EDIT),
            EditError::Missing { part, layer, to, from } => Message::new(Code::EditMissing)
                .word("part", part.name())
                .with("layer", layer)
                .with("to", to)
                .with("from", from),
        }
    }
}

/// Where weight W[to, from] of `layer` sits in the parameters, if it exists.
fn weight_at(mlp: &Mlp, layer: usize, to: usize, from: usize) -> Option<usize> {
    let l = mlp.layers.get(layer)?;
    (to < l.outputs && from < l.inputs).then(|| l.weights + to * l.inputs + from)
}

/// Where the bias of neuron `j` of `layer` sits, if it exists.
fn bias_at(mlp: &Mlp, layer: usize, j: usize) -> Option<usize> {
    let l = mlp.layers.get(layer)?;
    (j < l.outputs).then(|| l.biases + j)
}

impl Trainer {
    /// Weight W[to, from] of `layer` (0 = from the inputs) of the network shown.
    pub fn weight(&self, layer: usize, to: usize, from: usize) -> Option<f32> {
        let mlp = &self.members[0].mlp;
        weight_at(mlp, layer, to, from).map(|i| mlp.params[i])
    }

    /// The bias of neuron `j` of `layer` (0 = the first hidden layer).
    pub fn bias(&self, layer: usize, j: usize) -> Option<f32> {
        let mlp = &self.members[0].mlp;
        bias_at(mlp, layer, j).map(|i| mlp.params[i])
    }

    /// Sets one weight, as a student clicking an edge would.
    pub fn set_weight(&mut self, layer: usize, to: usize, from: usize, value: f32) -> Result<(), EditError> {
        self.apply(&Edit {
            part: Part::Weight,
            layer,
            to,
            from,
            value,
        })
    }

    /// Sets the bias of neuron `j` of `layer`.
    pub fn set_bias(&mut self, layer: usize, j: usize, value: f32) -> Result<(), EditError> {
        self.apply(&Edit {
            part: Part::Bias,
            layer,
            to: j,
            from: 0,
            value,
        })
    }

    /// Makes one edit on the network shown, or says why not (nothing changed).
    pub fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        let Edit {
            part,
            layer,
            to,
            from,
            value,
        } = *edit;
        if self.members.len() > 1 {
            return Err(EditError::Ensemble);
        }
        if !edit.in_range() {
            return Err(EditError::OutOfRange { part, value });
        }
        let mlp = &self.members[0].mlp;
        let at = match part {
            Part::Weight => weight_at(mlp, layer, to, from),
            Part::Bias => bias_at(mlp, layer, to),
        };
        let i = at.ok_or(EditError::Missing { part, layer, to, from })?;
        self.members[0].mlp.params[i] = value;
        self.version += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn trainer(query: &str) -> Trainer {
        Trainer::new(&Settings::from_query(query).0)
    }

    #[test]
    fn an_edit_lands_where_the_forward_pass_reads_it() {
        let mut t = trainer("dataset=xor&layers=3");
        t.set_weight(0, 2, 1, 1.5).unwrap();
        t.set_bias(1, 0, -0.25).unwrap();
        let mlp = &t.members[0].mlp;
        let (hidden, out) = (&mlp.layers[0], &mlp.layers[1]);
        assert_eq!(mlp.params[hidden.weights + 2 * hidden.inputs + 1], 1.5);
        assert_eq!(mlp.params[out.biases], -0.25);
        assert_eq!((t.weight(0, 2, 1), t.bias(1, 0)), (Some(1.5), Some(-0.25)));
        assert_eq!(t.version, 2, "each edit is a new version");
    }

    #[test]
    fn refused_edits_change_nothing_and_say_why() {
        let mut t = trainer("dataset=xor&layers=3");
        let params = t.members[0].mlp.params.clone();
        assert_eq!(
            t.set_weight(0, 9, 1, 1.0),
            Err(EditError::Missing {
                part: Part::Weight,
                layer: 0,
                to: 9,
                from: 1
            })
        );
        assert_eq!(
            t.set_bias(0, 0, f32::NAN).unwrap_err().message().code,
            Code::EditOutOfRange
        );
        assert_eq!(
            t.set_bias(0, 0, 2.0 * MAX_EDIT),
            Err(EditError::OutOfRange {
                part: Part::Bias,
                value: 2.0 * MAX_EDIT
            })
        );
        assert_eq!(t.members[0].mlp.params, params);
        let mut ensemble = trainer("dataset=xor&layers=3&ensemble=2");
        assert_eq!(ensemble.set_bias(0, 0, 1.0), Err(EditError::Ensemble));
    }

    #[test]
    fn the_lectures_shop_model_fits_the_limits() {
        // ŷ = 50·x₁ + 20·x₂ − 300: a linear model with a bias of −300.
        let mut t = trainer("dataset=plane&layers=&output=identity");
        t.set_weight(0, 0, 0, 50.0).unwrap();
        t.set_weight(0, 0, 1, 20.0).unwrap();
        t.set_bias(0, 0, -300.0).unwrap();
        // The network computes the shop's profit: 50·10 + 20·5 − 300 = 300, and −300 with nobody.
        let mut out = Vec::new();
        t.predict(&[10.0, 5.0, 0.0, 0.0], 2, &mut out);
        assert!(
            (out[0] - 300.0).abs() < 1e-3 && (out[1] + 300.0).abs() < 1e-3,
            "{out:?}"
        );
    }

    #[test]
    fn edits_in_a_link_are_made_again_on_the_new_network() {
        let link = "dataset=xor&layers=3&seed=4&edits=w0.2.1:1.5,b1.0:-300";
        let (settings, errors) = Settings::from_query(link);
        assert!(errors.is_empty(), "{errors:?}");
        let t = Trainer::new(&settings);
        assert_eq!((t.weight(0, 2, 1), t.bias(1, 0)), (Some(1.5), Some(-300.0)));
        assert_eq!(t.version, 0, "a new network, not an edit of one");
        // The link writes them back as it read them.
        assert!(settings.to_query().contains("edits=w0.2.1:1.5,b1.0:-300"));
        // Everything else is the plain network of that seed.
        let plain = trainer("dataset=xor&layers=3&seed=4");
        let (a, b) = (&t.members[0].mlp.params, &plain.members[0].mlp.params);
        assert_eq!(a.iter().zip(b).filter(|(x, y)| x != y).count(), 2);
    }

    #[test]
    fn a_bad_edit_in_a_link_is_refused_and_says_which_part() {
        let (settings, errors) = Settings::from_query("dataset=xor&edits=b0.0:5000");
        assert!(settings.network.edits.is_empty());
        let message = errors[0].message();
        assert_eq!(message.code, Code::EditOutOfRange);
        assert_eq!(
            errors[0],
            crate::config::ConfigError::Edit(EditError::OutOfRange {
                part: Part::Bias,
                value: 5000.0
            })
        );
        let (_, errors) = Settings::from_query("dataset=xor&edits=x0.0:1");
        assert_eq!(errors[0].message().code, Code::Malformed);
        // An edit this network lacks is skipped; the rest is made.
        let (settings, _) = Settings::from_query("dataset=xor&layers=2&edits=b7.0:1,b0.1:0.5");
        assert_eq!(Trainer::new(&settings).bias(0, 1), Some(0.5));
    }

    #[test]
    fn an_edit_reads_back_as_it_is_written() {
        for text in ["w0.2.1:1.5", "b3.0:-300", "w1.0.31:0.001"] {
            assert_eq!(Edit::parse(text).unwrap().to_string(), text);
        }
        for bad in ["", "w", "w0.1:1", "b0.1.2:1", "b0.0:x", "q0.0:1", "b0.0"] {
            assert_eq!(Edit::parse(bad), None, "{bad}");
        }
    }
}
