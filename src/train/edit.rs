//! Weights and biases a user reads and types in, on the network shown.

use super::trainer::Trainer;
use crate::config::limits::MAX_EDIT;
use crate::message::{Code, Message, Part};
use crate::nn::Mlp;

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
        let at = weight_at(&self.members[0].mlp, layer, to, from);
        self.set_parameter(at, Part::Weight, value, (layer, to, from))
    }

    /// Sets the bias of neuron `j` of `layer`.
    pub fn set_bias(&mut self, layer: usize, j: usize, value: f32) -> Result<(), EditError> {
        let at = bias_at(&self.members[0].mlp, layer, j);
        self.set_parameter(at, Part::Bias, value, (layer, j, 0))
    }

    fn set_parameter(
        &mut self,
        at: Option<usize>,
        part: Part,
        value: f32,
        (layer, to, from): (usize, usize, usize),
    ) -> Result<(), EditError> {
        if self.members.len() > 1 {
            return Err(EditError::Ensemble);
        }
        if !(value.is_finite() && value.abs() <= MAX_EDIT) {
            return Err(EditError::OutOfRange { part, value });
        }
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
}
