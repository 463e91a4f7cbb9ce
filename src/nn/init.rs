//! Weight initialisation schemes.

use crate::random::{normal, uniform, Rng};

/// How a layer's weights are drawn before training. Biases start at zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Init {
    /// U(±√(6 / (fan_in + fan_out))) (Glorot & Bengio, 2010).
    Xavier,
    /// N(0, 2 / fan_in) (He et al., 2015), suited to ReLU.
    He,
    /// All zeros: every neuron of a layer stays identical (the symmetry problem).
    Zero,
}

named_enum!(Init, "initialisation", [Xavier => "xavier", He => "he", Zero => "zero"]);

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
}
