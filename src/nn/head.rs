//! Output heads: the last layer's activation paired with the loss it is trained on.
//!
//! A head sees one sample's output-layer pre-activations `z` and its target
//! `y` (a class index stored as f32 for classification, a value for regression).

use super::activation::{sigmoid, Activation};
use super::kernels;

/// What the output layer computes and which loss trains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Head {
    /// Identity output, mean squared error (ŷ − y)². Regression.
    Identity,
    /// Sigmoid output p, binary cross-entropy −y ln p − (1 − y) ln(1 − p).
    Sigmoid,
    /// TensorFlow Playground's head: tanh output o against t = ±1, loss ½(o − t)²
    /// (tanh by the fast approximation of [`kernels::tanh`]).
    Tanh,
    /// Softmax over k outputs, cross-entropy −ln p_y.
    Softmax,
}

named_enum!(Head, "output head", [Sigmoid => "sigmoid", Softmax => "softmax", Tanh => "tanh", Identity => "identity"]);

impl Head {
    /// Number of output neurons for a problem with `classes` classes
    /// (`classes` is ignored by the single-output heads).
    pub fn outputs(self, classes: usize) -> usize {
        match self {
            Head::Softmax => classes,
            _ => 1,
        }
    }

    /// Whether this head trains a classifier.
    pub fn is_classifier(self) -> bool {
        self != Head::Identity
    }

    /// Output values from pre-activations: `out = head(z)`.
    pub fn activate(self, z: &[f32], out: &mut [f32]) {
        match self {
            Head::Identity => out.copy_from_slice(z),
            Head::Sigmoid => out[0] = sigmoid(z[0]),
            Head::Tanh => out[0] = kernels::tanh(z[0]),
            Head::Softmax => {
                let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                let mut sum = 0.0;
                for (o, &v) in out.iter_mut().zip(z) {
                    *o = kernels::exp_nonpositive(v - max);
                    sum += *o;
                }
                for o in out.iter_mut() {
                    *o /= sum;
                }
            }
        }
    }

    /// The outputs of `batch` samples into `out` (batch × outputs), from the
    /// output layer's pre-activations `z`, neuron-major (output j of sample b
    /// at `z[j·stride + b]`): bit for bit what [`Head::activate`] gives sample
    /// by sample, a single output's row at once. `row` holds one sample's
    /// logits; its length is the number of outputs.
    pub fn activate_rows(self, z: &[f32], stride: usize, batch: usize, row: &mut [f32], out: &mut [f32]) {
        let k = row.len();
        let (z1, out1) = (&z[..batch], &mut out[..batch]);
        match self {
            Head::Identity if k == 1 => out1.copy_from_slice(z1),
            // The SIMD form of the same element function.
            Head::Tanh if k == 1 => kernels::activate(Activation::Tanh, z1, out1),
            Head::Sigmoid if k == 1 => {
                for (o, &v) in out1.iter_mut().zip(z1) {
                    *o = sigmoid(v);
                }
            }
            _ => {
                for (b, o) in out.chunks_exact_mut(k).take(batch).enumerate() {
                    for (j, v) in row.iter_mut().enumerate() {
                        *v = z[j * stride + b];
                    }
                    self.activate(row, o);
                }
            }
        }
    }

    /// One sample's loss from pre-activations, computed without overflow.
    pub fn loss(self, z: &[f32], y: f32) -> f32 {
        self.loss_of(|j| z[j], z.len(), y)
    }

    /// The loss of each of `targets`' samples, handed to `f(b, loss)`, from a
    /// forward pass's pre-activations `z`, neuron-major as in
    /// [`Head::activate_rows`], and its outputs `out` (batch × `k`): bit for
    /// bit what [`Head::loss`] gives, without copying a sample's logits, and
    /// the tanh head's from its outputs, which already hold tanh z.
    pub fn losses(
        self,
        z: &[f32],
        stride: usize,
        k: usize,
        out: &[f32],
        targets: &[f32],
        mut f: impl FnMut(usize, f32),
    ) {
        match self {
            Head::Tanh if k == 1 => {
                for (b, (&o, &y)) in out.iter().zip(targets).enumerate() {
                    let d = o - tanh_target(y);
                    f(b, 0.5 * d * d);
                }
            }
            _ => {
                for (b, &y) in targets.iter().enumerate() {
                    f(b, self.loss_of(|j| z[j * stride + b], k, y));
                }
            }
        }
    }

