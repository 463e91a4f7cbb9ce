//! The kernels in plain scalar code: what every lane of the SIMD forms
//! computes, operation for operation. Natively these are the kernels; in
//! the browser they are the reference a wasm test holds the SIMD forms to.

use super::{
    elu, elu_backprop, leaky_relu, leaky_relu_backprop, relu, relu_backprop, sigmoid, sigmoid_backprop, tanh,
    tanh_backprop, LANES,
};
use crate::nn::Activation;

/// Σ x·y, accumulated in four lanes (element b into lane b mod 4), the
/// lanes added ((l0 + l1) + l2) + l3, then the elements beyond the last
/// whole four added in order.
pub fn dot(x: &[f32], y: &[f32]) -> f32 {
    assert_eq!(x.len(), y.len(), "dot of slices of different lengths");
    let n4 = x.len() / 4 * 4;
    let mut acc = [0.0_f32; 4];
    for (xc, yc) in x[..n4].chunks_exact(4).zip(y[..n4].chunks_exact(4)) {
        for k in 0..4 {
            acc[k] += xc[k] * yc[k];
        }
    }
    let mut sum = ((acc[0] + acc[1]) + acc[2]) + acc[3];
    for i in n4..x.len() {
        sum += x[i] * y[i];
    }
    sum
}

/// Σ x, in the same lane order as [`dot`].
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

/// Checks the shapes the row kernels rely on (the SIMD forms load whole lanes).
pub(super) fn check_rows(x: &[f32], outputs_len: usize, stride: usize) {
    assert!(
        stride.is_multiple_of(LANES) && x.len().is_multiple_of(stride) && outputs_len.is_multiple_of(stride),
        "rows of {stride} lanes"
    );
}

/// z[j] = bias[j] + Σ_i w[j,i]·x[i] for every output j, where each x[i] and
/// z[j] is a row of `stride` lanes (a multiple of [`LANES`]) and w is
/// outputs × inputs. Each element starts from the bias and adds the inputs in order.
pub fn affine_rows(x: &[f32], w: &[f32], bias: &[f32], stride: usize, z: &mut [f32]) {
    let inputs = x.len() / stride;
    check_rows(x, z.len(), stride);
    assert!(bias.len() >= z.len() / stride && w.len() >= inputs * (z.len() / stride));
    for (j, zj) in z.chunks_exact_mut(stride).enumerate() {
        let wj = &w[j * inputs..(j + 1) * inputs];
        for (b, out) in zj.iter_mut().enumerate() {
            let mut acc = bias[j];
            for (i, &wji) in wj.iter().enumerate() {
                acc += wji * x[i * stride + b];
            }
            *out = acc;
        }
    }
}

/// d_x[i] = Σ_j w[j,i]·d_z[j]: the affine map's transpose, on rows of
/// `stride` lanes, with w outputs × inputs. Each element starts from 0 and
/// adds the outputs in order.
pub fn transposed_rows(d_z: &[f32], w: &[f32], stride: usize, d_x: &mut [f32]) {
    let outputs = d_z.len() / stride;
    let inputs = d_x.len() / stride;
    check_rows(d_z, d_x.len(), stride);
    assert!(w.len() >= outputs * inputs);
    for (i, dxi) in d_x.chunks_exact_mut(stride).enumerate() {
        for (b, out) in dxi.iter_mut().enumerate() {
            let mut acc = 0.0_f32;
            for j in 0..outputs {
                acc += w[j * inputs + i] * d_z[j * stride + b];
            }
            *out = acc;
        }
    }
}

/// g[j,i] += Σ_b d[j,b]·x[i,b] and gb[j] += Σ_b d[j,b] on rows of `stride`
/// lanes: the weight and bias gradients of an affine map. Four inputs are
/// reduced together, each sum added as (l0 + l2) + (l1 + l3) of its lanes;
/// the inputs beyond the last whole four by [`dot`].
pub fn weight_grads_rows(d: &[f32], x: &[f32], stride: usize, gw: &mut [f32], gb: &mut [f32]) {
    weight_grads_with(d, x, stride, gw, gb, dot4, dot);
}

