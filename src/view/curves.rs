//! The curves of the loss and accuracy charts, taken from the training
//! history. A chart draws at most [`MAX_POINTS`] points a curve, spread
//! evenly over the whole history, so a frame costs the same at epoch 100,000
//! as at epoch 1,000; the pointer still finds the exact epoch under it.

use crate::train::{History, Metrics, Record};

/// Most points drawn per curve.
pub const MAX_POINTS: usize = 300;

/// The x axis spans at least this many epochs, so its ticks are whole
/// epochs and the first epochs do not stretch over the whole chart.
pub const MIN_EPOCHS: usize = 10;

/// Lowest loss a logarithmic axis reaches down to.
const LOG_FLOOR: f32 = 1e-7;

/// Which figure of an epoch a chart plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Mean loss, without penalties.
    Loss,
    /// Share of points classified correctly, in [0, 1] (NaN for regression).
    Accuracy,
}

impl Measure {
    /// This measure's value in `m`.
    pub fn of(self, m: &Metrics) -> f32 {
        match self {
            Measure::Loss => m.loss,
            Measure::Accuracy => m.accuracy,
        }
    }
}

/// Train, validation and test curves of one measure, as (epoch, value) points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curves {
    /// The measure on the training part.
    pub train: Vec<(f32, f32)>,
    /// The measure on the validation part (empty without early stopping).
    pub validation: Vec<(f32, f32)>,
    /// The measure on the test part.
    pub test: Vec<(f32, f32)>,
    /// The last recorded epoch: the right end of the x axis.
    pub last_epoch: usize,
}

impl Curves {
    /// The curves of `measure` over at most `max` records of `history`;
    /// values that are not finite (accuracy in regression) are left out.
    pub fn new(history: &History, measure: Measure, max: usize) -> Curves {
        let mut curves = Curves {
            last_epoch: history.last().map_or(0, |r| r.epoch),
            ..Curves::default()
        };
        for r in history.downsampled(max) {
            let x = r.epoch as f32;
            let parts = [
                (&mut curves.train, Some(&r.train)),
                (&mut curves.validation, r.validation.as_ref()),
                (&mut curves.test, Some(&r.test)),
            ];
            for (curve, m) in parts {
                let v = m.map_or(f32::NAN, |m| measure.of(m));
                if v.is_finite() {
                    curve.push((x, v));
                }
            }
        }
        curves
    }

    /// Points over all curves: what a frame draws.
    pub fn points(&self) -> usize {
        self.train.len() + self.validation.len() + self.test.len()
    }

    /// The lowest point of the validation curve, the epoch early stopping
    /// picks (the first, on a tie): None without a validation part.
    pub fn validation_minimum(&self) -> Option<(f32, f32)> {
        self.validation
            .iter()
            .copied()
            .fold(None, |best: Option<(f32, f32)>, p| match best {
                Some(b) if b.1 <= p.1 => Some(b),
                _ => Some(p),
            })
    }

    /// The x axis of these curves, see [`epoch_axis`].
    pub fn epochs(&self) -> (f64, f64) {
        epoch_axis(self.last_epoch)
    }

    /// The y axis of a loss chart: from 0 on a linear axis, whole decades
    /// around the positive values on a logarithmic one.
    pub fn loss_range(&self, log: bool) -> (f32, f32) {
        let values = || self.train.iter().chain(&self.validation).chain(&self.test).map(|p| p.1);
        let top = values().fold(0.0_f32, f32::max);
        if !log {
            return (0.0, (top * 1.05).max(1e-3));
        }
        decades(values())
    }
}

/// Each layer's gradient size over epochs, input side first: at most `max`
/// records of `history`; epoch 0, before any step, has none.
pub fn gradient_curves(history: &History, max: usize) -> Vec<Vec<(f32, f32)>> {
    let layers = history.records.iter().map(|r| r.gradients.layers).max().unwrap_or(0);
    let mut curves = vec![Vec::new(); layers];
    for r in history.downsampled(max) {
        for (curve, &v) in curves.iter_mut().zip(r.gradients.as_slice()) {
            if v.is_finite() && v > 0.0 {
                curve.push((r.epoch as f32, v));
            }
        }
    }
    curves
}

/// The whole decades around the positive `values` (a decade when none):
/// the y axis of a logarithmic chart.
pub fn decades(values: impl Iterator<Item = f32> + Clone) -> (f32, f32) {
    let positive = values.filter(|v| v.is_finite() && *v > 0.0);
    let bottom = positive.clone().fold(f32::INFINITY, f32::min);
    let top = positive.fold(0.0_f32, f32::max);
    if !bottom.is_finite() {
        return (0.01, 1.0);
    }
    let lo = 10f32.powf(bottom.max(LOG_FLOOR).log10().floor());
    let hi = 10f32.powf(top.log10().ceil()).max(lo * 10.0);
    (lo, hi)
}

/// Ticks of a logarithmic axis over whole decades [lo, hi]: every decade,
/// with 2× and 5× between when there are at most two decades, every other
/// decade when there are more than six.
pub fn log_ticks((lo, hi): (f32, f32)) -> Vec<f32> {
    let first = lo.log10().round() as i32;
    let last = hi.log10().round() as i32;
    let decades = last - first;
    let step = if decades > 6 { 2 } else { 1 };
    let mut ticks = Vec::new();
    for k in (first..=last).step_by(step) {
        let decade = 10f32.powi(k);
        ticks.push(decade);
        if decades <= 2 && k < last {
            ticks.extend([2.0 * decade, 5.0 * decade]);
        }
    }
    ticks
}

/// The x axis of an epoch chart whose last record is `last_epoch`: from
/// epoch 0 to the last epoch, at least [`MIN_EPOCHS`].
pub fn epoch_axis(last_epoch: usize) -> (f64, f64) {
    (0.0, last_epoch.max(MIN_EPOCHS) as f64)
}

