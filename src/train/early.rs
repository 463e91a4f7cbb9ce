//! What happened early in a run, kept apart from the history (which thins
//! its records as the run grows) so that the diagnosis can tell a cause
//! from its symptom: units dead after steps that threw the weights about
//! point to a learning rate too large, and steps that barely move them to
//! one too small. A handful of numbers: the first epochs' losses, the size
//! of the first steps, and the epoch most ReLU units had died by.

/// Epochs after the start whose training loss is kept.
pub const EARLY_EPOCHS: usize = 20;
/// Minibatch steps after the start whose size is measured.
pub const EARLY_STEPS: u64 = 10;

/// The start of a run, or of its current learning rate (see [`Early::restart`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Early {
    /// The epoch the record starts at: 0, or where the rate last changed live.
    pub start: usize,
    /// Training loss at epochs `start`, `start + 1`, …, at most
    /// [`EARLY_EPOCHS`] + 1 of them.
    pub losses: Vec<f32>,
    /// Steps measured since `start` (at most [`EARLY_STEPS`]).
    pub steps: u64,
    /// The largest relative step ‖Δθ‖ / ‖θ‖ of the first network over the
    /// steps measured, θ its parameters before or after the step, whichever
    /// is larger (so that a step from all-zero weights counts as 1).
    pub largest_step: f32,
    /// The first epoch checked (every early epoch, then the powers of two)
    /// at which more than half the ReLU units were dead.
    pub dead_since: Option<usize>,
    /// The parameters before the step being measured.
    before: Vec<f32>,
}

impl Early {
    /// Whether the next step's size is still to be measured.
    pub fn measuring(&self) -> bool {
        self.steps < EARLY_STEPS
    }

    /// Keeps the parameters before a measured step.
    pub fn before_step(&mut self, params: &[f32]) {
        self.before.clear();
        self.before.extend_from_slice(params);
    }

    /// Measures the step from the parameters kept by [`Early::before_step`] to `params`.
    pub fn after_step(&mut self, params: &[f32]) {
        let norm = |v: &mut dyn Iterator<Item = f32>| v.map(|x| f64::from(x) * f64::from(x)).sum::<f64>().sqrt();
        let moved = norm(&mut self.before.iter().zip(params).map(|(a, b)| b - a));
        let size = norm(&mut self.before.iter().copied()).max(norm(&mut params.iter().copied()));
        if size > 0.0 {
            self.largest_step = self.largest_step.max((moved / size) as f32);
        }
        self.steps += 1;
    }

    /// Records the training loss of `epoch`, while it is early.
    pub fn record_loss(&mut self, epoch: usize, loss: f32) {
        if epoch >= self.start && self.losses.len() <= EARLY_EPOCHS {
            self.losses.push(loss);
        }
    }

    /// Whether the ReLU units are to be checked after `epoch`: until most
    /// have died, every early epoch and then every power of two.
    pub fn checks_units(&self, epoch: usize) -> bool {
        self.dead_since.is_none() && (epoch <= EARLY_EPOCHS || epoch.is_power_of_two())
    }

    /// The learning rate or the optimiser changed live at `epoch`, whose
    /// training loss is `loss`: the steps from now on are another rate's,
    /// and are measured afresh. The epoch the units died by stays.
    pub fn restart(&mut self, epoch: usize, loss: Option<f32>) {
        *self = Early {
            start: epoch,
            dead_since: self.dead_since,
            ..Early::default()
        };
        if let Some(loss) = loss {
            self.record_loss(epoch, loss);
        }
    }

    /// The highest early loss after the first, with its epoch, if it rose
    /// above the first loss by more than `factor`: (start loss, peak epoch, peak loss).
    pub fn rise(&self, factor: f32) -> Option<(f32, usize, f32)> {
        let (&first, rest) = self.losses.split_first()?;
        let (i, &peak) = rest.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        (peak > factor * first).then_some((first, self.start + i + 1, peak))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_measured_against_the_larger_of_the_two_weight_vectors() {
        let mut early = Early::default();
        early.before_step(&[3.0, 4.0]);
        early.after_step(&[3.0, 4.5]);
        // ‖Δθ‖ = 0.5 against ‖θ‖ = √(9 + 20.25).
        assert!((early.largest_step - 0.5 / 29.25f32.sqrt()).abs() < 1e-6);
        early.before_step(&[0.0, 0.0]);
        early.after_step(&[0.0, 2.0]);
        assert!(
            (early.largest_step - 1.0).abs() < 1e-6,
            "from zero weights a step is their whole size"
        );
        assert_eq!(early.steps, 2);
    }

    #[test]
    fn only_the_first_epochs_losses_are_kept_and_a_rise_is_found_with_its_epoch() {
        let mut early = Early::default();
        for epoch in 0..100 {
            early.record_loss(epoch, if epoch == 3 { 7.0 } else { 0.7 });
        }
        assert_eq!(early.losses.len(), EARLY_EPOCHS + 1);
        assert_eq!(early.rise(1.5), Some((0.7, 3, 7.0)));
        assert_eq!(early.rise(20.0), None);
    }

    #[test]
    fn a_live_restart_measures_afresh_from_its_epoch_and_keeps_when_units_died() {
        let mut early = Early {
            largest_step: 0.9,
            steps: EARLY_STEPS,
            dead_since: Some(2),
            losses: vec![0.7, 7.0],
            ..Early::default()
        };
        early.restart(40, Some(0.69));
        assert_eq!((early.start, early.steps, early.largest_step), (40, 0, 0.0));
        assert_eq!(early.losses, vec![0.69]);
        assert_eq!(early.dead_since, Some(2));
        assert!(early.measuring());
        assert!(!early.checks_units(41), "the units died already");
    }
}
