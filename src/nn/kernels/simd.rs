//! The kernels four lanes at a time with wasm SIMD. Every lane does for its
//! element exactly what [`super::reference`] does, in the same order, so
//! the two forms agree bit for bit; elements beyond the last whole four go
//! through the reference's scalar element functions.

use super::reference::{check_rows, weight_grads_with};
use super::{
    elu, elu_backprop, leaky_relu, leaky_relu_backprop, relu, relu_backprop, sigmoid, sigmoid_backprop, tanh,
    tanh_backprop, EXP_FLOOR, EXP_P, LANES, LEAKY_SLOPE, LN2_HI, LN2_LO, TANH_CLAMP, TANH_P, TANH_Q,
};
use crate::nn::Activation;
use core::arch::wasm32::*;

/// Four lanes from `p`.
///
/// # Safety
/// `p..p + 4` must be readable.
#[inline(always)]
unsafe fn load(p: *const f32) -> v128 {
    v128_load(p as *const v128)
}

/// Four lanes to `p`.
///
/// # Safety
/// `p..p + 4` must be writable.
#[inline(always)]
unsafe fn store(p: *mut f32, v: v128) {
    v128_store(p as *mut v128, v)
}

#[inline(always)]
fn lanes(v: v128) -> [f32; 4] {
    [
        f32x4_extract_lane::<0>(v),
        f32x4_extract_lane::<1>(v),
        f32x4_extract_lane::<2>(v),
        f32x4_extract_lane::<3>(v),
    ]
}

/// See [`super::reference::dot`].
pub fn dot(x: &[f32], y: &[f32]) -> f32 {
    assert_eq!(x.len(), y.len(), "dot of slices of different lengths");
    let n4 = x.len() / 4 * 4;
    let mut acc = f32x4_splat(0.0);
    for i in (0..n4).step_by(4) {
        // SAFETY: i + 4 ≤ n4 ≤ len of both slices.
        unsafe {
            acc = f32x4_add(acc, f32x4_mul(load(x.as_ptr().add(i)), load(y.as_ptr().add(i))));
        }
    }
    let l = lanes(acc);
    let mut sum = ((l[0] + l[1]) + l[2]) + l[3];
    for i in n4..x.len() {
        sum += x[i] * y[i];
    }
    sum
}

/// See [`super::reference::affine_rows`]. Two outputs and sixteen lanes
/// at a time where they fit, so that each input row loaded serves two
/// outputs and the accumulators stay in registers across the inputs.
pub fn affine_rows(x: &[f32], w: &[f32], bias: &[f32], stride: usize, z: &mut [f32]) {
    let inputs = x.len() / stride;
    let outputs = z.len() / stride;
    check_rows(x, z.len(), stride);
    assert!(bias.len() >= outputs && w.len() >= inputs * outputs);
    let mut j = 0;
    // SAFETY: every load and store reads lanes c..c+4·k < stride of a row
    // of x (i < inputs) or of z (j + 1 < outputs).
    unsafe {
        while j + 2 <= outputs {
            let (w0, w1) = (&w[j * inputs..(j + 1) * inputs], &w[(j + 1) * inputs..(j + 2) * inputs]);
            let (z0, z1) = (z.as_mut_ptr().add(j * stride), z.as_mut_ptr().add((j + 1) * stride));
            let mut c = 0;
            while c + 16 <= stride {
                let mut a0 = [f32x4_splat(bias[j]); 4];
                let mut a1 = [f32x4_splat(bias[j + 1]); 4];
                for i in 0..inputs {
                    let (v0, v1) = (f32x4_splat(w0[i]), f32x4_splat(w1[i]));
                    let xp = x.as_ptr().add(i * stride + c);
                    for k in 0..4 {
                        let xv = load(xp.add(4 * k));
                        a0[k] = f32x4_add(a0[k], f32x4_mul(v0, xv));
                        a1[k] = f32x4_add(a1[k], f32x4_mul(v1, xv));
                    }
                }
                for k in 0..4 {
                    store(z0.add(c + 4 * k), a0[k]);
                    store(z1.add(c + 4 * k), a1[k]);
                }
                c += 16;
            }
            while c < stride {
                let (mut a0, mut a1) = (f32x4_splat(bias[j]), f32x4_splat(bias[j + 1]));
                for i in 0..inputs {
                    let xv = load(x.as_ptr().add(i * stride + c));
                    a0 = f32x4_add(a0, f32x4_mul(f32x4_splat(w0[i]), xv));
                    a1 = f32x4_add(a1, f32x4_mul(f32x4_splat(w1[i]), xv));
                }
                store(z0.add(c), a0);
                store(z1.add(c), a1);
                c += 4;
            }
            j += 2;
        }
        if j < outputs {
            let wj = &w[j * inputs..(j + 1) * inputs];
            let zj = z.as_mut_ptr().add(j * stride);
            for c in (0..stride).step_by(LANES) {
                let mut acc = f32x4_splat(bias[j]);
                for (i, &wji) in wj.iter().enumerate() {
                    acc = f32x4_add(acc, f32x4_mul(f32x4_splat(wji), load(x.as_ptr().add(i * stride + c))));
                }
                store(zj.add(c), acc);
            }
        }
    }
}