/// The record whose epoch is nearest to `epoch`.
pub fn record_near(history: &History, epoch: f64) -> Option<&Record> {
    let records = &history.records;
    let i = records.partition_point(|r| (r.epoch as f64) < epoch);
    let after = records.get(i);
    let before = i.checked_sub(1).and_then(|j| records.get(j));
    match (before, after) {
        (Some(b), Some(a)) => Some(if epoch - b.epoch as f64 <= a.epoch as f64 - epoch {
            b
        } else {
            a
        }),
        (b, a) => b.or(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(epochs: usize, loss: impl Fn(usize) -> f32, accuracy: f32) -> History {
        let mut h = History::default();
        for epoch in 0..=epochs {
            let m = Metrics {
                loss: loss(epoch),
                accuracy,
            };
            h.push(Record {
                epoch,
                train: m,
                test: Metrics {
                    loss: 2.0 * m.loss,
                    ..m
                },
                validation: None,
                ..Record::default()
            });
        }
        h
    }

    #[test]
    fn a_frame_draws_as_many_points_at_100000_epochs_as_at_1000() {
        let decay = |e: usize| 1.0 / (1.0 + e as f32);
        let short = Curves::new(&history(1_000, decay, 0.5), Measure::Loss, MAX_POINTS);
        let long = Curves::new(&history(100_000, decay, 0.5), Measure::Loss, MAX_POINTS);
        assert_eq!(short.points(), 2 * MAX_POINTS);
        assert_eq!(long.points(), short.points());
        assert_eq!(long.last_epoch, 100_000);
        assert_eq!(
            long.train.last().unwrap().0,
            100_000.0,
            "the newest epoch is always drawn"
        );
    }

    #[test]
    fn a_short_history_is_drawn_whole() {
        let c = Curves::new(&history(9, |_| 0.5, 0.9), Measure::Accuracy, MAX_POINTS);
        assert_eq!(c.train.len(), 10);
        assert_eq!(c.epochs(), (0.0, 10.0), "the axis spans at least ten epochs");
        assert!((c.test[3].1 - 0.9).abs() < 1e-6);
    }

    #[test]
    fn regression_has_no_accuracy_curve() {
        let c = Curves::new(&history(50, |_| 0.5, f32::NAN), Measure::Accuracy, MAX_POINTS);
        assert_eq!(c.points(), 0);
        assert_eq!(c.epochs(), (0.0, 50.0));
    }

    #[test]
    fn the_linear_loss_axis_starts_at_zero_and_clears_the_top() {
        let c = Curves::new(&history(20, |e| 1.0 / (1.0 + e as f32), 0.5), Measure::Loss, MAX_POINTS);
        let (lo, hi) = c.loss_range(false);
        assert_eq!(lo, 0.0);
        // The test loss starts at 2.0.
        assert!(hi > 2.0 && hi < 2.2, "{hi}");
    }

    #[test]
    fn the_log_loss_axis_spans_whole_decades_around_the_values() {
        let c = Curves::new(
            &history(100, |e| 0.3 / (1.0 + e as f32), 0.5),
            Measure::Loss,
            MAX_POINTS,
        );
        // Train loss falls from 0.3 to 0.3/101 ≈ 0.003; test loss starts at 0.6.
        let (lo, hi) = c.loss_range(true);
        assert!((lo - 0.001).abs() < 1e-7, "{lo}");
        assert!((hi - 1.0).abs() < 1e-6, "{hi}");
        let flat = Curves::new(&history(3, |_| 0.0, 0.5), Measure::Loss, MAX_POINTS);
        assert_eq!(
            flat.loss_range(true),
            (0.01, 1.0),
            "no positive loss: a default decade range"
        );
        let exact = Curves::new(&history(3, |_| 0.1, 0.5), Measure::Loss, MAX_POINTS);
        let (lo, hi) = exact.loss_range(true);
        assert!(lo < 0.1 + 1e-7 && hi >= 0.2 && hi / lo >= 10.0 - 1e-4, "{lo}..{hi}");
    }

    #[test]
    fn log_ticks_fall_on_decades_and_fill_short_axes() {
        let close =
            |a: &[f32], b: &[f32]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x / y - 1.0).abs() < 1e-5);
        let one = log_ticks((0.1, 1.0));
        assert!(close(&one, &[0.1, 0.2, 0.5, 1.0]), "{one:?}");
        let three = log_ticks((0.001, 1.0));
        assert!(close(&three, &[0.001, 0.01, 0.1, 1.0]), "{three:?}");
        let eight = log_ticks((1e-7, 10.0));
        assert!(close(&eight, &[1e-7, 1e-5, 1e-3, 0.1, 10.0]), "{eight:?}");
    }

    #[test]
    fn the_pointer_finds_the_nearest_recorded_epoch() {
        // Shorter than a history's thinning: every epoch is recorded.
        let h = history(3_000, |e| e as f32, 0.5);
        assert_eq!(record_near(&h, 1_236.4).unwrap().epoch, 1_236);
        assert_eq!(record_near(&h, 1_236.6).unwrap().epoch, 1_237);
        assert_eq!(record_near(&h, -3.0).unwrap().epoch, 0);
        assert_eq!(record_near(&h, 1e9).unwrap().epoch, 3_000);
        assert!(record_near(&History::default(), 3.0).is_none());
        let mut gaps = History::default();
        for epoch in [0, 10, 20] {
            gaps.push(Record {
                epoch,
                ..Record::default()
            });
        }
        assert_eq!(record_near(&gaps, 14.0).unwrap().epoch, 10);
        assert_eq!(record_near(&gaps, 16.0).unwrap().epoch, 20);
    }
}
