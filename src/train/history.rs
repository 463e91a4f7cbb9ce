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

impl Record {
    /// The figures whose lows and highs thinning keeps (see [`History::push`]):
    /// each loss curve a chart draws. A series added to [`Record`] is carried
    /// along in the records kept; list it here too when its extremes matter.
    pub fn extremes(&self) -> [Option<f32>; EXTREMES] {
        [
            Some(self.train.loss),
            Some(self.test.loss),
            self.validation.map(|v| v.loss),
        ]
    }
}

/// How many figures [`Record::extremes`] gives.
pub const EXTREMES: usize = 3;

/// Most records a history holds: beyond it, it is thinned to half.
pub const MAX_RECORDS: usize = 4096;

/// Every epoch's record from epoch 0 (before any step), thinned once it
/// grows past [`MAX_RECORDS`], so a run of any length costs bounded memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Records oldest first: every epoch's while the run is short, then a
    /// thinned selection of whole records (epoch 0 and the newest always).
    pub records: Vec<Record>,
    /// How many thinnings there were: the newest records are gathered in
    /// groups of `2 · 2^level` and each group collapsed to its extremes, so
    /// that they come in as densely as the thinned ones stand.
    level: u32,
    /// Where the newest group starts in `records`.
    group: usize,
    /// The lowest value of each figure of [`Record::extremes`] so far.
    lowest: [Option<f32>; EXTREMES],
}

impl History {
    /// Appends the newest epoch's record. A full group of new records is
    /// collapsed to its extremes, a full history thinned to half.
    pub fn push(&mut self, record: Record) {
        for (low, value) in self.lowest.iter_mut().zip(record.extremes()) {
            if let Some(v) = value {
                *low = Some(low.map_or(v, |l| l.min(v)));
            }
        }
        self.records.push(record);
        if self.level > 0 && self.records.len() - self.group >= 2 << self.level {
            self.collapse_group();
        }
        if self.records.len() >= MAX_RECORDS {
            self.thin();
            self.level += 1;
            self.group = self.records.len();
        }
    }

    /// Keeps of the newest group its lowest and highest training loss, any
    /// lowest figure of [`Record::extremes`] no earlier record beats (a best
    /// epoch), and its newest record.
    fn collapse_group(&mut self) {
        let (start, n) = (self.group, self.records.len());
        let mut keep = vec![false; n - start];
        keep[n - start - 1] = true;
        for k in 0..EXTREMES {
            let figure = |i: usize| self.records[i].extremes()[k];
            let group = (start..n).filter_map(|i| Some((i, figure(i)?)));
            let low = group.clone().min_by(|a, b| a.1.total_cmp(&b.1));
            let high = group.max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((i, value)) = low {
                if k == 0 || self.lowest[k].is_some_and(|l| value <= l) {
                    keep[i - start] = true;
                }
            }
            if let (0, Some((i, _))) = (k, high) {
                keep[i - start] = true;
            }
        }
        let mut i = 0;
        self.records.retain(|_| {
            i += 1;
            i <= start || keep[i - 1 - start]
        });
        self.group = self.records.len();
    }