    /// One sample's loss from its `k` pre-activations `z(0)`, …, `z(k − 1)`.
    #[inline(always)]
    fn loss_of(self, z: impl Fn(usize) -> f32, k: usize, y: f32) -> f32 {
        match self {
            Head::Identity => (z(0) - y) * (z(0) - y),
            // max(z, 0) − z·y + ln(1 + e^−|z|) equals the cross-entropy of σ(z).
            Head::Sigmoid => z(0).max(0.0) - z(0) * y + kernels::exp_nonpositive(-z(0).abs()).ln_1p(),
            Head::Tanh => {
                let d = kernels::tanh(z(0)) - tanh_target(y);
                0.5 * d * d
            }
            // ln Σ e^z_i − z_y, with the maximum factored out.
            Head::Softmax => {
                let max = (0..k).fold(f32::NEG_INFINITY, |m, j| m.max(z(j)));
                let sum: f32 = (0..k).map(|j| kernels::exp_nonpositive(z(j) - max)).sum();
                max + sum.ln() - z(y as usize)
            }
        }
    }

    /// ∂loss/∂z for one sample, given the outputs `out = head(z)`.
    pub fn delta(self, out: &[f32], y: f32, dz: &mut [f32]) {
        match self {
            Head::Identity => dz[0] = 2.0 * (out[0] - y),
            Head::Sigmoid => dz[0] = out[0] - y,
            Head::Tanh => dz[0] = (out[0] - tanh_target(y)) * (1.0 - out[0] * out[0]),
            Head::Softmax => {
                dz.copy_from_slice(out);
                dz[y as usize] -= 1.0;
            }
        }
    }

    /// Whether the loss is the cross-entropy −ln p(target). An ensemble then
    /// predicts the mean of its members' probabilities, and its loss is
    /// −ln of the mean of e^(−loss) over the members, which
    /// [`log_mean_exp`] takes without leaving log space.
    pub fn is_cross_entropy(self) -> bool {
        matches!(self, Head::Sigmoid | Head::Softmax)
    }

    /// One sample's loss from outputs, for averaged ensemble outputs of the
    /// squared-error heads. (A cross-entropy from probabilities would be
    /// capped by their rounding; those heads use [`log_mean_exp`] of the
    /// members' losses from logits instead.)
    pub fn loss_from_output(self, out: &[f32], y: f32) -> f32 {
        match self {
            Head::Identity => (out[0] - y) * (out[0] - y),
            Head::Sigmoid => -(if y > 0.5 { out[0] } else { 1.0 - out[0] }).ln(),
            Head::Tanh => 0.5 * (out[0] - tanh_target(y)).powi(2),
            Head::Softmax => -out[y as usize].ln(),
        }
    }

    /// The class this output predicts (0 for regression).
    pub fn predicted_class(self, out: &[f32]) -> usize {
        match self {
            Head::Identity => 0,
            Head::Sigmoid => usize::from(out[0] > 0.5),
            Head::Tanh => usize::from(out[0] > 0.0),
            Head::Softmax => {
                out.iter()
                    .enumerate()
                    .fold(
                        (0, f32::NEG_INFINITY),
                        |best, (i, &p)| if p > best.1 { (i, p) } else { best },
                    )
                    .0
            }
        }
    }
}

/// ln((1/n)·Σ e^vᵢ), computed with the largest term factored out so that
/// no term overflows or vanishes: −log_mean_exp(−losses) is the
/// cross-entropy of the members' mean probability.
pub fn log_mean_exp(values: &[f32]) -> f32 {
    let max = values.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    if !max.is_finite() {
        return max;
    }
    let sum: f64 = values.iter().map(|&v| ((v - max) as f64).exp()).sum();
    max + (sum / values.len() as f64).ln() as f32
}

