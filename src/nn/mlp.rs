//! The multilayer perceptron: flat parameters, a batched forward pass that
//! records a tape, and the backward pass that turns the tape into gradients.
//!
//! All parameters live in one vector, so optimisers, serialisation and
//! gradient checks see a single slice. Each [`Layer`] records where its
//! weights W (outputs × inputs, row-major), biases b and, with batch
//! normalisation, its scale γ and shift β sit in that vector.

use super::activation::Activation;
use super::head::Head;
use super::init::Init;
use crate::random::Rng;
use rand::RngExt;

/// Small constant added to the batch variance in batch normalisation.
pub const BN_EPS: f32 = 1e-5;
/// Weight of the newest batch in batch normalisation's running averages.
pub const BN_MOMENTUM: f32 = 0.1;

/// The shape of a network, before any parameter exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Architecture {
    /// Number of input features.
    pub inputs: usize,
    /// Neurons in each hidden layer.
    pub hidden: Vec<usize>,
    /// Activation of each hidden layer (same length as `hidden`).
    pub activations: Vec<Activation>,
    /// Number of output neurons.
    pub outputs: usize,
    /// The output head.
    pub head: Head,
    /// Inverted-dropout drop probability on hidden layers (0 = off).
    pub dropout: f32,
    /// Batch normalisation on hidden layers, before the activation.
    pub batch_norm: bool,
}

/// Where one dense layer's parameters sit, and how it transforms its input.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    /// The non-linearity; the output layer's is `Linear` (its head acts instead).
    pub activation: Activation,
    /// Offset of W in the parameter vector.
    pub weights: usize,
    /// Offset of b.
    pub biases: usize,
    /// Offsets of γ and β when the layer is batch-normalised.
    pub norm: Option<(usize, usize)>,
    /// Drop probability applied to this layer's outputs (0 = none).
    pub dropout: f32,
}

impl Layer {
    /// The range of this layer's weights (not biases) in the parameter vector.
    pub fn weight_range(&self) -> std::ops::Range<usize> {
        self.weights..self.weights + self.inputs * self.outputs
    }
}

/// Running averages of batch statistics, used by batch norm at evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct RunningStats {
    pub mean: Vec<f32>,
    pub var: Vec<f32>,
}

/// Whether a forward pass trains (dropout on, batch statistics) or evaluates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Train,
    Eval,
}

/// A multilayer perceptron.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    pub layers: Vec<Layer>,
    pub params: Vec<f32>,
    pub head: Head,
    /// One entry per layer; `None` where the layer has no batch norm.
    pub running: Vec<Option<RunningStats>>,
}

/// What one layer's forward pass recorded for the backward pass and the views.
#[derive(Clone, Debug, Default)]
pub struct LayerTape {
    /// z = W·x + b, batch × outputs.
    pub z: Vec<f32>,
    /// Batch-normalised z (empty without batch norm).
    pub xhat: Vec<f32>,
    /// The activation's argument: z, or γ·x̂ + β with batch norm.
    pub pre: Vec<f32>,
    /// f(pre), before dropout.
    pub act: Vec<f32>,
    /// Dropout's keep mask already scaled by 1/(1 − p) (empty when not dropping).
    pub mask: Vec<f32>,
    /// act · mask: what the next layer sees (empty when not dropping).
    pub dropped: Vec<f32>,
    /// Batch mean and 1/√(var + ε) of z (batch norm in training only).
    pub mean: Vec<f32>,
    pub var: Vec<f32>,
    pub inv_std: Vec<f32>,
}

impl LayerTape {
    /// The values passed on to the next layer.
    pub fn output(&self) -> &[f32] {
        if self.mask.is_empty() {
            &self.act
        } else {
            &self.dropped
        }
    }
}

/// Buffers of one batched forward pass, reused between passes.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    pub batch: usize,
    /// The input batch, batch × inputs.
    pub input: Vec<f32>,
    pub layers: Vec<LayerTape>,
    /// The head's outputs, batch × outputs.
    pub out: Vec<f32>,
    /// Backward scratch: ∂L/∂(layer output) and ∂L/∂z, batch × widest layer.
    d_out: Vec<f32>,
    d_z: Vec<f32>,
}