    /// Halves the history: the records are cut into buckets of
    /// `2 · 2 · EXTREMES` consecutive ones, and from each half stay: those
    /// holding a bucket's lowest or highest value of some figure of
    /// [`Record::extremes`], then every other one. Whole records are kept, so every
    /// series stays a real epoch's figures; each curve keeps its envelope,
    /// and the lowest loss of the run (the best epoch) always survives.
    /// Epoch 0 and the newest record stay too. As each thinning halves the
    /// whole history and the next comes twice as many epochs later, the
    /// records kept stay spread about evenly over the run.
    fn thin(&mut self) {
        const BUCKET: usize = 4 * EXTREMES;
        let n = self.records.len();
        if n < 3 {
            return;
        }
        let mut keep = vec![false; n];
        keep[0] = true;
        keep[n - 1] = true;
        let mut start = 1;
        while start < n - 1 {
            let end = (start + BUCKET).min(n - 1);
            for k in 0..EXTREMES {
                let figures = (start..end).filter_map(|i| Some((i, self.records[i].extremes()[k]?)));
                let low = figures.clone().min_by(|a, b| a.1.total_cmp(&b.1));
                let high = figures.max_by(|a, b| a.1.total_cmp(&b.1));
                for (i, _) in low.into_iter().chain(high) {
                    keep[i] = true;
                }
            }
            // Then every other record, up to half the bucket: a smooth
            // stretch keeps its density as well as a noisy one.
            let half = (end - start).div_ceil(2);
            let mut kept = keep[start..end].iter().filter(|&&k| k).count();
            for i in (start..end).step_by(2) {
                if kept >= half {
                    break;
                }
                if !keep[i] {
                    keep[i] = true;
                    kept += 1;
                }
            }
            start = end;
        }
        let mut i = 0;
        self.records.retain(|_| {
            i += 1;
            keep[i - 1]
        });
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
        let h = History {
            records: (0..100_001)
                .map(|epoch| Record {
                    epoch,
                    ..Record::default()
                })
                .collect(),
            ..History::default()
        };
        let picked: Vec<usize> = h.downsampled(300).map(|r| r.epoch).collect();
        assert_eq!(picked.len(), 300);
        assert_eq!(picked[0], 0);
        assert_eq!(*picked.last().unwrap(), 100_000);
        assert!(picked.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(h.downsampled(300).count(), 300);
        let short: Vec<_> = History {
            records: h.records[..5].to_vec(),
            ..History::default()
        }
        .downsampled(300)
        .map(|r| r.epoch)
        .collect();
        assert_eq!(short, vec![0, 1, 2, 3, 4]);
    }

    /// Epoch `epoch` of a run of `epochs`: a decaying training loss with a
    /// one-epoch spike at `SPIKE`, a test loss lowest near `BEST_TEST`, a
    /// validation loss lowest near `BEST_VALIDATION`, noise on all three.
    fn figures(epoch: usize, epochs: usize) -> Record {
        let x = epoch as f32;
        let wiggle = 0.01 * (x * 0.37).sin();
        let spike = if epoch == SPIKE { 5.0 } else { 0.0 };
        let metrics = |loss| Metrics { loss, accuracy: 0.5 };
        Record {
            epoch,
            train: metrics(1.0 / (1.0 + x / 1000.0) + wiggle + spike),
            test: metrics(0.3 + ((x - BEST_TEST as f32) / epochs as f32).abs() + wiggle),
            validation: Some(metrics(
                0.4 + ((x - BEST_VALIDATION as f32) / epochs as f32).powi(2) + wiggle,
            )),
            gradients: GradientSizes::default(),
        }
    }

    const SPIKE: usize = 123_457;
    const BEST_TEST: usize = 201_111;
    const BEST_VALIDATION: usize = 77_777;

    /// The run of `figures`, pushed epoch by epoch.
    fn long_run(epochs: usize) -> History {
        let mut h = History::default();
        for epoch in 0..epochs {
            h.push(figures(epoch, epochs));
        }
        h
    }

    /// The epoch whose `figure` is lowest over the whole run, unthinned.
    fn lowest(epochs: usize, figure: impl Fn(&Record) -> f32) -> usize {
        (0..epochs)
            .map(|e| figures(e, epochs))
            .min_by(|a, b| figure(a).total_cmp(&figure(b)))
            .unwrap()
            .epoch
    }

    #[test]
    fn a_long_history_stays_bounded_and_keeps_its_best_epochs_and_shape() {
        let epochs = 300_000;
        let h = long_run(epochs);
        assert!(h.len() <= MAX_RECORDS, "{} records", h.len());
        assert!(h.len() >= MAX_RECORDS / 4, "only {} records left", h.len());
        assert_eq!(h.records[0].epoch, 0, "epoch 0 stays");
        assert_eq!(h.last().unwrap().epoch, epochs - 1, "the newest stays");
        assert!(h.records.windows(2).all(|w| w[0].epoch < w[1].epoch), "in order");
        let kept = |epoch| h.records.iter().any(|r| r.epoch == epoch);
        assert!(kept(lowest(epochs, |r| r.test.loss)), "the lowest test loss stays");
        let validation = |r: &Record| r.validation.unwrap().loss;
        assert!(kept(lowest(epochs, validation)), "the best validation epoch stays");
        assert!(kept(SPIKE), "a one-epoch spike stays");
        // The shape: the records stay spread over the run, no gap far wider
        // than the mean one, so each stretch of the curve is still drawn.
        let mean_gap = epochs as f64 / h.len() as f64;
        let widest = h.records.windows(2).map(|w| w[1].epoch - w[0].epoch).max().unwrap();
        assert!(
            (widest as f64) < 8.0 * mean_gap,
            "widest gap {widest}, mean {mean_gap:.0}"
        );
        // …and the thinned training curve follows the true one: in each tenth
        // of the run its lowest value is within the wiggle of the formula's.
        for tenth in 0..10 {
            let range = tenth * epochs / 10..(tenth + 1) * epochs / 10;
            let truth = 1.0 / (1.0 + (range.end - 1) as f32 / 1000.0) - 0.01;
            let low = h
                .records
                .iter()
                .filter(|r| range.contains(&r.epoch))
                .map(|r| r.train.loss)
                .fold(f32::INFINITY, f32::min);
            assert!(
                (low - truth).abs() < 0.03,
                "tenth {tenth}: thinned low {low}, true low about {truth}"
            );
        }
    }

    #[test]
    fn thinning_reuses_the_memory_it_has() {
        let h = long_run(50_000);
        assert!(
            h.records.capacity() <= MAX_RECORDS * 2,
            "capacity {}",
            h.records.capacity()
        );
    }
}
