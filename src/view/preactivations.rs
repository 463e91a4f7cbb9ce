//! What a hidden layer's non-linearity sees: the pre-activations z of all its
//! neurons over the training set, as a histogram, and how many of them fall
//! where the slope f′(z) is about zero. There the gradient barely flows
//! back: a ReLU whose z is negative for every point is dead, a sigmoid or
//! tanh whose z is large is saturated.

use super::histogram::Histogram;
use crate::nn::{Activation, Mlp, Tape};

/// Bins of the histogram.
pub const BINS: usize = 40;
/// The plotted interval of z always covers [−REACH_MIN, REACH_MIN], so each
/// function's shape shows however narrow the data are.
pub const REACH_MIN: f32 = 4.0;
/// ... and never goes beyond [−REACH_MAX, REACH_MAX]; values further out
/// are counted in the edge bins.
pub const REACH_MAX: f32 = 20.0;
/// f′ below this share of its largest value counts as "about zero".
/// Leaky ReLU's slope of 0.01 is just not flat: the gradient still flows.
pub const FLAT: f32 = 0.01;

/// f′ below this share of its largest value is "small": a point there
/// passes back less than a tenth of the gradient the steepest point would.
/// Unlike [`FLAT`], a saturating sigmoid or tanh reaches it at moderate z.
pub const SMALL: f32 = 0.1;

/// Whether f′(z) is about zero (below [`FLAT`] of its peak).
pub fn is_flat(act: Activation, z: f32) -> bool {
    act.derivative(z, act.apply(z)) < FLAT * act.peak_slope()
}

/// Whether f′(z) is below [`SMALL`] of its peak.
pub fn is_small(act: Activation, z: f32) -> bool {
    act.derivative(z, act.apply(z)) < SMALL * act.peak_slope()
}

/// `n` samples (z, f(z), f′(z)) evenly over [lo, hi], for drawing the function and its slope.
pub fn samples(act: Activation, (lo, hi): (f32, f32), n: usize) -> impl Iterator<Item = (f32, f32, f32)> + Clone {
    let n = n.max(2);
    (0..n).map(move |i| {
        let z = lo + (hi - lo) * i as f32 / (n - 1) as f32;
        let a = act.apply(z);
        (z, a, act.derivative(z, a))
    })
}

/// The values f and f′ take over [lo, hi], with 0 and 1 always included
/// and a little room above and below: the y axis of the activation chart.
pub fn value_range(act: Activation, interval: (f32, f32)) -> (f32, f32) {
    let (mut lo, mut hi) = (0.0_f32, 1.0_f32);
    for (_, a, d) in samples(act, interval, 200) {
        lo = lo.min(a).min(d);
        hi = hi.max(a).max(d);
    }
    let pad = 0.08 * (hi - lo);
    (lo - pad, hi + pad)
}

/// The interval of z a chart shows for values spanning [min, max]: at
/// least ±[`REACH_MIN`], at most ±[`REACH_MAX`], widened to whole numbers.
pub fn shown_interval(min: f32, max: f32) -> (f32, f32) {
    let lo = if min.is_finite() {
        min.min(-REACH_MIN)
    } else {
        -REACH_MIN
    };
    let hi = if max.is_finite() { max.max(REACH_MIN) } else { REACH_MIN };
    (lo.floor().max(-REACH_MAX), hi.ceil().min(REACH_MAX))
}

/// One hidden layer's pre-activations over a batch, summarised.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerSummary {
    /// The layer's non-linearity f.
    pub activation: Activation,
    /// z of every neuron and every point, over [`shown_interval`].
    pub histogram: Histogram,
    /// Share of all (neuron, point) pairs where f′(z) is below a tenth of its peak.
    pub small_share: f32,
    /// Mean of f′(z) over all (neuron, point) pairs: how much of the
    /// gradient the layer passes back on average (at most ¼ for a sigmoid).
    pub mean_slope: f32,
    /// Neurons whose f′ is about zero on every point: no gradient reaches their weights.
    pub dead: usize,
    /// Neurons in the layer.
    pub neurons: usize,
}

impl Default for LayerSummary {
    fn default() -> LayerSummary {
        LayerSummary {
            activation: Activation::Linear,
            histogram: Histogram::new(-REACH_MIN, REACH_MIN, BINS),
            small_share: 0.0,
            mean_slope: 0.0,
            dead: 0,
            neurons: 0,
        }
    }
}

impl LayerSummary {
    /// At `z`: f(z), f′(z) and the share of all pre-activations in z's bin.
    pub fn at(&self, z: f32) -> (f32, f32, f32) {
        let act = self.activation;
        let a = act.apply(z);
        (a, act.derivative(z, a), self.histogram.share(self.histogram.bin_of(z)))
    }