impl Mlp {
    /// Builds a network with parameters drawn by `init` from `rng`.
    pub fn new(arch: &Architecture, init: Init, rng: &mut Rng) -> Mlp {
        let mut layers = Vec::with_capacity(arch.hidden.len() + 1);
        let mut offset = 0;
        let mut inputs = arch.inputs;
        let widths = arch.hidden.iter().copied().chain([arch.outputs]);
        for (i, outputs) in widths.enumerate() {
            let hidden = i < arch.hidden.len();
            let weights = offset;
            let biases = weights + inputs * outputs;
            offset = biases + outputs;
            let norm = (hidden && arch.batch_norm).then(|| {
                offset += 2 * outputs;
                (biases + outputs, biases + 2 * outputs)
            });
            layers.push(Layer {
                inputs,
                outputs,
                activation: if hidden {
                    arch.activations[i]
                } else {
                    Activation::Linear
                },
                weights,
                biases,
                norm,
                dropout: if hidden { arch.dropout } else { 0.0 },
            });
            inputs = outputs;
        }
        let mut params = vec![0.0; offset];
        for layer in &layers {
            init.fill(&mut params[layer.weight_range()], layer.inputs, layer.outputs, rng);
            if let Some((gamma, _)) = layer.norm {
                params[gamma..gamma + layer.outputs].fill(1.0);
            }
        }
        let running = layers
            .iter()
            .map(|l| {
                l.norm.map(|_| RunningStats {
                    mean: vec![0.0; l.outputs],
                    var: vec![1.0; l.outputs],
                })
            })
            .collect();
        Mlp {
            layers,
            params,
            head: arch.head,
            running,
        }
    }

    /// Number of input features.
    pub fn inputs(&self) -> usize {
        self.layers[0].inputs
    }

