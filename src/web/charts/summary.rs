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
    /// The training inputs the summary is taken over.
    rows: Vec<f32>,
}

/// The most training points a summary is taken over.
const SAMPLE: usize = 512;

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
            // At most SAMPLE points, evenly spread: the histogram keeps its
            // shape, and the cost stays small for the largest data.
            let train = &trainer.data.train;
            let (n, width) = (train.len(), trainer.data.width);
            let every = n.div_ceil(SAMPLE).max(1);
            self.rows.clear();
            for row in train.x.chunks_exact(width).step_by(every) {
                self.rows.extend_from_slice(row);
            }
            self.summary
                .compute(mlp, layer, &self.rows, self.rows.len() / width.max(1), &mut self.tape);
            self.key = Some(key);
        }
        Some(&self.summary)
    }
}
