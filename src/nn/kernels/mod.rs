//! The vector kernels every pass is built from, over slices that hold one
//! neuron's values across a batch (or, for a single sample, one layer's
//! values across its neurons).
//!
//! Each kernel has two forms. [`reference`] is plain scalar code that
//! spells out the order of every operation; with wasm SIMD (`simd128`) the
//! kernels run four lanes at a time, and each lane does exactly what the
//! reference does for that element, so results are bit-identical natively
//! and in the browser (a wasm test checks every kernel against its
//! reference). Whole runs can still differ in the last bits: `sin`, `exp`
//! and `ln` outside these kernels come from each platform's maths library.
//!
//! The element functions below (tanh, sigmoid, the exponential of ELU, and
//! every activation's derivative) are shared by both forms and by
//! [`crate::nn::Activation`], so a single neuron and a slice agree bit for bit.

pub mod reference;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd;

pub use reference::sum;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub use reference::{
    activate, activate_in_place, affine_rows, backprop, dot, matvec, matvec_transposed, outer, transposed_rows,
    weight_grads_rows,
};
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use simd::{
    activate, activate_in_place, affine_rows, backprop, dot, matvec, matvec_transposed, outer, transposed_rows,
    weight_grads_rows,
};

/// Rows of neuron-major buffers of more than one sample are padded to a
/// multiple of this many lanes.
pub const LANES: usize = 4;

/// The row length of a batch of `batch` samples: whole lanes, or exactly
/// one for a single sample, which the kernels run across neurons instead
/// ([`matvec`]), so that a step costs in proportion to its samples.
#[inline]
pub fn padded(batch: usize) -> usize {
    if batch == 1 {
        1
    } else {
        batch.div_ceil(LANES) * LANES
    }
}

/// Largest |x| the tanh approximation is evaluated at: there it gives
/// 0.99999976, within 3e−7 of tanh for every larger x, and never exceeds 1.
pub(crate) const TANH_CLAMP: f32 = 7.905_311;
/// Odd numerator and even denominator of the rational approximation
/// tanh x ≈ x·P(x²)/Q(x²) on [−9, 9] (the minimax fit Eigen uses for f32).
pub(crate) const TANH_P: [f32; 7] = [
    4.893_524_6e-3,
    6.372_619_3e-4,
    1.485_722_4e-5,
    5.122_297e-8,
    -8.604_672e-11,
    2.000_188e-13,
    -2.760_768_5e-16,
];
pub(crate) const TANH_Q: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];

/// Maximum absolute error of [`tanh`] against the standard library, as the
/// tests measure it over [−12, 12].
pub const TANH_MAX_ERROR: f32 = 2e-6;

/// tanh x by a rational approximation: no exp, no branch, a handful of
/// multiplies and one division.
#[inline]
pub fn tanh(x: f32) -> f32 {
    let x = x.clamp(-TANH_CLAMP, TANH_CLAMP);
    let x2 = x * x;
    let mut p = TANH_P[6];
    for &c in TANH_P[..6].iter().rev() {
        p = p * x2 + c;
    }
    let mut q = TANH_Q[3];
    for &c in TANH_Q[..3].iter().rev() {
        q = q * x2 + c;
    }
    x * p / q
}

/// The logistic function through the fast tanh: σ(x) = ½ + ½·tanh(x/2).
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    0.5 + 0.5 * tanh(0.5 * x)
}

/// Below this e^x (under 1.7e−38, about the smallest normal float) is taken as 0.
pub(crate) const EXP_FLOOR: f32 = -87.0;
/// ln 2 split in two, so that n·ln 2 is subtracted without rounding (Cody and Waite).
pub(crate) const LN2_HI: f32 = 0.693_359_4;
pub(crate) const LN2_LO: f32 = -2.121_944_4e-4;
/// e^r ≈ 1 + r + r²·P(r) on |r| ≤ ln 2 / 2 (Cephes' expf without its
/// last term, worth at most 1e−7 there).
pub(crate) const EXP_P: [f32; 5] = [0.5, 1.666_666_5e-1, 4.166_579_6e-2, 8.333_452e-3, 1.399_82e-3];

/// Maximum absolute error of [`elu`] against e^z − 1 for z ≤ 0, as the tests measure it.
pub const ELU_MAX_ERROR: f32 = 2e-7;

/// e^x for x ≤ 0 without the maths library: x = n·ln 2 + r, e^x = 2^n·e^r,
/// e^r by a polynomial. Relative error a few ulp; x below [`EXP_FLOOR`] gives 0.
#[inline]
pub fn exp_nonpositive(x: f32) -> f32 {
    // Below the floor, and NaN, give 0: as the SIMD form's mask does.
    if x < EXP_FLOOR || x.is_nan() {
        return 0.0;
    }
    let n = (x * std::f32::consts::LOG2_E).round_ties_even();
    let r = (x - n * LN2_HI) - n * LN2_LO;
    let last = EXP_P.len() - 1;
    let mut p = EXP_P[last];
    for &c in EXP_P[..last].iter().rev() {
        p = p * r + c;
    }
    let e = (p * (r * r) + r) + 1.0;
    e * f32::from_bits(((n as i32 + 127) << 23) as u32)
}