/// See [`super::reference::transposed_rows`].
pub fn transposed_rows(d_z: &[f32], w: &[f32], stride: usize, d_x: &mut [f32]) {
    let outputs = d_z.len() / stride;
    let inputs = d_x.len() / stride;
    check_rows(d_z, d_x.len(), stride);
    assert!(w.len() >= outputs * inputs);
    for (i, dxi) in d_x.chunks_exact_mut(stride).enumerate() {
        // SAFETY: every load and store reads lanes c..c+4 < stride of a row.
        unsafe {
            for c in (0..stride).step_by(LANES) {
                let mut acc = f32x4_splat(0.0);
                for j in 0..outputs {
                    acc = f32x4_add(
                        acc,
                        f32x4_mul(f32x4_splat(w[j * inputs + i]), load(d_z.as_ptr().add(j * stride + c))),
                    );
                }
                store(dxi.as_mut_ptr().add(c), acc);
            }
        }
    }
}

/// See [`super::reference::dot4`].
fn dot4(d: &[f32], x: &[f32], stride: usize) -> [f32; 4] {
    let mut acc = [f32x4_splat(0.0); 4];
    // SAFETY: lanes c..c+4 < stride of d and of each of the four rows.
    unsafe {
        for c in (0..stride).step_by(LANES) {
            let dv = load(d.as_ptr().add(c));
            for (k, a) in acc.iter_mut().enumerate() {
                *a = f32x4_add(*a, f32x4_mul(dv, load(x.as_ptr().add(k * stride + c))));
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
    lanes(f32x4_add(
        i32x4_shuffle::<0, 2, 4, 6>(u, v),
        i32x4_shuffle::<1, 3, 5, 7>(u, v),
    ))
}

/// See [`super::reference::weight_grads_rows`].
pub fn weight_grads_rows(d: &[f32], x: &[f32], stride: usize, gw: &mut [f32], gb: &mut [f32]) {
    weight_grads_with(d, x, stride, gw, gb, dot4, dot);
}

/// See [`super::reference::matvec`]: four outputs at a time share one
/// transpose-add of their lanes.
pub fn matvec(x: &[f32], w: &[f32], bias: &[f32], z: &mut [f32]) {
    let inputs = x.len();
    let outputs = z.len();
    assert!(bias.len() >= outputs && w.len() >= inputs * outputs);
    let n4 = inputs / 4 * 4;
    let mut j = 0;
    while j < outputs {
        let rows = (outputs - j).min(4);
        let mut acc = [f32x4_splat(0.0); 4];
        // SAFETY: i + 4 ≤ n4 ≤ inputs, within x and within each row j + k < outputs.
        unsafe {
            for i in (0..n4).step_by(4) {
                let xv = load(x.as_ptr().add(i));
                for (k, a) in acc.iter_mut().enumerate().take(rows) {
                    *a = f32x4_add(*a, f32x4_mul(load(w.as_ptr().add((j + k) * inputs + i)), xv));
                }
            }
        }
        // Lane k of the result is (l0 + l2) + (l1 + l3) of acc[k].
        let u = f32x4_add(
            i32x4_shuffle::<0, 1, 4, 5>(acc[0], acc[1]),
            i32x4_shuffle::<2, 3, 6, 7>(acc[0], acc[1]),
        );
        let v = f32x4_add(
            i32x4_shuffle::<0, 1, 4, 5>(acc[2], acc[3]),
            i32x4_shuffle::<2, 3, 6, 7>(acc[2], acc[3]),
        );
        let sums = lanes(f32x4_add(
            i32x4_shuffle::<0, 2, 4, 6>(u, v),
            i32x4_shuffle::<1, 3, 5, 7>(u, v),
        ));
        for k in 0..rows {
            let row = &w[(j + k) * inputs..(j + k + 1) * inputs];
            let mut sum = sums[k];
            for i in n4..inputs {
                sum += row[i] * x[i];
            }
            z[j + k] = sum + bias[j + k];
        }
        j += 4;
    }
}

/// See [`super::reference::matvec_transposed`]: four inputs at a time.
pub fn matvec_transposed(d_z: &[f32], w: &[f32], d_x: &mut [f32]) {
    let inputs = d_x.len();
    assert!(w.len() >= inputs * d_z.len());
    d_x.fill(0.0);
    let n4 = inputs / 4 * 4;
    for (j, &d) in d_z.iter().enumerate() {
        let row = &w[j * inputs..(j + 1) * inputs];
        let dv = f32x4_splat(d);
        // SAFETY: i + 4 ≤ n4 ≤ inputs, the length of d_x and of the row.
        unsafe {
            for i in (0..n4).step_by(4) {
                let acc = load(d_x.as_ptr().add(i));
                store(
                    d_x.as_mut_ptr().add(i),
                    f32x4_add(acc, f32x4_mul(load(row.as_ptr().add(i)), dv)),
                );
            }
        }
        for i in n4..inputs {
            d_x[i] += row[i] * d;
        }
    }
}

/// See [`super::reference::outer`]: four inputs at a time.
pub fn outer(d: &[f32], x: &[f32], gw: &mut [f32], gb: &mut [f32]) {
    let inputs = x.len();
    let n4 = inputs / 4 * 4;
    for (j, &dj) in d.iter().enumerate() {
        gb[j] += dj;
        let row = &mut gw[j * inputs..(j + 1) * inputs];
        let dv = f32x4_splat(dj);
        // SAFETY: i + 4 ≤ n4 ≤ inputs, the length of x and of the row.
        unsafe {
            for i in (0..n4).step_by(4) {
                let g = load(row.as_ptr().add(i));
                store(
                    row.as_mut_ptr().add(i),
                    f32x4_add(g, f32x4_mul(dv, load(x.as_ptr().add(i)))),
                );
            }
        }
        for i in n4..inputs {
            row[i] += dj * x[i];
        }
    }
}

/// tanh of four lanes, as [`super::tanh`].
#[inline(always)]
fn tanh4(z: v128) -> v128 {
    let x = f32x4_pmin(f32x4_pmax(z, f32x4_splat(-TANH_CLAMP)), f32x4_splat(TANH_CLAMP));
    let x2 = f32x4_mul(x, x);
    let mut p = f32x4_splat(TANH_P[6]);
    for &c in TANH_P[..6].iter().rev() {
        p = f32x4_add(f32x4_mul(p, x2), f32x4_splat(c));
    }
    let mut q = f32x4_splat(TANH_Q[3]);
    for &c in TANH_Q[..3].iter().rev() {
        q = f32x4_add(f32x4_mul(q, x2), f32x4_splat(c));
    }
    f32x4_div(f32x4_mul(x, p), q)
}

/// The sigmoid of four lanes, as [`super::sigmoid`].
#[inline(always)]
fn sigmoid4(x: v128) -> v128 {
    let half = f32x4_splat(0.5);
    f32x4_add(half, f32x4_mul(half, tanh4(f32x4_mul(half, x))))
}

/// e^x of four lanes, as [`super::exp_nonpositive`] but for lanes below
/// [`EXP_FLOOR`] (and NaN), which give e^EXP_FLOOR (1.6e−38) instead of 0:
/// ELU subtracts 1 from it, which gives −1 either way. (Lanes above 0
/// give values that ELU discards.)
#[inline(always)]
fn exp4(z: v128) -> v128 {
    let x = f32x4_pmax(f32x4_splat(EXP_FLOOR), z);
    let n = f32x4_nearest(f32x4_mul(x, f32x4_splat(std::f32::consts::LOG2_E)));
    let r = f32x4_sub(
        f32x4_sub(x, f32x4_mul(n, f32x4_splat(LN2_HI))),
        f32x4_mul(n, f32x4_splat(LN2_LO)),
    );
    let last = EXP_P.len() - 1;
    let mut p = f32x4_splat(EXP_P[last]);
    for &c in EXP_P[..last].iter().rev() {
        p = f32x4_add(f32x4_mul(p, r), f32x4_splat(c));
    }
    let e = f32x4_add(f32x4_add(f32x4_mul(p, f32x4_mul(r, r)), r), f32x4_splat(1.0));
    let scale = i32x4_shl(i32x4_add(i32x4_trunc_sat_f32x4(n), i32x4_splat(127)), 23);
    f32x4_mul(e, scale)
}

#[inline(always)]
fn positive(z: v128) -> v128 {
    f32x4_gt(z, f32x4_splat(0.0))
}

#[inline(always)]
fn relu4(z: v128) -> v128 {
    v128_and(z, positive(z))
}

#[inline(always)]
fn leaky4(z: v128) -> v128 {
    v128_bitselect(z, f32x4_mul(z, f32x4_splat(LEAKY_SLOPE)), positive(z))
}

#[inline(always)]
fn elu4(z: v128) -> v128 {
    v128_bitselect(z, f32x4_sub(exp4(z), f32x4_splat(1.0)), positive(z))
}

/// out = f(x), four lanes at a time, the tail by the scalar `s`.
#[inline(always)]
fn map(x: &[f32], out: &mut [f32], v: impl Fn(v128) -> v128, s: fn(f32) -> f32) {
    assert_eq!(x.len(), out.len(), "activation of slices of different lengths");
    let n4 = x.len() / 4 * 4;
    for i in (0..n4).step_by(4) {
        // SAFETY: i + 4 ≤ n4 ≤ len of both slices.
        unsafe { store(out.as_mut_ptr().add(i), v(load(x.as_ptr().add(i)))) };
    }
    for i in n4..x.len() {
        out[i] = s(x[i]);
    }
}

/// buf = f(buf), four lanes at a time.
#[inline(always)]
fn map_in_place(buf: &mut [f32], v: impl Fn(v128) -> v128, s: fn(f32) -> f32) {
    let n4 = buf.len() / 4 * 4;
    for i in (0..n4).step_by(4) {
        // SAFETY: i + 4 ≤ n4 ≤ len.
        unsafe {
            let p = buf.as_mut_ptr().add(i);
            store(p, v(load(p)));
        }
    }
    for x in &mut buf[n4..] {
        *x = s(*x);
    }
}

/// See [`super::reference::activate`].
pub fn activate(act: Activation, z: &[f32], a: &mut [f32]) {
    match act {
        Activation::Linear => a.copy_from_slice(z),
        Activation::Relu => map(z, a, relu4, relu),
        Activation::LeakyRelu => map(z, a, leaky4, leaky_relu),
        Activation::Elu => map(z, a, elu4, elu),
        Activation::Tanh => map(z, a, tanh4, tanh),
        Activation::Sigmoid => map(z, a, sigmoid4, sigmoid),
    }
}

/// See [`super::reference::activate_in_place`].
pub fn activate_in_place(act: Activation, v: &mut [f32]) {
    match act {
        Activation::Linear => {}
        Activation::Relu => map_in_place(v, relu4, relu),
        Activation::LeakyRelu => map_in_place(v, leaky4, leaky_relu),
        Activation::Elu => map_in_place(v, elu4, elu),
        Activation::Tanh => map_in_place(v, tanh4, tanh),
        Activation::Sigmoid => map_in_place(v, sigmoid4, sigmoid),
    }
}

/// out = f(p, q) lane by lane, the tail by the scalar `s`.
#[inline(always)]
fn map2(p: &[f32], q: &[f32], out: &mut [f32], v: impl Fn(v128, v128) -> v128, s: fn(f32, f32) -> f32) {
    let n4 = out.len() / 4 * 4;
    for i in (0..n4).step_by(4) {
        // SAFETY: i + 4 ≤ n4 ≤ len of all three slices (checked by the caller).
        unsafe {
            store(
                out.as_mut_ptr().add(i),
                v(load(p.as_ptr().add(i)), load(q.as_ptr().add(i))),
            )
        };
    }
    for i in n4..out.len() {
        out[i] = s(p[i], q[i]);
    }
}

/// See [`super::reference::backprop`].
pub fn backprop(act: Activation, z: &[f32], a: &[f32], g: &[f32], d_z: &mut [f32]) {
    assert!(z.len() == d_z.len() && a.len() == d_z.len() && g.len() == d_z.len());
    let one = f32x4_splat(1.0);
    match act {
        Activation::Linear => d_z.copy_from_slice(g),
        Activation::Relu => map2(z, g, d_z, |z, g| v128_and(g, positive(z)), relu_backprop),
        Activation::LeakyRelu => map2(
            z,
            g,
            d_z,
            |z, g| f32x4_mul(g, v128_bitselect(one, f32x4_splat(LEAKY_SLOPE), positive(z))),
            leaky_relu_backprop,
        ),
        Activation::Tanh => map2(
            a,
            g,
            d_z,
            |a, g| f32x4_mul(g, f32x4_sub(one, f32x4_mul(a, a))),
            tanh_backprop,
        ),
        Activation::Sigmoid => map2(
            a,
            g,
            d_z,
            |a, g| f32x4_mul(f32x4_mul(g, a), f32x4_sub(one, a)),
            sigmoid_backprop,
        ),
        Activation::Elu => {
            let n4 = d_z.len() / 4 * 4;
            for i in (0..n4).step_by(4) {
                // SAFETY: i + 4 ≤ n4 ≤ len of all four slices.
                unsafe {
                    let (zv, av, gv) = (
                        load(z.as_ptr().add(i)),
                        load(a.as_ptr().add(i)),
                        load(g.as_ptr().add(i)),
                    );
                    let d = v128_bitselect(gv, f32x4_mul(gv, f32x4_add(av, one)), positive(zv));
                    store(d_z.as_mut_ptr().add(i), d);
                }
            }
            for i in n4..d_z.len() {
                d_z[i] = elu_backprop(z[i], a[i], g[i]);
            }
        }
    }
}
