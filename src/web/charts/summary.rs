//! The activation chart's one costly step, kept: a hidden layer's summary
//! over the training set, recomputed only when the layer or the network
//! changes (the trainer's version), not on every frame or pointer move.

use crate::nn::Tape;
use crate::train::Trainer;
use crate::view::preactivations::LayerSummary;

/// The last summary and the buffers of its forward pass.
#[derive(Default)]
pub struct SummaryCache {
    /// The layer and the trainer's version the summary was computed for.
    key: Option<(usize, u64)>,
    summary: LayerSummary,
    tape: Tape,
}

impl SummaryCache {
    /// The summary of hidden layer `layer` of the first network, or None
    /// when the network has no such layer. The cache belongs to one trainer:
    /// the handle replaces it along with the trainer.
    pub fn get(&mut self, trainer: &Trainer, layer: usize) -> Option<&LayerSummary> {
        let mlp = &trainer.members[0].mlp;
        if layer + 1 >= mlp.layers.len() {
            return None;
        }
        let key = (layer, trainer.version);
        if self.key != Some(key) {
            let train = &trainer.data.train;
            self.summary.compute(mlp, layer, &train.x, train.len(), &mut self.tape);
            self.key = Some(key);
        }
        Some(&self.summary)
    }
}