    /// Summarises hidden layer `layer` of `mlp` over the `rows` inputs of
    /// `x` (rows × inputs), run in evaluation mode (no dropout, batch norm's
    /// running statistics). `tape` is reused between calls.
    pub fn compute(&mut self, mlp: &Mlp, layer: usize, x: &[f32], rows: usize, tape: &mut Tape) {
        assert!(
            layer < mlp.layers.len().saturating_sub(1),
            "layer {layer} is not a hidden layer of a network with {} hidden layers",
            mlp.layers.len() - 1
        );
        let act = mlp.layers[layer].activation;
        let neurons = mlp.layers[layer].outputs;
        mlp.forward_eval(x, rows, tape);

        let (mut min, mut max, mut small, mut dead) = (f32::INFINITY, f32::NEG_INFINITY, 0usize, 0usize);
        let mut slopes = 0.0_f64;
        for j in 0..neurons {
            let z = tape.pre_activation(layer, j);
            let flat_here = z.iter().filter(|&&v| is_flat(act, v)).count();
            dead += usize::from(rows > 0 && flat_here == rows);
            small += z.iter().filter(|&&v| is_small(act, v)).count();
            for &v in z {
                min = min.min(v);
                max = max.max(v);
                slopes += f64::from(act.derivative(v, act.apply(v)));
            }
        }
        let (lo, hi) = shown_interval(min, max);
        self.histogram.reset(lo, hi, BINS);
        for j in 0..neurons {
            self.histogram.add_all(tape.pre_activation(layer, j));
        }
        self.activation = act;
        self.neurons = neurons;
        self.dead = dead;
        let pairs = (rows * neurons).max(1) as f64;
        self.small_share = (small as f64 / pairs) as f32;
        self.mean_slope = (slopes / pairs) as f32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Architecture, Head, Init};
    use crate::random::seeded;

    /// One input, one hidden layer of `act` with the given (weight, bias) per neuron.
    fn one_layer(act: Activation, neurons: &[(f32, f32)]) -> Mlp {
        let arch = Architecture {
            inputs: 1,
            hidden: vec![neurons.len()],
            activations: vec![act],
            outputs: 1,
            head: Head::Identity,
            dropout: 0.0,
            batch_norm: false,
        };
        let mut mlp = Mlp::new(&arch, Init::Xavier, &mut seeded(1, 0));
        let l = mlp.layers[0].clone();
        for (j, &(w, b)) in neurons.iter().enumerate() {
            mlp.params[l.weights + j] = w;
            mlp.params[l.biases + j] = b;
        }
        mlp
    }

    #[test]
    fn flat_regions_match_each_functions_slope() {
        assert!(is_flat(Activation::Relu, -0.1) && is_flat(Activation::Relu, 0.0));
        assert!(!is_flat(Activation::Relu, 0.1));
        assert!(!is_flat(Activation::LeakyRelu, -5.0), "leaky ReLU keeps a slope");
        assert!(!is_flat(Activation::Tanh, 2.0) && is_flat(Activation::Tanh, 4.0));
        // σ′(z) = σ(1 − σ) falls below 0.0025 beyond |z| ≈ 6.
        assert!(!is_flat(Activation::Sigmoid, 5.0) && is_flat(Activation::Sigmoid, -7.0));
        assert!(!is_flat(Activation::Elu, -4.0) && is_flat(Activation::Elu, -5.0));
        assert!(!is_flat(Activation::Linear, -100.0));
    }

    #[test]
    fn a_relu_biased_far_below_zero_is_dead() {
        // Neuron 0 is z = x, neuron 1 is z = x − 100: negative for every point.
        let mlp = one_layer(Activation::Relu, &[(1.0, 0.0), (1.0, -100.0)]);
        let x = [-1.0, -0.5, 0.5, 1.0];
        let mut s = LayerSummary::default();
        s.compute(&mlp, 0, &x, 4, &mut Tape::default());
        assert_eq!(s.activation, Activation::Relu);
        assert_eq!((s.dead, s.neurons), (1, 2));
        // Neuron 0 is flat at the two negative points, neuron 1 at all four: 6 of 8.
        assert!((s.small_share - 0.75).abs() < 1e-6, "{}", s.small_share);
        assert!((s.mean_slope - 0.25).abs() < 1e-6, "{}", s.mean_slope);
        assert_eq!(s.histogram.total(), 8);
        assert_eq!((s.histogram.lo, s.histogram.hi), (-REACH_MAX, REACH_MIN));
        assert_eq!(s.histogram.counts[0], 4, "z ≈ −100 lands in the first bin");
    }

    #[test]
    fn saturated_sigmoids_are_flat_and_the_interval_grows_to_show_them() {
        // z = 10·x over x in [0.8, 1]: σ′ is about zero everywhere.
        let mlp = one_layer(Activation::Sigmoid, &[(10.0, 0.0)]);
        let x = [0.8, 0.9, 1.0];
        let mut s = LayerSummary::default();
        s.compute(&mlp, 0, &x, 3, &mut Tape::default());
        assert_eq!(s.dead, 1);
        assert!((s.small_share - 1.0).abs() < 1e-6);
        assert!(s.mean_slope < 0.01, "{}", s.mean_slope);
        assert_eq!((s.histogram.lo, s.histogram.hi), (-REACH_MIN, 10.0));
        let hit = s.histogram.bin_of(9.0);
        assert_eq!(s.histogram.counts[hit], 1);
    }

