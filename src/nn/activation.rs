//! Hidden-layer activation functions, each paired with its derivative.

use super::kernels;

pub use kernels::LEAKY_SLOPE;

/// A hidden layer's non-linearity a = f(z).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// f(z) = z. Stacked linear layers collapse into one linear map.
    Linear,
    /// f(z) = max(0, z) (Nair & Hinton, 2010).
    Relu,
    /// f(z) = z for z > 0, 0.01·z otherwise (Maas et al., 2013).
    LeakyRelu,
    /// f(z) = z for z > 0, e^z − 1 otherwise (Clevert et al., 2015).
    Elu,
    /// f(z) = tanh z.
    Tanh,
    /// f(z) = 1 / (1 + e^−z).
    Sigmoid,
}

named_enum!(Activation, "activation", [Relu => "relu", LeakyRelu => "leaky-relu", Elu => "elu", Tanh => "tanh", Sigmoid => "sigmoid", Linear => "linear"]);

impl Activation {
    /// f(z), by the same element functions as the kernels: tanh and the
    /// sigmoid within [`kernels::TANH_MAX_ERROR`], ELU's e^z − 1 within
    /// [`kernels::ELU_MAX_ERROR`] of the exact functions.
    #[inline]
    pub fn apply(self, z: f32) -> f32 {
        match self {
            Activation::Linear => z,
            Activation::Relu => kernels::relu(z),
            Activation::LeakyRelu => kernels::leaky_relu(z),
            Activation::Elu => kernels::elu(z),
            Activation::Tanh => kernels::tanh(z),
            Activation::Sigmoid => kernels::sigmoid(z),
        }
    }

    /// f′(z), given z and a = f(z) (tanh and sigmoid are cheaper from a).
    #[inline]
    pub fn derivative(self, z: f32, a: f32) -> f32 {
        match self {
            Activation::Linear => 1.0,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    1.0
                } else {
                    a + 1.0
                }
            }
            Activation::Tanh => 1.0 - a * a,
            Activation::Sigmoid => a * (1.0 - a),
        }
    }

    /// Applies f to every element: `a[i] = f(z[i])`.
    pub fn apply_slice(self, z: &[f32], a: &mut [f32]) {
        kernels::activate(self, z, a);
    }

    /// Applies f in place: `v[i] = f(v[i])`.
    pub fn apply_in_place(self, v: &mut [f32]) {
        kernels::activate_in_place(self, v);
    }

    /// d_z = d_a · f′(z) over slices, given z and a = f(z).
    pub fn backprop_slice(self, z: &[f32], a: &[f32], d_a: &[f32], d_z: &mut [f32]) {
        kernels::backprop(self, z, a, d_a, d_z);
    }
}

/// The logistic function, computed without overflow for large |z|.
#[inline]
pub fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + kernels::exp_nonpositive(-z))
    } else {
        let e = kernels::exp_nonpositive(z);
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central difference in f64 of the f32 function, away from kinks.
    fn numeric_derivative(act: Activation, z: f32) -> f32 {
        let h = 1e-3_f32;
        ((act.apply(z + h) as f64 - act.apply(z - h) as f64) / (2.0 * h as f64)) as f32
    }

    #[test]
    fn every_derivative_matches_finite_differences() {
        for act in Activation::ALL {
            for &z in &[-3.1_f32, -0.7, -0.05, 0.05, 0.4, 2.3] {
                let a = act.apply(z);
                let analytic = act.derivative(z, a);
                let numeric = numeric_derivative(act, z);
                assert!(
                    (analytic - numeric).abs() < 2e-3,
                    "{act} at z={z}: analytic {analytic}, numeric {numeric}"
                );
            }
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(Activation::Relu.apply(-2.0), 0.0);
        assert_eq!(Activation::Relu.apply(3.0), 3.0);
        assert!((Activation::LeakyRelu.apply(-2.0) + 0.02).abs() < 1e-7);
        assert!((Activation::Elu.apply(-1.0) - (-0.632_120_56)).abs() < 1e-6);
        assert!((Activation::Sigmoid.apply(0.0) - 0.5).abs() < 1e-7);
        assert!((Activation::Tanh.apply(0.5) - 0.462_117_16).abs() < 1e-6);
    }

    #[test]
    fn sigmoid_is_finite_at_extremes() {
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(act.name().parse::<Activation>().unwrap(), act);
        }
        assert!("swish".parse::<Activation>().is_err());
    }
}