    /// Number of output neurons.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.outputs)
    }

    /// Runs `batch` samples (rows of `input`) through the network, recording
    /// every layer on `tape`. In [`Mode::Train`], dropout draws its masks from
    /// `rng` and batch norm uses the batch's own statistics.
    pub fn forward(&self, input: &[f32], batch: usize, mode: Mode, rng: &mut Rng, tape: &mut Tape) {
        debug_assert_eq!(input.len(), batch * self.inputs());
        tape.batch = batch;
        tape.input.clear();
        tape.input.extend_from_slice(input);
        tape.layers.resize_with(self.layers.len(), LayerTape::default);
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = tape.layers.split_at_mut(l);
            let x: &[f32] = if l == 0 { &tape.input } else { before[l - 1].output() };
            let t = &mut rest[0];
            let n = layer.outputs;
            let p = &self.params;
            resize(&mut t.z, batch * n);
            affine(
                x,
                &p[layer.weight_range()],
                &p[layer.biases..layer.biases + n],
                layer.inputs,
                &mut t.z,
            );

            resize(&mut t.pre, batch * n);
            match layer.norm {
                Some((gamma, beta)) => {
                    let (gamma, beta) = (&p[gamma..gamma + n], &p[beta..beta + n]);
                    resize(&mut t.xhat, batch * n);
                    resize(&mut t.mean, n);
                    resize(&mut t.var, n);
                    resize(&mut t.inv_std, n);
                    if mode == Mode::Train {
                        column_moments(&t.z, n, &mut t.mean, &mut t.var);
                    } else {
                        let stats = self.running[l].as_ref().expect("batch-norm layer has running stats");
                        t.mean.copy_from_slice(&stats.mean);
                        t.var.copy_from_slice(&stats.var);
                    }
                    for j in 0..n {
                        t.inv_std[j] = 1.0 / (t.var[j] + BN_EPS).sqrt();
                    }
                    for (row, (xh, pre)) in
                        t.z.chunks_exact(n)
                            .zip(t.xhat.chunks_exact_mut(n).zip(t.pre.chunks_exact_mut(n)))
                    {
                        for j in 0..n {
                            xh[j] = (row[j] - t.mean[j]) * t.inv_std[j];
                            pre[j] = gamma[j] * xh[j] + beta[j];
                        }
                    }
                }
                None => t.pre.copy_from_slice(&t.z),
            }

            resize(&mut t.act, batch * n);
            layer.activation.apply_slice(&t.pre, &mut t.act);

            if mode == Mode::Train && layer.dropout > 0.0 {
                let keep = 1.0 - layer.dropout;
                resize(&mut t.mask, batch * n);
                resize(&mut t.dropped, batch * n);
                for m in t.mask.iter_mut() {
                    *m = if rng.random::<f32>() < keep { 1.0 / keep } else { 0.0 };
                }
                for ((d, &a), &m) in t.dropped.iter_mut().zip(&t.act).zip(&t.mask) {
                    *d = a * m;
                }
            } else {
                t.mask.clear();
                t.dropped.clear();
            }
        }
        let k = self.outputs();
        resize(&mut tape.out, batch * k);
        let logits = &tape.layers.last().expect("a network has an output layer").act;
        for (z, o) in logits.chunks_exact(k).zip(tape.out.chunks_exact_mut(k)) {
            self.head.activate(z, o);
        }
    }

    /// Mean loss of the batch on `tape` against `targets`, without penalties.
    pub fn loss(&self, tape: &Tape, targets: &[f32]) -> f32 {
        let k = self.outputs();
        let logits = &tape.layers.last().expect("a network has an output layer").act;
        let sum: f64 = logits
            .chunks_exact(k)
            .zip(targets)
            .map(|(z, &y)| self.head.loss(z, y) as f64)
            .sum();
        (sum / tape.batch as f64) as f32
    }

    /// Adds ∂(mean batch loss)/∂params to `grads` (which the caller zeroes),
    /// from a forward pass recorded on `tape`.
    pub fn backward(&self, tape: &mut Tape, targets: &[f32], grads: &mut [f32]) {
        let batch = tape.batch;
        let k = self.outputs();
        let scale = 1.0 / batch as f32;
        let widest = self.layers.iter().map(|l| l.outputs.max(l.inputs)).max().unwrap_or(0);
        resize(&mut tape.d_out, batch * widest);
        resize(&mut tape.d_z, batch * widest);

        // ∂L/∂z of the output layer: the head's delta, averaged over the batch.
        {
            let d_z = &mut tape.d_z[..batch * k];
            for ((o, &y), d) in tape.out.chunks_exact(k).zip(targets).zip(d_z.chunks_exact_mut(k)) {
                self.head.delta(o, y, d);
                d.iter_mut().for_each(|v| *v *= scale);
            }
        }

        for l in (0..self.layers.len()).rev() {
            let layer = &self.layers[l];
            let (n, m) = (layer.outputs, layer.inputs);
            let t = &tape.layers[l];
            let d_z = &mut tape.d_z[..batch * n];

            if l + 1 < self.layers.len() {
                // d_out holds ∂L/∂(this layer's output); undo dropout, then f.
                let d_out = &tape.d_out[..batch * n];
                for i in 0..batch * n {
                    let mut g = d_out[i];
                    if !t.mask.is_empty() {
                        g *= t.mask[i];
                    }
                    d_z[i] = g * layer.activation.derivative(t.pre[i], t.act[i]);
                }
                if let Some((gamma, beta)) = layer.norm {
                    batch_norm_backward(d_z, t, &self.params[gamma..gamma + n], n, grads, gamma, beta);
                }
            }

            // ∂L/∂W = Σ_b d_z[b]ᵀ x[b], ∂L/∂b = Σ_b d_z[b].
            let x: &[f32] = if l == 0 {
                &tape.input
            } else {
                tape.layers[l - 1].output()
            };
            let (gw, rest) = grads[layer.weights..].split_at_mut(n * m);
            let gb = &mut rest[..n];
            for (dz_row, x_row) in d_z.chunks_exact(n).zip(x.chunks_exact(m)) {
                for j in 0..n {
                    let g = dz_row[j];
                    gb[j] += g;
                    for (w, &xi) in gw[j * m..(j + 1) * m].iter_mut().zip(x_row) {
                        *w += g * xi;
                    }
                }
            }

            // ∂L/∂x = d_z · W, for the layer below.
            if l > 0 {
                let w = &self.params[layer.weight_range()];
                let d_x = &mut tape.d_out[..batch * m];
                for (dz_row, dx_row) in d_z.chunks_exact(n).zip(d_x.chunks_exact_mut(m)) {
                    dx_row.fill(0.0);
                    for j in 0..n {
                        let g = dz_row[j];
                        for (dx, &wji) in dx_row.iter_mut().zip(&w[j * m..(j + 1) * m]) {
                            *dx += g * wji;
                        }
                    }
                }
            }
        }
    }

    /// Folds the batch statistics a training pass recorded into the running averages.
    pub fn update_running_stats(&mut self, tape: &Tape) {
        for (stats, t) in self.running.iter_mut().zip(&tape.layers) {
            if let Some(stats) = stats {
                for j in 0..stats.mean.len() {
                    stats.mean[j] += BN_MOMENTUM * (t.mean[j] - stats.mean[j]);
                    stats.var[j] += BN_MOMENTUM * (t.var[j] - stats.var[j]);
                }
            }
        }
    }

    /// Whether every parameter is finite.
    pub fn is_finite(&self) -> bool {
        self.params.iter().all(|p| p.is_finite())
    }
}

