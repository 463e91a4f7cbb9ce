//! Weight initialisation schemes.

use crate::random::{normal, uniform, Rng};

/// How a layer's weights are drawn before training, and where biases start
/// (zero, but for TensorFlow Playground's scheme).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Init {
    /// U(±√(6 / (fan_in + fan_out))) (Glorot & Bengio, 2010).
    Xavier,
    /// N(0, 2 / fan_in) (He et al., 2015), suited to ReLU.
    He,
    /// All zeros: every neuron of a layer stays identical (the symmetry problem).
    Zero,
    /// TensorFlow Playground's: weights from U(−0.5, 0.5) whatever the
    /// layer's size, every bias 0.1.
    Tfp,
}

named_enum!(Init, "initialisation", [Xavier => "xavier", He => "he", Zero => "zero", Tfp => "tfp"]);

impl Init {
    /// Fills `weights` for a layer with `fan_in` inputs and `fan_out` outputs.
    pub fn fill(self, weights: &mut [f32], fan_in: usize, fan_out: usize, rng: &mut Rng) {
        match self {
            Init::Xavier => {
                let limit = (6.0 / (fan_in + fan_out) as f32).sqrt();
                weights.iter_mut().for_each(|w| *w = uniform(rng, -limit, limit));
            }
            Init::He => {
                let std = (2.0 / fan_in as f32).sqrt();
                weights.iter_mut().for_each(|w| *w = std * normal(rng));
            }
            Init::Zero => weights.fill(0.0),
            Init::Tfp => weights.iter_mut().for_each(|w| *w = uniform(rng, -0.5, 0.5)),
        }
    }

    /// Every bias's starting value.
    pub fn bias(self) -> f32 {
        match self {
            Init::Tfp => 0.1,
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::seeded;

    fn variance(w: &[f32]) -> f32 {
        let mean = w.iter().sum::<f32>() / w.len() as f32;
        w.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / w.len() as f32
    }

    #[test]
    fn xavier_and_he_have_their_variances() {
        let mut rng = seeded(1, 0);
        let mut w = vec![0.0; 40_000];
        Init::Xavier.fill(&mut w, 100, 300, &mut rng);
        // U(±l) has variance l²/3 = 2 / (fan_in + fan_out).
        assert!((variance(&w) - 2.0 / 400.0).abs() < 2e-4);
        Init::He.fill(&mut w, 50, 10, &mut rng);
        assert!((variance(&w) - 2.0 / 50.0).abs() < 2e-3);
        Init::Zero.fill(&mut w, 50, 10, &mut rng);
        assert!(w.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn tfp_draws_from_its_uniform_range_whatever_the_layer() {
        let mut rng = seeded(2, 0);
        let mut w = vec![0.0; 40_000];
        for (fan_in, fan_out) in [(2, 4), (100, 300)] {
            Init::Tfp.fill(&mut w, fan_in, fan_out, &mut rng);
            assert!(w.iter().all(|&x| (-0.5..=0.5).contains(&x)));
            // U(−½, ½) has variance 1/12 and fills its range.
            assert!((variance(&w) - 1.0 / 12.0).abs() < 2e-3, "{}", variance(&w));
            let (lo, hi) = w.iter().fold((1.0_f32, -1.0_f32), |(l, h), &x| (l.min(x), h.max(x)));
            assert!(lo < -0.499 && hi > 0.499, "{lo} {hi}");
        }
        assert_eq!(Init::Tfp.bias(), 0.1);
        assert_eq!(Init::Xavier.bias(), 0.0);
    }
}