/// ReLU: z for z > 0, else 0.
#[inline]
pub fn relu(z: f32) -> f32 {
    if z > 0.0 {
        z
    } else {
        0.0
    }
}

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

/// Leaky ReLU: z for z > 0, else 0.01·z.
#[inline]
pub fn leaky_relu(z: f32) -> f32 {
    if z > 0.0 {
        z
    } else {
        z * LEAKY_SLOPE
    }
}

/// ELU: z for z > 0, else e^z − 1 (by [`exp_nonpositive`]).
#[inline]
pub fn elu(z: f32) -> f32 {
    if z > 0.0 {
        z
    } else {
        exp_nonpositive(z) - 1.0
    }
}

/// ∂L/∂z of ReLU from ∂L/∂a = g: g where z > 0, else 0.
#[inline]
pub fn relu_backprop(z: f32, g: f32) -> f32 {
    if z > 0.0 {
        g
    } else {
        0.0
    }
}

/// ∂L/∂z of leaky ReLU: g·1 where z > 0, else g·0.01.
#[inline]
pub fn leaky_relu_backprop(z: f32, g: f32) -> f32 {
    g * if z > 0.0 { 1.0 } else { LEAKY_SLOPE }
}

/// ∂L/∂z of ELU: g where z > 0, else g·(a + 1) (the slope e^z is a + 1).
#[inline]
pub fn elu_backprop(z: f32, a: f32, g: f32) -> f32 {
    if z > 0.0 {
        g
    } else {
        g * (a + 1.0)
    }
}

/// ∂L/∂z of tanh: g·(1 − a²).
#[inline]
pub fn tanh_backprop(a: f32, g: f32) -> f32 {
    g * (1.0 - a * a)
}

