//! The few vector kernels every pass is built from, over slices that hold
//! one neuron's values across a batch.
//!
//! With wasm SIMD (`simd128`) they run four lanes at a time; elsewhere the
//! same four-lane order is written out in scalar code, so the kernels give
//! bit-identical results natively and in the browser. (Whole runs can still
//! differ in the last bits: `sin`, `exp` and `ln` come from each platform's
//! own maths library.)

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use core::arch::wasm32::*;

/// Σ x·y, accumulated in four lanes then added lane 0 + 1 + 2 + 3.
#[inline]
pub fn dot(x: &[f32], y: &[f32]) -> f32 {
    assert_eq!(x.len(), y.len(), "dot of slices of different lengths");
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

/// Rows of neuron-major buffers are padded to a multiple of this many lanes.
pub const LANES: usize = 4;

/// A batch of `batch` samples rounded up to whole lanes.
#[inline]
pub fn padded(batch: usize) -> usize {
    batch.div_ceil(LANES) * LANES
}

/// z[j] = bias[j] + Σ_i w[j,i]·x[i] for every output j, where each x[i] and
/// z[j] is a row of `stride` lanes (a multiple of [`LANES`]) and w is
/// outputs × inputs. Accumulators stay in registers across the inputs.
pub fn affine_rows(x: &[f32], w: &[f32], bias: &[f32], stride: usize, z: &mut [f32]) {
    let inputs = x.len() / stride;
    // The SIMD loads below rely on these; checked once per call.
    assert!(stride.is_multiple_of(LANES) && x.len().is_multiple_of(stride) && z.len().is_multiple_of(stride));
    assert!(bias.len() >= z.len() / stride && w.len() >= inputs * (z.len() / stride));
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    for (j, zj) in z.chunks_exact_mut(stride).enumerate() {
        let wj = &w[j * inputs..(j + 1) * inputs];
        let mut c = 0;
        // SAFETY: every load and store reads lanes c..c+4·k < stride of a row.
        unsafe {
            while c + 16 <= stride {
                let mut acc = [f32x4_splat(bias[j]); 4];
                for (i, &wji) in wj.iter().enumerate() {
                    let wv = f32x4_splat(wji);
                    let xp = x.as_ptr().add(i * stride + c);
                    for (k, a) in acc.iter_mut().enumerate() {
                        *a = f32x4_add(*a, f32x4_mul(wv, v128_load(xp.add(4 * k) as *const v128)));
                    }
                }
                for (k, a) in acc.iter().enumerate() {
                    v128_store(zj.as_mut_ptr().add(c + 4 * k) as *mut v128, *a);
                }
                c += 16;
            }
            while c < stride {
                let mut acc = f32x4_splat(bias[j]);
                for (i, &wji) in wj.iter().enumerate() {
                    let xv = v128_load(x.as_ptr().add(i * stride + c) as *const v128);
                    acc = f32x4_add(acc, f32x4_mul(f32x4_splat(wji), xv));
                }
                v128_store(zj.as_mut_ptr().add(c) as *mut v128, acc);
                c += 4;
            }
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (j, zj) in z.chunks_exact_mut(stride).enumerate() {
        let wj = &w[j * inputs..(j + 1) * inputs];
        for (c, zc) in zj.chunks_exact_mut(LANES).enumerate() {
            let mut acc = [bias[j]; LANES];
            for (i, &wji) in wj.iter().enumerate() {
                let xc = &x[i * stride + c * LANES..i * stride + (c + 1) * LANES];
                for k in 0..LANES {
                    acc[k] += wji * xc[k];
                }
            }
            zc.copy_from_slice(&acc);
        }
    }
}

/// d_x[i] = Σ_j w[j,i]·d_z[j]: the affine map's transpose, on rows of
/// `stride` lanes, with w outputs × inputs.
pub fn transposed_rows(d_z: &[f32], w: &[f32], stride: usize, d_x: &mut [f32]) {
    let outputs = d_z.len() / stride;
    let inputs = d_x.len() / stride;
    assert!(stride.is_multiple_of(LANES) && d_z.len().is_multiple_of(stride) && d_x.len().is_multiple_of(stride));
    assert!(w.len() >= outputs * inputs);
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    for (i, dxi) in d_x.chunks_exact_mut(stride).enumerate() {
        // SAFETY: every load and store reads lanes c..c+4 < stride of a row.
        unsafe {
            for c in (0..stride).step_by(LANES) {
                let mut acc = f32x4_splat(0.0);
                for j in 0..outputs {
                    let dv = v128_load(d_z.as_ptr().add(j * stride + c) as *const v128);
                    acc = f32x4_add(acc, f32x4_mul(f32x4_splat(w[j * inputs + i]), dv));
                }
                v128_store(dxi.as_mut_ptr().add(c) as *mut v128, acc);
            }
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (i, dxi) in d_x.chunks_exact_mut(stride).enumerate() {
        for (c, dc) in dxi.chunks_exact_mut(LANES).enumerate() {
            let mut acc = [0.0_f32; LANES];
            for j in 0..outputs {
                let dz = &d_z[j * stride + c * LANES..j * stride + (c + 1) * LANES];
                let wji = w[j * inputs + i];
                for k in 0..LANES {
                    acc[k] += wji * dz[k];
                }
            }
            dc.copy_from_slice(&acc);
        }
    }
}

/// g[j,i] += Σ_b d[j,b]·x[i,b] and gb[j] += Σ_b d[j,b] on rows of `stride`
/// lanes: the weight and bias gradients of an affine map. Four inputs are
/// reduced together, each sum added as (l0 + l2) + (l1 + l3) of its lanes.
pub fn weight_grads_rows(d: &[f32], x: &[f32], stride: usize, gw: &mut [f32], gb: &mut [f32]) {
    let inputs = x.len() / stride;
    assert!(stride.is_multiple_of(LANES) && d.len().is_multiple_of(stride) && x.len().is_multiple_of(stride));
    assert!(gb.len() >= d.len() / stride && gw.len() >= inputs * (d.len() / stride));
    for (j, dj) in d.chunks_exact(stride).enumerate() {
        gb[j] += sum(dj);
        let gj = &mut gw[j * inputs..(j + 1) * inputs];
        let quads = inputs / 4 * 4;
        for i in (0..quads).step_by(4) {
            let sums = dot4(dj, &x[i * stride..(i + 4) * stride], stride);
            for k in 0..4 {
                gj[i + k] += sums[k];
            }
        }
        for i in quads..inputs {
            gj[i] += dot(dj, &x[i * stride..(i + 1) * stride]);
        }
    }
}

/// Σ_b d[b]·x_k[b] for the four rows x_0..x_3 of `x`.
#[inline]
fn dot4(d: &[f32], x: &[f32], stride: usize) -> [f32; 4] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        let mut acc = [f32x4_splat(0.0); 4];
        // SAFETY: lanes c..c+4 < stride of d and of each of the four rows.
        unsafe {
            for c in (0..stride).step_by(LANES) {
                let dv = v128_load(d.as_ptr().add(c) as *const v128);
                for (k, a) in acc.iter_mut().enumerate() {
                    let xv = v128_load(x.as_ptr().add(k * stride + c) as *const v128);
                    *a = f32x4_add(*a, f32x4_mul(dv, xv));
                }
            }
        }
        // Transpose-add: lane k of the result is (l0 + l2) + (l1 + l3) of acc[k].
        let u = f32x4_add(
            i32x4_shuffle::<0, 1, 4, 5>(acc[0], acc[1]),
            i32x4_shuffle::<2, 3, 6, 7>(acc[0], acc[1]),
        );
        let v = f32x4_add(
            i32x4_shuffle::<0, 1, 4, 5>(acc[2], acc[3]),
            i32x4_shuffle::<2, 3, 6, 7>(acc[2], acc[3]),
        );
        let r = f32x4_add(i32x4_shuffle::<0, 2, 4, 6>(u, v), i32x4_shuffle::<1, 3, 5, 7>(u, v));
        [
            f32x4_extract_lane::<0>(r),
            f32x4_extract_lane::<1>(r),
            f32x4_extract_lane::<2>(r),
            f32x4_extract_lane::<3>(r),
        ]
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        let mut acc = [[0.0_f32; LANES]; 4];
        for c in (0..stride).step_by(LANES) {
            for (k, a) in acc.iter_mut().enumerate() {
                for l in 0..LANES {
                    a[l] += d[c + l] * x[k * stride + c + l];
                }
            }
        }
        acc.map(|a| (a[0] + a[2]) + (a[1] + a[3]))
    }
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
    assert_eq!(z.len(), a.len(), "tanh of slices of different lengths");
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
