//! What training records once per epoch.

/// Loss and accuracy of one evaluation of the model.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    /// Mean loss over the part, without penalties.
    pub loss: f32,
    /// Share of points classified correctly (NaN for regression).
    pub accuracy: f32,
}

/// Most layers a network has: the hidden layers and the output layer.
pub const MAX_LAYERS: usize = crate::config::limits::MAX_HIDDEN_LAYERS + 1;

/// The size of each layer's weight gradient over one epoch: the mean of
/// |∂L/∂w| over the layer's weights, averaged over the epoch's minibatch
/// steps (first network of an ensemble, data loss only, no penalty). Where
/// it shrinks layer by layer towards the input, gradients vanish.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GradientSizes {
    /// One value per layer, input side first; only the first `layers` count.
    pub values: [f32; MAX_LAYERS],
    /// Layers measured (0 at epoch 0, before any step).
    pub layers: usize,
}

impl GradientSizes {
    /// The measured layers' sizes, input side first.
    pub fn as_slice(&self) -> &[f32] {
        &self.values[..self.layers]
    }
}

/// One epoch's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Record {
    /// Epochs completed (0 = before any step).
    pub epoch: usize,
    /// Figures on the training part.
    pub train: Metrics,
    /// Figures on the test part.
    pub test: Metrics,
    /// Validation figures while early stopping is on.
    pub validation: Option<Metrics>,
    /// Each layer's mean |∂L/∂w| over the epoch's steps.
    pub gradients: GradientSizes,
}

/// Every epoch's record, from epoch 0 (before any step).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// One record per epoch, oldest first.
    pub records: Vec<Record>,
}

impl History {
    /// Appends the newest epoch's record.
    pub fn push(&mut self, record: Record) {
        self.records.push(record);
    }

    /// The newest record.
    pub fn last(&self) -> Option<&Record> {
        self.records.last()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// At most `max` records spread evenly over the whole history, always
    /// with the first and the last, so a chart costs the same at any length.
    pub fn downsampled(&self, max: usize) -> impl Iterator<Item = &Record> {
        let n = self.records.len();
        let stride = if max < 2 || n <= max {
            1.0
        } else {
            (n - 1) as f64 / (max - 1) as f64
        };
        let count = if stride == 1.0 { n } else { max };
        (0..count).map(move |i| &self.records[((i as f64 * stride).round() as usize).min(n - 1)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downsampling_keeps_ends_and_bounds_the_count() {
        let mut h = History::default();
        for epoch in 0..100_001 {
            h.push(Record {
                epoch,
                ..Record::default()
            });
        }
        let picked: Vec<usize> = h.downsampled(300).map(|r| r.epoch).collect();
        assert_eq!(picked.len(), 300);
        assert_eq!(picked[0], 0);
        assert_eq!(*picked.last().unwrap(), 100_000);
        assert!(picked.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(h.downsampled(300).count(), 300);
        let short: Vec<_> = History {
            records: h.records[..5].to_vec(),
        }
        .downsampled(300)
        .map(|r| r.epoch)
        .collect();
        assert_eq!(short, vec![0, 1, 2, 3, 4]);
    }
}