/// ∂L/∂z of the sigmoid: g·a·(1 − a).
#[inline]
pub fn sigmoid_backprop(a: f32, g: f32) -> f32 {
    (g * a) * (1.0 - a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Activation;

    #[test]
    fn fast_tanh_is_within_its_stated_error() {
        let mut worst = 0.0_f32;
        let mut x = -12.0_f32;
        while x <= 12.0 {
            worst = worst.max((tanh(x) - x.tanh()).abs());
            x += 1e-4;
        }
        assert!(worst <= TANH_MAX_ERROR, "max error {worst}");
        assert_eq!(tanh(0.0), 0.0);
        assert!(tanh(f32::INFINITY) <= 1.0 && tanh(-100.0) >= -1.0);
    }

    #[test]
    fn fast_sigmoid_is_close_to_the_logistic() {
        for i in -200..=200 {
            let x = i as f32 * 0.1;
            let exact = 1.0 / (1.0 + (-x as f64).exp());
            assert!((sigmoid(x) as f64 - exact).abs() < 1.5e-6, "x={x}");
        }
    }

    #[test]
    fn fast_elu_is_within_its_stated_error() {
        let mut worst = 0.0_f64;
        let mut z = -100.0_f32;
        while z <= 0.0 {
            worst = worst.max((elu(z) as f64 - (z as f64).exp_m1()).abs());
            z += 1e-4;
        }
        assert!(worst <= ELU_MAX_ERROR as f64, "max error {worst}");
        assert_eq!(elu(0.0), 0.0);
        assert_eq!(elu(-1000.0), -1.0);
        assert_eq!(exp_nonpositive(-87.5), 0.0);
        // The exponential alone keeps a small relative error down to e^−87.
        for z in [-0.3_f32, -5.0, -40.0, -86.0] {
            let rel = (exp_nonpositive(z) as f64 / (z as f64).exp() - 1.0).abs();
            assert!(rel < 1e-6, "e^{z}: relative error {rel}");
        }
    }

    #[test]
    fn slices_match_single_elements_bit_for_bit() {
        let z: Vec<f32> = (0..37).map(|i| (i as f32 - 18.0) * 0.37).collect();
        let g: Vec<f32> = (0..37).map(|i| (i as f32 * 0.7).sin()).collect();
        for act in Activation::ALL {
            let mut a = vec![0.0; z.len()];
            activate(act, &z, &mut a);
            let mut again = z.clone();
            activate_in_place(act, &mut again);
            let mut d = vec![0.0; z.len()];
            backprop(act, &z, &a, &g, &mut d);
            for i in 0..z.len() {
                assert_eq!(a[i].to_bits(), act.apply(z[i]).to_bits(), "{act} at {}", z[i]);
                assert_eq!(again[i].to_bits(), a[i].to_bits(), "{act} in place");
                let expected = g[i] * act.derivative(z[i], a[i]);
                assert!(
                    (d[i] - expected).abs() <= 1e-6 * expected.abs().max(1.0),
                    "{act} backprop"
                );
            }
        }
    }

    #[test]
    fn blocked_affine_and_its_transpose_match_plain_sums() {
        // 3 inputs, 2 outputs, rows of 20 lanes (one 16-block and one 4-block).
        let stride = 20;
        let x: Vec<f32> = (0..3 * stride).map(|v| (v as f32 * 0.37).sin()).collect();
        let w = [0.5, -1.0, 2.0, 0.25, 0.0, -0.75];
        let bias = [0.1, -0.2];
        let mut z = vec![0.0; 2 * stride];
        affine_rows(&x, &w, &bias, stride, &mut z);
        for j in 0..2 {
            for b in 0..stride {
                let expected = bias[j] + (0..3).map(|i| w[j * 3 + i] * x[i * stride + b]).sum::<f32>();
                assert!((z[j * stride + b] - expected).abs() < 1e-6);
            }
        }
        let mut d_x = vec![0.0; 3 * stride];
        transposed_rows(&z, &w, stride, &mut d_x);
        for i in 0..3 {
            for b in 0..stride {
                let expected: f32 = (0..2).map(|j| w[j * 3 + i] * z[j * stride + b]).sum();
                assert!((d_x[i * stride + b] - expected).abs() < 1e-6);
            }
        }
        let (mut gw, mut gb) = (vec![1.0; 2 * 3], vec![0.5; 2]);
        weight_grads_rows(&z, &x, stride, &mut gw, &mut gb);
        for j in 0..2 {
            assert!((gb[j] - 0.5 - z[j * stride..(j + 1) * stride].iter().sum::<f32>()).abs() < 1e-5);
            for i in 0..3 {
                let expected: f32 = (0..stride).map(|b| z[j * stride + b] * x[i * stride + b]).sum();
                assert!((gw[j * 3 + i] - 1.0 - expected).abs() < 1e-5);
            }
        }
        // Four inputs at once go through the transpose-add.
        let x4: Vec<f32> = (0..4 * 8).map(|v| (v as f32 * 0.11).cos()).collect();
        let d: Vec<f32> = (0..8).map(|v| v as f32 - 3.5).collect();
        let (mut gw4, mut gb4) = (vec![0.0; 4], vec![0.0]);
        weight_grads_rows(&d, &x4, 8, &mut gw4, &mut gb4);
        for i in 0..4 {
            let expected: f32 = (0..8).map(|b| d[b] * x4[i * 8 + b]).sum();
            assert!((gw4[i] - expected).abs() < 1e-5);
        }
        assert_eq!(padded(10), 12);
        assert_eq!(padded(12), 12);
        assert_eq!(padded(1), 1, "a single sample runs across neurons");
    }

    #[test]
    fn one_sample_kernels_match_the_batched_ones() {
        // 7 inputs, 5 outputs: a tail of 3 inputs beyond the lanes.
        let (inputs, outputs) = (7, 5);
        let x: Vec<f32> = (0..inputs).map(|v| (v as f32 * 0.9).cos()).collect();
        let w: Vec<f32> = (0..inputs * outputs).map(|v| (v as f32 * 0.31).sin()).collect();
        let bias: Vec<f32> = (0..outputs).map(|v| v as f32 * 0.1 - 0.2).collect();
        let mut z = vec![0.0; outputs];
        matvec(&x, &w, &bias, &mut z);
        // The same sample as lane 0 of a padded batch.
        let stride = LANES;
        let xb: Vec<f32> = (0..inputs * stride)
            .map(|k| if k % stride == 0 { x[k / stride] } else { 0.0 })
            .collect();
        let mut zb = vec![0.0; outputs * stride];
        affine_rows(&xb, &w, &bias, stride, &mut zb);
        for j in 0..outputs {
            assert!((z[j] - zb[j * stride]).abs() < 1e-6, "z[{j}]");
        }
        // Backwards from the batch's own values: the same sums in the same order.
        let z: Vec<f32> = (0..outputs).map(|j| zb[j * stride]).collect();
        let mut d_x = vec![0.0; inputs];
        matvec_transposed(&z, &w, &mut d_x);
        let mut d_xb = vec![0.0; inputs * stride];
        transposed_rows(&zb, &w, stride, &mut d_xb);
        for i in 0..inputs {
            assert_eq!(d_x[i].to_bits(), d_xb[i * stride].to_bits(), "d_x[{i}]");
        }
        let (mut gw, mut gb) = (vec![0.0; inputs * outputs], vec![0.0; outputs]);
        outer(&z, &x, &mut gw, &mut gb);
        for j in 0..outputs {
            assert_eq!(gb[j], z[j]);
            for i in 0..inputs {
                assert_eq!(gw[j * inputs + i], z[j] * x[i]);
            }
        }
    }

    #[test]
    fn dot_and_sum_agree_with_plain_loops() {
        let x: Vec<f32> = (0..11).map(|i| i as f32 * 0.5 - 2.0).collect();
        let y: Vec<f32> = (0..11).map(|i| 1.0 - i as f32 * 0.25).collect();
        let plain: f32 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        assert!((dot(&x, &y) - plain).abs() < 1e-5);
        assert!((sum(&x) - x.iter().sum::<f32>()).abs() < 1e-5);
    }
}
