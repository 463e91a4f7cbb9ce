//! In the browser the kernels run four lanes at a time with wasm SIMD. Each
//! must give exactly, bit for bit, what its scalar reference gives (and so
//! what the same kernel gives natively), over lengths with and without a
//! tail beyond the last whole four and values across every activation's range.
#![cfg(target_arch = "wasm32")]

use neuroplay::nn::kernels::{self, reference};
use neuroplay::nn::Activation;
use neuroplay::random::{seeded, uniform};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn values(n: usize, spread: f32, seed: u64) -> Vec<f32> {
    let mut rng = seeded(seed, 5);
    (0..n).map(|_| uniform(&mut rng, -spread, spread)).collect()
}

fn same(a: &[f32], b: &[f32], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x.to_bits(), y.to_bits(), "{what}: element {i}: {x} vs {y}");
    }
}

#[wasm_bindgen_test]
fn every_activation_and_its_backprop_agree_with_the_reference() {
    for n in [1, 3, 4, 7, 16, 37, 129] {
        // Wide enough to reach tanh's clamp and ELU's floor.
        let z = values(n, 120.0, n as u64);
        let z_small = values(n, 3.0, 100 + n as u64);
        let g = values(n, 2.0, 200 + n as u64);
        for act in Activation::ALL {
            for z in [&z, &z_small] {
                let (mut fast, mut plain) = (vec![0.0; n], vec![0.0; n]);
                kernels::activate(act, z, &mut fast);
                reference::activate(act, z, &mut plain);
                same(&fast, &plain, &format!("{act} forward, {n}"));
                let mut in_place = z.clone();
                kernels::activate_in_place(act, &mut in_place);
                same(&in_place, &plain, &format!("{act} in place, {n}"));
                let (mut d_fast, mut d_plain) = (vec![0.0; n], vec![0.0; n]);
                kernels::backprop(act, z, &plain, &g, &mut d_fast);
                reference::backprop(act, z, &plain, &g, &mut d_plain);
                same(&d_fast, &d_plain, &format!("{act} backprop, {n}"));
            }
        }
    }
}

#[wasm_bindgen_test]
fn the_row_kernels_agree_with_the_reference() {
    for (inputs, outputs, stride) in [(2, 4, 4), (7, 5, 12), (8, 8, 16), (3, 32, 20), (32, 3, 36)] {
        let x = values(inputs * stride, 2.0, 1);
        let w = values(inputs * outputs, 1.0, 2);
        let bias = values(outputs, 0.5, 3);
        let (mut z, mut z_ref) = (vec![0.0; outputs * stride], vec![0.0; outputs * stride]);
        kernels::affine_rows(&x, &w, &bias, stride, &mut z);
        reference::affine_rows(&x, &w, &bias, stride, &mut z_ref);
        same(&z, &z_ref, "affine_rows");
        let (mut d, mut d_ref) = (vec![0.0; inputs * stride], vec![0.0; inputs * stride]);
        kernels::transposed_rows(&z, &w, stride, &mut d);
        reference::transposed_rows(&z, &w, stride, &mut d_ref);
        same(&d, &d_ref, "transposed_rows");
        let (mut gw, mut gb) = (values(inputs * outputs, 1.0, 4), values(outputs, 1.0, 5));
        let (mut gw_ref, mut gb_ref) = (gw.clone(), gb.clone());
        kernels::weight_grads_rows(&z, &x, stride, &mut gw, &mut gb);
        reference::weight_grads_rows(&z, &x, stride, &mut gw_ref, &mut gb_ref);
        same(&gw, &gw_ref, "weight_grads_rows");
        same(&gb, &gb_ref, "weight_grads_rows, biases");
    }
}

#[wasm_bindgen_test]
fn the_one_sample_kernels_agree_with_the_reference() {
    for (inputs, outputs) in [(1, 1), (2, 4), (7, 5), (8, 8), (32, 32), (13, 3)] {
        let x = values(inputs, 2.0, 6);
        let w = values(inputs * outputs, 1.0, 7);
        let bias = values(outputs, 0.5, 8);
        let (mut z, mut z_ref) = (vec![0.0; outputs], vec![0.0; outputs]);
        kernels::matvec(&x, &w, &bias, &mut z);
        reference::matvec(&x, &w, &bias, &mut z_ref);
        same(&z, &z_ref, "matvec");
        let (mut d, mut d_ref) = (vec![1.0; inputs], vec![2.0; inputs]);
        kernels::matvec_transposed(&z, &w, &mut d);
        reference::matvec_transposed(&z, &w, &mut d_ref);
        same(&d, &d_ref, "matvec_transposed");
        let (mut gw, mut gb) = (values(inputs * outputs, 1.0, 9), values(outputs, 1.0, 10));
        let (mut gw_ref, mut gb_ref) = (gw.clone(), gb.clone());
        kernels::outer(&z, &x, &mut gw, &mut gb);
        reference::outer(&z, &x, &mut gw_ref, &mut gb_ref);
        same(&gw, &gw_ref, "outer");
        same(&gb, &gb_ref, "outer, biases");
        assert_eq!(kernels::dot(&x, &x).to_bits(), reference::dot(&x, &x).to_bits(), "dot");
    }
}