/// [`weight_grads_rows`] with the given four-row and one-row dot products
/// (each form passes its own; generic, so that they are inlined rather than
/// called through a pointer at every row of a small layer).
#[inline(always)]
pub(super) fn weight_grads_with(
    d: &[f32],
    x: &[f32],
    stride: usize,
    gw: &mut [f32],
    gb: &mut [f32],
    dot4: impl Fn(&[f32], &[f32], usize) -> [f32; 4],
    dot: impl Fn(&[f32], &[f32]) -> f32,
) {
    let inputs = x.len() / stride;
    check_rows(x, d.len(), stride);
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

/// Σ_b d[b]·x_k[b] for the four rows x_0..x_3 of `x`, each in four lanes
/// added (l0 + l2) + (l1 + l3).
pub fn dot4(d: &[f32], x: &[f32], stride: usize) -> [f32; 4] {
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

/// z[j] = bias[j] + Σ_i w[j,i]·x[i] for one sample, across the inputs:
/// input i into lane i mod 4 over the whole fours, the lanes added
/// (l0 + l2) + (l1 + l3), then the inputs beyond the last whole four in
/// order, then the bias.
pub fn matvec(x: &[f32], w: &[f32], bias: &[f32], z: &mut [f32]) {
    let inputs = x.len();
    assert!(bias.len() >= z.len() && w.len() >= inputs * z.len());
    let n4 = inputs / 4 * 4;
    for (j, out) in z.iter_mut().enumerate() {
        let row = &w[j * inputs..(j + 1) * inputs];
        let mut acc = [0.0_f32; 4];
        for (rc, xc) in row[..n4].chunks_exact(4).zip(x[..n4].chunks_exact(4)) {
            for k in 0..4 {
                acc[k] += rc[k] * xc[k];
            }
        }
        let mut sum = (acc[0] + acc[2]) + (acc[1] + acc[3]);
        for i in n4..inputs {
            sum += row[i] * x[i];
        }
        *out = sum + bias[j];
    }
}

/// d_x[i] = Σ_j w[j,i]·d_z[j] for one sample: each element from 0, adding
/// the outputs in order (as [`transposed_rows`] does for each lane).
pub fn matvec_transposed(d_z: &[f32], w: &[f32], d_x: &mut [f32]) {
    let inputs = d_x.len();
    assert!(w.len() >= inputs * d_z.len());
    d_x.fill(0.0);
    for (j, &d) in d_z.iter().enumerate() {
        for (i, out) in d_x.iter_mut().enumerate() {
            *out += w[j * inputs + i] * d;
        }
    }
}

/// gw[j,i] += d[j]·x[i] and gb[j] += d[j]: the gradients of one sample.
pub fn outer(d: &[f32], x: &[f32], gw: &mut [f32], gb: &mut [f32]) {
    let inputs = x.len();
    for (j, &dj) in d.iter().enumerate() {
        gb[j] += dj;
        for (g, &xi) in gw[j * inputs..(j + 1) * inputs].iter_mut().zip(x) {
            *g += dj * xi;
        }
    }
}

/// a = f(z) element by element.
pub fn activate(act: Activation, z: &[f32], a: &mut [f32]) {
    assert_eq!(z.len(), a.len(), "activation of slices of different lengths");
    let f: fn(f32) -> f32 = match act {
        Activation::Linear => {
            a.copy_from_slice(z);
            return;
        }
        Activation::Relu => relu,
        Activation::LeakyRelu => leaky_relu,
        Activation::Elu => elu,
        Activation::Tanh => tanh,
        Activation::Sigmoid => sigmoid,
    };
    for (a, &z) in a.iter_mut().zip(z) {
        *a = f(z);
    }
}

/// v = f(v) element by element.
pub fn activate_in_place(act: Activation, v: &mut [f32]) {
    let f: fn(f32) -> f32 = match act {
        Activation::Linear => return,
        Activation::Relu => relu,
        Activation::LeakyRelu => leaky_relu,
        Activation::Elu => elu,
        Activation::Tanh => tanh,
        Activation::Sigmoid => sigmoid,
    };
    for v in v.iter_mut() {
        *v = f(*v);
    }
}

/// d_z = ∂L/∂z from z, a = f(z) and g = ∂L/∂a, element by element.
pub fn backprop(act: Activation, z: &[f32], a: &[f32], g: &[f32], d_z: &mut [f32]) {
    assert!(z.len() == d_z.len() && a.len() == d_z.len() && g.len() == d_z.len());
    match act {
        Activation::Linear => d_z.copy_from_slice(g),
        Activation::Relu => each2(z, g, d_z, relu_backprop),
        Activation::LeakyRelu => each2(z, g, d_z, leaky_relu_backprop),
        Activation::Tanh => each2(a, g, d_z, tanh_backprop),
        Activation::Sigmoid => each2(a, g, d_z, sigmoid_backprop),
        Activation::Elu => {
            for (((d, &z), &a), &g) in d_z.iter_mut().zip(z).zip(a).zip(g) {
                *d = elu_backprop(z, a, g);
            }
        }
    }
}

fn each2(p: &[f32], q: &[f32], out: &mut [f32], f: fn(f32, f32) -> f32) {
    for ((o, &p), &q) in out.iter_mut().zip(p).zip(q) {
        *o = f(p, q);
    }
}