/// z[b] = W·x[b] + bias for each row b, with W stored outputs × inputs.
fn affine(x: &[f32], w: &[f32], bias: &[f32], inputs: usize, z: &mut [f32]) {
    let n = bias.len();
    for (x_row, z_row) in x.chunks_exact(inputs).zip(z.chunks_exact_mut(n)) {
        for j in 0..n {
            let w_row = &w[j * inputs..(j + 1) * inputs];
            z_row[j] = bias[j] + w_row.iter().zip(x_row).map(|(w, x)| w * x).sum::<f32>();
        }
    }
}

/// Per-column mean and (biased) variance of a batch × n matrix.
fn column_moments(z: &[f32], n: usize, mean: &mut [f32], var: &mut [f32]) {
    let batch = (z.len() / n) as f32;
    mean.fill(0.0);
    var.fill(0.0);
    for row in z.chunks_exact(n) {
        for j in 0..n {
            mean[j] += row[j];
        }
    }
    mean.iter_mut().for_each(|m| *m /= batch);
    for row in z.chunks_exact(n) {
        for j in 0..n {
            var[j] += (row[j] - mean[j]).powi(2);
        }
    }
    var.iter_mut().for_each(|v| *v /= batch);
}

/// Turns ∂L/∂(γ·x̂ + β) in `d` into ∂L/∂z in place, and adds ∂L/∂γ, ∂L/∂β to `grads`.
///
/// ∂L/∂z = (1/B)·σ⁻¹·(B·g − Σg − x̂·Σ(g·x̂)) with g = γ·∂L/∂(γx̂ + β)
/// (Ioffe & Szegedy, 2015).
fn batch_norm_backward(
    d: &mut [f32],
    t: &LayerTape,
    gamma: &[f32],
    n: usize,
    grads: &mut [f32],
    gamma_at: usize,
    beta_at: usize,
) {
    let batch = (d.len() / n) as f32;
    let mut sum_g = vec![0.0_f32; n];
    let mut sum_gx = vec![0.0_f32; n];
    for (d_row, xh_row) in d.chunks_exact(n).zip(t.xhat.chunks_exact(n)) {
        for j in 0..n {
            grads[gamma_at + j] += d_row[j] * xh_row[j];
            grads[beta_at + j] += d_row[j];
            let g = d_row[j] * gamma[j];
            sum_g[j] += g;
            sum_gx[j] += g * xh_row[j];
        }
    }
    for (d_row, xh_row) in d.chunks_exact_mut(n).zip(t.xhat.chunks_exact(n)) {
        for j in 0..n {
            let g = d_row[j] * gamma[j];
            d_row[j] = t.inv_std[j] / batch * (batch * g - sum_g[j] - xh_row[j] * sum_gx[j]);
        }
    }
}

/// Resizes a buffer, allocating only when it must grow.
fn resize(v: &mut Vec<f32>, len: usize) {
    v.resize(len, 0.0);
}