/// Class 0 / 1 mapped to the tanh head's target −1 / +1.
#[inline]
fn tanh_target(y: f32) -> f32 {
    2.0 * y - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_delta(head: Head, z: &[f32], y: f32) {
        let mut out = vec![0.0; z.len()];
        let mut dz = vec![0.0; z.len()];
        head.activate(z, &mut out);
        head.delta(&out, y, &mut dz);
        for i in 0..z.len() {
            let h = 1e-2_f32;
            let mut plus = z.to_vec();
            let mut minus = z.to_vec();
            plus[i] += h;
            minus[i] -= h;
            let numeric = (head.loss(&plus, y) as f64 - head.loss(&minus, y) as f64) / (2.0 * h as f64);
            assert!(
                (dz[i] as f64 - numeric).abs() < 1e-3,
                "{head} z={z:?} y={y} i={i}: analytic {}, numeric {numeric}",
                dz[i]
            );
        }
    }

    #[test]
    fn batched_outputs_and_losses_equal_each_samples_bit_for_bit() {
        let batch = 7;
        let stride = kernels::padded(batch);
        for (head, k) in [
            (Head::Identity, 1),
            (Head::Sigmoid, 1),
            (Head::Tanh, 1),
            (Head::Softmax, 3),
        ] {
            // Neuron-major logits from −9 to 9, through the tanh's saturation.
            let z: Vec<f32> = (0..k * stride).map(|i| (i as f32 * 2.3).sin() * 9.0).collect();
            let y: Vec<f32> = (0..batch).map(|b| (b % k.max(2)) as f32).collect();
            let (mut row, mut out) = (vec![0.0; k], vec![0.0; batch * k]);
            head.activate_rows(&z, stride, batch, &mut row, &mut out);
            let mut losses = vec![f32::NAN; batch];
            head.losses(&z, stride, k, &out, &y, |b, l| losses[b] = l);
            for b in 0..batch {
                let sample: Vec<f32> = (0..k).map(|j| z[j * stride + b]).collect();
                let mut expected = vec![0.0; k];
                head.activate(&sample, &mut expected);
                for j in 0..k {
                    assert_eq!(
                        out[b * k + j].to_bits(),
                        expected[j].to_bits(),
                        "{head} output {j} of sample {b}"
                    );
                }
                let loss = head.loss(&sample, y[b]);
                assert_eq!(losses[b].to_bits(), loss.to_bits(), "{head} loss of sample {b}");
            }
        }
    }

    #[test]
    fn every_head_delta_matches_finite_differences() {
        check_delta(Head::Identity, &[0.7], -1.3);
        for y in [0.0, 1.0] {
            check_delta(Head::Sigmoid, &[0.8], y);
            check_delta(Head::Sigmoid, &[-2.5], y);
            check_delta(Head::Tanh, &[0.3], y);
            check_delta(Head::Tanh, &[-1.1], y);
        }
        check_delta(Head::Softmax, &[0.2, -1.0, 1.5], 0.0);
        check_delta(Head::Softmax, &[0.2, -1.0, 1.5, 0.1, 0.0, -0.3], 4.0);
    }

    #[test]
    fn softmax_is_stable_for_huge_logits() {
        let z = [1000.0, 999.0, -1000.0];
        let mut out = [0.0; 3];
        Head::Softmax.activate(&z, &mut out);
        assert!(out.iter().all(|p| p.is_finite()));
        assert!((out.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        let loss = Head::Softmax.loss(&z, 1.0);
        // ln(1 + e^−1 + e^−2000) + 1000 − 999
        assert!((loss - 1.313_261_7).abs() < 2e-4, "loss {loss}");
    }

    #[test]
    fn sigmoid_cross_entropy_is_stable_for_huge_logits() {
        assert!((Head::Sigmoid.loss(&[100.0], 0.0) - 100.0).abs() < 1e-4);
        assert!(Head::Sigmoid.loss(&[100.0], 1.0).abs() < 1e-6);
        assert!((Head::Sigmoid.loss(&[-100.0], 1.0) - 100.0).abs() < 1e-4);
    }

    #[test]
    fn loss_from_output_agrees_with_loss_from_logits() {
        for (head, z, y) in [
            (Head::Identity, vec![0.3], 1.2),
            (Head::Sigmoid, vec![-0.8], 1.0),
            (Head::Tanh, vec![0.4], 0.0),
            (Head::Softmax, vec![0.1, 2.0, -1.0], 2.0),
        ] {
            let mut out = vec![0.0; z.len()];
            head.activate(&z, &mut out);
            assert!(
                (head.loss(&z, y) - head.loss_from_output(&out, y)).abs() < 1e-5,
                "{head}"
            );
        }
    }

    #[test]
    fn the_mean_probability_is_taken_in_log_space() {
        // Two members with p = e^−1 and e^−3: the mean probability's loss.
        let expected = -(((-1.0_f64).exp() + (-3.0_f64).exp()) / 2.0).ln();
        assert!((-log_mean_exp(&[-1.0, -3.0]) as f64 - expected).abs() < 1e-6);
        // Losses far beyond what f32 probabilities hold stay exact.
        assert!((-log_mean_exp(&[-500.0, -500.0]) - 500.0).abs() < 1e-3);
        assert!(
            (-log_mean_exp(&[-500.0, -502.0]) - (500.0 + 2.0_f32.ln() - (1.0 + (-2.0_f32).exp()).ln())).abs() < 1e-3
        );
    }

    #[test]
    fn predicted_classes() {
        assert_eq!(Head::Sigmoid.predicted_class(&[0.7]), 1);
        assert_eq!(Head::Tanh.predicted_class(&[-0.2]), 0);
        assert_eq!(Head::Softmax.predicted_class(&[0.1, 0.6, 0.3]), 1);
    }
}
