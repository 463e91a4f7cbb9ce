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

    /// f(z) in f64, the exact function: the reference the f32 kernels are
    /// checked against, and the backprop lab's chain rule.
    pub fn exact(self, z: f64) -> f64 {
        match self {
            Activation::Linear => z,
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE as f64 * z
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    z
                } else {
                    z.exp_m1()
                }
            }
            Activation::Tanh => z.tanh(),
            Activation::Sigmoid => exact_sigmoid(z),
        }
    }

    /// f′(z) in f64, the exact derivative.
    pub fn exact_slope(self, z: f64) -> f64 {
        match self {
            Activation::Linear => 1.0,
            Activation::Relu => f64::from(u8::from(z > 0.0)),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE as f64
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    1.0
                } else {
                    z.exp()
                }
            }
            Activation::Tanh => 1.0 - z.tanh().powi(2),
            Activation::Sigmoid => exact_sigmoid(z) * (1.0 - exact_sigmoid(z)),
        }
    }

    /// Whether f is not smooth at z = 0: f′ jumps there (ReLU, leaky ReLU)
    /// or f″ does (ELU), so a finite difference across it is no derivative.
    pub fn has_kink(self) -> bool {
        match self {
            Activation::Relu | Activation::LeakyRelu | Activation::Elu => true,
            Activation::Linear | Activation::Tanh | Activation::Sigmoid => false,
        }
    }

    /// The largest value of f′.
    pub fn peak_slope(self) -> f32 {
        match self {
            Activation::Sigmoid => 0.25,
            Activation::Linear | Activation::Relu | Activation::LeakyRelu | Activation::Elu | Activation::Tanh => 1.0,
        }
    }

    /// Where f′ vanishes so that a unit stops learning, for the diagnosis
    /// of dead and saturated units.
    pub fn flat(self) -> Flat {
        match self {
            Activation::Relu => Flat::BelowZero,
            // f′ < 0.01 (tanh) and < 0.007 (sigmoid): about nothing flows back.
            Activation::Tanh => Flat::Beyond(3.0),
            Activation::Sigmoid => Flat::Beyond(5.0),
            // A leaky ReLU keeps its slope of 0.01, an ELU's e^z fades
            // only gradually: neither is diagnosed.
            Activation::Linear | Activation::LeakyRelu | Activation::Elu => Flat::Nowhere,
        }
    }

    /// Floating-point operations of one f(z) in the kernels (a comparison or
    /// selection counts as one).
    pub fn flops(self) -> usize {
        match self {
            Activation::Linear => 0,
            Activation::Relu => 1,
            Activation::LeakyRelu => 2,
            // Clamp, range reduction, a degree-5 polynomial, 2^n, −1, select.
            Activation::Elu => 20,
            // Clamp, x², degree-6 and degree-3 polynomials, a product and a division.
            Activation::Tanh => 22,
            Activation::Sigmoid => 25,
        }
    }

    /// f as a NumPy expression of the array `z`, for the exported script.
    pub fn numpy(self) -> String {
        match self {
            Activation::Linear => "lambda z: z".into(),
            Activation::Relu => "lambda z: np.maximum(z, 0.0)".into(),
            Activation::LeakyRelu => format!("lambda z: np.where(z > 0, z, {LEAKY_SLOPE} * z)"),
            Activation::Elu => "lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))".into(),
            Activation::Tanh => "np.tanh".into(),
            Activation::Sigmoid => "lambda z: 1.0 / (1.0 + np.exp(-z))".into(),
        }
    }

    /// A callable that makes f's PyTorch module, for the exported script.
    pub fn pytorch(self) -> String {
        match self {
            Activation::Linear => "nn.Identity".into(),
            Activation::Relu => "nn.ReLU".into(),
            Activation::LeakyRelu => format!("lambda: nn.LeakyReLU({LEAKY_SLOPE})"),
            Activation::Elu => "nn.ELU".into(),
            Activation::Tanh => "nn.Tanh".into(),
            Activation::Sigmoid => "nn.Sigmoid".into(),
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

/// Where an activation's slope vanishes (see [`Activation::flat`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Flat {
    /// f′ = 0 for every z ≤ 0: a unit whose z is never positive is dead.
    BelowZero,
    /// f′ ≈ 0 for |z| beyond this: a unit whose z mostly is, is saturated.
    Beyond(f32),
    /// f′ never vanishes.
    Nowhere,
}

/// The logistic function in f64, without overflow for large |z|.
fn exact_sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
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

    /// The link spellings that the page, saved links and TensorFlow
    /// Playground's links use, in the page's order, each with the function
    /// it must name: written out here, independently of the enum.
    #[test]
    fn each_link_spelling_names_its_function() {
        type Exact = fn(f64) -> f64;
        let spelled: [(&str, Exact); 6] = [
            ("relu", |z| z.max(0.0)),
            ("leaky-relu", |z| if z > 0.0 { z } else { 0.01 * z }),
            ("elu", |z| if z > 0.0 { z } else { z.exp() - 1.0 }),
            ("tanh", f64::tanh),
            ("sigmoid", |z| 1.0 / (1.0 + (-z).exp())),
            ("linear", |z| z),
        ];
        assert_eq!(Activation::NAMES.to_vec(), spelled.map(|(name, _)| name).to_vec());
        for (name, f) in spelled {
            let act: Activation = name.parse().unwrap_or_else(|e| panic!("{e}"));
            for z in [-2.5, -0.3, 0.7, 3.1] {
                assert!((act.exact(z) - f(z)).abs() < 1e-8, "{name} at {z}: exact");
                assert!(
                    (act.apply(z as f32) as f64 - f(z)).abs() < 1e-5,
                    "{name} at {z}: kernel"
                );
            }
        }
        assert!("swish".parse::<Activation>().is_err());
    }

    #[test]
    fn exact_slopes_match_finite_differences_of_exact_values() {
        for act in Activation::ALL {
            for z in [-3.1, -0.7, -0.05, 0.05, 0.4, 2.3] {
                let h = 1e-6;
                let numeric = (act.exact(z + h) - act.exact(z - h)) / (2.0 * h);
                assert!((act.exact_slope(z) - numeric).abs() < 1e-6, "{act} at z={z}");
            }
        }
    }

    #[test]
    fn the_peak_slope_is_the_largest_slope() {
        for act in Activation::ALL {
            let largest = (-400..=400)
                .map(|i| act.exact_slope(i as f64 * 0.01))
                .fold(f64::MIN, f64::max);
            assert!((largest - act.peak_slope() as f64).abs() < 1e-6, "{act}: {largest}");
        }
    }

    #[test]
    fn flat_ranges_are_where_the_slope_vanishes() {
        for act in Activation::ALL {
            let slope = |z: f64| act.exact_slope(z);
            match act.flat() {
                Flat::BelowZero => assert!(slope(-0.1) == 0.0 && slope(-5.0) == 0.0 && slope(0.1) > 0.5, "{act}"),
                Flat::Beyond(limit) => {
                    let limit = limit as f64;
                    assert!(
                        slope(limit) < 0.01 && slope(-limit) < 0.01,
                        "{act}: flat beyond {limit}"
                    );
                    assert!(slope(limit / 2.0) > 0.01, "{act}: not flat at {}", limit / 2.0);
                }
                Flat::Nowhere => assert!((-30..=30).all(|i| slope(i as f64 * 0.1) > 0.005), "{act}"),
            }
        }
    }

    #[test]
    fn kinks_are_where_the_slope_or_its_slope_jumps() {
        for act in Activation::ALL {
            let h = 1e-4;
            let jump = (act.exact_slope(h) - act.exact_slope(-h)).abs();
            let curvature = |z: f64| (act.exact_slope(z + h) - act.exact_slope(z - h)) / (2.0 * h);
            let bends = (curvature(2.0 * h) - curvature(-2.0 * h)).abs();
            assert_eq!(
                act.has_kink(),
                jump > 1e-3 || bends > 0.5,
                "{act}: jump {jump}, bend {bends}"
            );
        }
    }
}
