//! The few vector kernels every pass is built from, over slices that hold
//! one neuron's values across a batch.
//!
//! With wasm SIMD (`simd128`) they run four lanes at a time; elsewhere the
//! same four-lane order is written out in scalar code, so that native and
//! browser runs add in the same order and give bit-identical results.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use core::arch::wasm32::*;

/// y ← y + a·x.
#[inline]
pub fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    debug_assert_eq!(x.len(), y.len());
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        let n4 = x.len() / 4 * 4;
        let av = f32x4_splat(a);
        for i in (0..n4).step_by(4) {
            // SAFETY: i + 4 ≤ n4 ≤ len of both slices; unaligned loads are allowed.
            unsafe {
                let xv = v128_load(x.as_ptr().add(i) as *const v128);
                let yp = y.as_mut_ptr().add(i) as *mut v128;
                v128_store(yp, f32x4_add(v128_load(yp), f32x4_mul(av, xv)));
            }
        }
        for i in n4..x.len() {
            y[i] += a * x[i];
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (y, &x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// Σ x·y, accumulated in four lanes then added lane 0 + 1 + 2 + 3.
#[inline]
pub fn dot(x: &[f32], y: &[f32]) -> f32 {
    debug_assert_eq!(x.len(), y.len());
    let n4 = x.len() / 4 * 4;
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let lanes = {
        let mut acc = f32x4_splat(0.0);
        for i in (0..n4).step_by(4) {
            // SAFETY: i + 4 ≤ n4 ≤ len of both slices.
            unsafe {
                let xv = v128_load(x.as_ptr().add(i) as *const v128);
                let yv = v128_load(y.as_ptr().add(i) as *const v128);
                acc = f32x4_add(acc, f32x4_mul(xv, yv));
            }
        }
        [
            f32x4_extract_lane::<0>(acc),
            f32x4_extract_lane::<1>(acc),
            f32x4_extract_lane::<2>(acc),
            f32x4_extract_lane::<3>(acc),
        ]
    };
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    let lanes = {
        let mut acc = [0.0_f32; 4];
        for (xc, yc) in x[..n4].chunks_exact(4).zip(y[..n4].chunks_exact(4)) {
            for k in 0..4 {
                acc[k] += xc[k] * yc[k];
            }
        }
        acc
    };
    let mut sum = ((lanes[0] + lanes[1]) + lanes[2]) + lanes[3];
    for i in n4..x.len() {
        sum += x[i] * y[i];
    }
    sum
}

/// Σ x, in the same lane order as [`dot`].
#[inline]
pub fn sum(x: &[f32]) -> f32 {
    let n4 = x.len() / 4 * 4;
    let mut acc = [0.0_f32; 4];
    for c in x[..n4].chunks_exact(4) {
        for k in 0..4 {
            acc[k] += c[k];
        }
    }
    let mut s = ((acc[0] + acc[1]) + acc[2]) + acc[3];
    for &v in &x[n4..] {
        s += v;
    }
    s
}

/// Largest |x| the tanh approximation is evaluated at: there it gives
/// 0.99999976, within 3e−7 of tanh for every larger x, and never exceeds 1.
const TANH_CLAMP: f32 = 7.905_311;
/// Odd numerator and even denominator of the rational approximation
/// tanh x ≈ x·P(x²)/Q(x²) on [−9, 9] (the minimax fit Eigen uses for f32).
const TANH_P: [f32; 7] = [
    4.893_524_6e-3,
    6.372_619_3e-4,
    1.485_722_4e-5,
    5.122_297e-8,
    -8.604_672e-11,
    2.000_188e-13,
    -2.760_768_5e-16,
];
const TANH_Q: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];

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

/// a ← tanh(z) over slices, four lanes at a time with wasm SIMD.
pub fn tanh_slice(z: &[f32], a: &mut [f32]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        let n4 = z.len() / 4 * 4;
        let lo = f32x4_splat(-TANH_CLAMP);
        let hi = f32x4_splat(TANH_CLAMP);
        for i in (0..n4).step_by(4) {
            // SAFETY: i + 4 ≤ n4 ≤ len of both slices.
            unsafe {
                let x = f32x4_pmin(f32x4_pmax(v128_load(z.as_ptr().add(i) as *const v128), lo), hi);
                let x2 = f32x4_mul(x, x);
                let mut p = f32x4_splat(TANH_P[6]);
                for &c in TANH_P[..6].iter().rev() {
                    p = f32x4_add(f32x4_mul(p, x2), f32x4_splat(c));
                }
                let mut q = f32x4_splat(TANH_Q[3]);
                for &c in TANH_Q[..3].iter().rev() {
                    q = f32x4_add(f32x4_mul(q, x2), f32x4_splat(c));
                }
                v128_store(a.as_mut_ptr().add(i) as *mut v128, f32x4_div(f32x4_mul(x, p), q));
            }
        }
        for i in n4..z.len() {
            a[i] = tanh(z[i]);
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (a, &z) in a.iter_mut().zip(z) {
        *a = tanh(z);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn slice_tanh_matches_scalar_tanh_bit_for_bit() {
        let z: Vec<f32> = (0..37).map(|i| (i as f32 - 18.0) * 0.37).collect();
        let mut a = vec![0.0; z.len()];
        tanh_slice(&z, &mut a);
        for (a, &z) in a.iter().zip(&z) {
            assert_eq!(a.to_bits(), tanh(z).to_bits());
        }
    }

    #[test]
    fn dot_axpy_and_sum_agree_with_plain_loops() {
        let x: Vec<f32> = (0..11).map(|i| i as f32 * 0.5 - 2.0).collect();
        let y: Vec<f32> = (0..11).map(|i| 1.0 - i as f32 * 0.25).collect();
        let plain: f32 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        assert!((dot(&x, &y) - plain).abs() < 1e-5);
        assert!((sum(&x) - x.iter().sum::<f32>()).abs() < 1e-5);
        let mut z = y.clone();
        axpy(2.0, &x, &mut z);
        for i in 0..11 {
            assert!((z[i] - (y[i] + 2.0 * x[i])).abs() < 1e-6);
        }
    }
}