    /// The summary of one neuron z = x over the points `x`.
    fn identity_summary(act: Activation, x: &[f32]) -> LayerSummary {
        let mut s = LayerSummary::default();
        s.compute(&one_layer(act, &[(1.0, 0.0)]), 0, x, x.len(), &mut Tape::default());
        s
    }

    #[test]
    fn the_measure_is_true_for_sigmoid_tanh_and_relu() {
        // z spread evenly over [−6, 6]: 121 points 0.1 apart.
        let z: Vec<f32> = (0..=120).map(|i| -6.0 + 0.1 * i as f32).collect();
        // σ′ = σ(1 − σ) < 0.025 beyond |z| ≈ 3.64; its mean over [−6, 6] is
        // (σ(6) − σ(−6)) / 12 ≈ 0.0829, never above ¼.
        let sigmoid = identity_summary(Activation::Sigmoid, &z);
        assert!(
            (sigmoid.small_share - 2.0 * 24.0 / 121.0).abs() < 0.02,
            "{}",
            sigmoid.small_share
        );
        assert!((sigmoid.mean_slope - 0.0829).abs() < 0.003, "{}", sigmoid.mean_slope);
        // tanh′ = 1 − tanh² < 0.1 beyond |z| ≈ 1.82; mean (tanh 6 − tanh −6)/12 ≈ 0.1667.
        let tanh = identity_summary(Activation::Tanh, &z);
        assert!(
            (tanh.small_share - 2.0 * 42.0 / 121.0).abs() < 0.02,
            "{}",
            tanh.small_share
        );
        assert!((tanh.mean_slope - 0.1667).abs() < 0.005, "{}", tanh.mean_slope);
        // ReLU′ is 0 for z < 0 (60 of 121 points, z = 0 either way) and 1 above.
        let relu = identity_summary(Activation::Relu, &z);
        assert!(
            (relu.small_share - 60.5 / 121.0).abs() < 0.6 / 121.0,
            "{}",
            relu.small_share
        );
        assert!(
            (relu.mean_slope - 60.5 / 121.0).abs() < 0.6 / 121.0,
            "{}",
            relu.mean_slope
        );
        // Near zero a sigmoid is at its steepest: nothing small, mean near ¼.
        let narrow = identity_summary(Activation::Sigmoid, &[-0.5, 0.0, 0.5]);
        assert_eq!(narrow.small_share, 0.0);
        assert!(narrow.mean_slope > 0.24 && narrow.mean_slope <= 0.25);
    }

    #[test]
    fn the_interval_covers_the_data_within_limits() {
        assert_eq!(shown_interval(-0.5, 0.7), (-4.0, 4.0));
        assert_eq!(shown_interval(-6.2, 1.0), (-7.0, 4.0));
        assert_eq!(shown_interval(-1e6, 1e6), (-20.0, 20.0));
        assert_eq!(
            shown_interval(f32::INFINITY, f32::NEG_INFINITY),
            (-4.0, 4.0),
            "no values"
        );
    }

    #[test]
    fn the_value_range_holds_both_curves_with_room() {
        let (lo, hi) = value_range(Activation::Relu, (-4.0, 4.0));
        assert!(lo < 0.0 && lo > -0.5 && hi > 4.0 && hi < 4.5, "{lo}..{hi}");
        let (lo, hi) = value_range(Activation::Tanh, (-4.0, 4.0));
        assert!(lo < -1.0 && hi > 1.0 && hi < 1.3, "{lo}..{hi}");
        let (lo, hi) = value_range(Activation::Sigmoid, (-4.0, 4.0));
        assert!(
            lo < 0.0 && hi > 1.0 && hi < 1.2,
            "sigmoid and its slope lie in [0, 1]: {lo}..{hi}"
        );
    }

    #[test]
    fn the_summary_reads_values_at_a_point() {
        let mlp = one_layer(Activation::Tanh, &[(1.0, 0.0)]);
        let x = [0.1, 0.5, 1.0, 3.0];
        let mut s = LayerSummary::default();
        s.compute(&mlp, 0, &x, 4, &mut Tape::default());
        let (a, d, share) = s.at(0.5);
        assert!((a - 0.5_f32.tanh()).abs() < 1e-5 && (d - (1.0 - a * a)).abs() < 1e-6);
        // Bins are 0.2 wide over [−4, 4]: z = 0.5 has [0.4, 0.6) to itself.
        assert!((share - 0.25).abs() < 1e-6, "{share}");
    }

    #[test]
    fn samples_trace_the_function_and_its_slope() {
        let s: Vec<_> = samples(Activation::Relu, (-2.0, 2.0), 5).collect();
        assert_eq!(s.len(), 5);
        assert_eq!(s[0], (-2.0, 0.0, 0.0));
        assert_eq!(s[4], (2.0, 2.0, 1.0));
        for (z, a, d) in samples(Activation::Tanh, (-3.0, 3.0), 61) {
            assert!((a - z.tanh()).abs() < 1e-4);
            assert!((d - (1.0 - z.tanh().powi(2))).abs() < 1e-3);
        }
    }
}
