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
use super::kernels;
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
    /// Width of the layer's input.
    pub inputs: usize,
    /// Neurons in the layer.
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
    /// Per neuron: running average of the batch mean of z.
    pub mean: Vec<f32>,
    /// Per neuron: running average of the unbiased batch variance of z
    /// (n/(n − 1) times the one normalisation uses), as PyTorch keeps it.
    pub var: Vec<f32>,
}

/// A multilayer perceptron.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    /// The dense layers, hidden first, the output layer last.
    pub layers: Vec<Layer>,
    /// Every parameter in one vector; the layers hold offsets into it.
    pub params: Vec<f32>,
    /// The output head that turns the output layer's z into predictions.
    pub head: Head,
    /// One entry per layer; `None` where the layer has no batch norm.
    pub running: Vec<Option<RunningStats>>,
}

/// What one layer's forward pass recorded for the backward pass and the views.
///
/// Every buffer is neuron-major: neuron j's values over the batch sit
/// contiguously at `[j·stride, j·stride + batch)`, so each kernel runs across
/// samples. The row is padded to `stride`, a whole number of SIMD lanes; the
/// padding holds finite values whose gradients are always zero. A single
/// sample has rows of one (`stride` 1): its kernels run across neurons.
#[derive(Clone, Debug, Default)]
pub struct LayerTape {
    /// z = W·x + b, outputs × batch.
    pub z: Vec<f32>,
    /// Batch-normalised z (empty without batch norm).
    pub xhat: Vec<f32>,
    /// γ·x̂ + β, the activation's argument with batch norm (empty without:
    /// then z is the argument; see [`LayerTape::pre`]).
    pub pre: Vec<f32>,
    /// f(pre), before dropout.
    pub act: Vec<f32>,
    /// Dropout's keep mask already scaled by 1/(1 − p) (empty when not dropping).
    pub mask: Vec<f32>,
    /// act · mask: what the next layer sees (empty when not dropping).
    pub dropped: Vec<f32>,
    /// Per neuron: the mean of z batch norm used (the batch's or the running one).
    pub mean: Vec<f32>,
    /// Per neuron: the variance of z batch norm used (the batch's or the running one).
    pub var: Vec<f32>,
    /// Per neuron: 1/√(var + ε).
    pub inv_std: Vec<f32>,
}

impl LayerTape {
    /// The activation's argument: γ·x̂ + β with batch norm, z without.
    pub fn pre(&self) -> &[f32] {
        if self.pre.is_empty() {
            &self.z
        } else {
            &self.pre
        }
    }

    /// The values passed on to the next layer.
    pub fn output(&self) -> &[f32] {
        if self.mask.is_empty() {
            &self.act
        } else {
            &self.dropped
        }
    }
}

/// Buffers of [`Mlp::predict`], reused between calls: one layer's values
/// in, the next one's out.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    a: Vec<f32>,
    b: Vec<f32>,
    row: Vec<f32>,
}

/// Buffers of one batched forward pass, reused between passes.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    /// Samples in the batch.
    pub batch: usize,
    /// Row length of every neuron-major buffer: `batch` rounded up to whole lanes.
    pub stride: usize,
    /// The input batch, inputs × batch (neuron-major, like every layer).
    pub input: Vec<f32>,
    /// One record per layer, hidden first, the output layer last.
    pub layers: Vec<LayerTape>,
    /// The head's outputs, batch × outputs (one sample's outputs together).
    pub out: Vec<f32>,
    /// Backward scratch: ∂L/∂(layer output) and ∂L/∂z, widest layer × batch.
    d_out: Vec<f32>,
    d_z: Vec<f32>,
    /// One sample's logits or deltas.
    row: Vec<f32>,
}

impl Tape {
    /// Neuron `j` of layer `l` over the batch: its activation f(pre).
    pub fn activation(&self, l: usize, j: usize) -> &[f32] {
        self.row(&self.layers[l].act, j)
    }

    /// Neuron `j` of layer `l` over the batch: its pre-activation.
    pub fn pre_activation(&self, l: usize, j: usize) -> &[f32] {
        self.row(self.layers[l].pre(), j)
    }

    /// Input feature `i` over the batch.
    pub fn input_feature(&self, i: usize) -> &[f32] {
        self.row(&self.input, i)
    }

    /// The `batch` real values of row `j` of a neuron-major buffer.
    pub fn row<'a>(&self, buffer: &'a [f32], j: usize) -> &'a [f32] {
        &buffer[j * self.stride..j * self.stride + self.batch]
    }
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
            params[layer.biases..layer.biases + layer.outputs].fill(init.bias());
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

    /// Runs `batch` samples (rows of `input`, batch × inputs) through the
    /// network as training sees them, recording every layer on `tape`:
    /// dropout draws its masks from `rng`, batch norm uses the batch's statistics.
    pub fn forward_train(&self, input: &[f32], batch: usize, rng: &mut Rng, tape: &mut Tape) {
        self.forward(input, batch, Some(rng), tape);
    }

    /// Runs `batch` samples through the network as evaluation sees them:
    /// no dropout, batch norm on its running statistics. Nothing is random.
    pub fn forward_eval(&self, input: &[f32], batch: usize, tape: &mut Tape) {
        self.forward(input, batch, None, tape);
    }

    /// The forward pass; `train` holds the generator of dropout's masks in training.
    fn forward(&self, input: &[f32], batch: usize, mut train: Option<&mut Rng>, tape: &mut Tape) {
        let inputs = self.inputs();
        debug_assert_eq!(input.len(), batch * inputs);
        if batch == 0 {
            // Nothing to run: an empty tape (every layer's rows empty), and
            // no kernel sees rows of no lanes.
            tape.batch = 0;
            tape.stride = 0;
            tape.input.clear();
            tape.out.clear();
            tape.layers.resize_with(self.layers.len(), LayerTape::default);
            for t in &mut tape.layers {
                *t = LayerTape::default();
            }
            return;
        }
        let stride = kernels::padded(batch);
        tape.batch = batch;
        tape.stride = stride;
        tape.input.clear();
        tape.input.resize(stride * inputs, 0.0);
        for (b, row) in input.chunks_exact(inputs).enumerate() {
            for (i, &v) in row.iter().enumerate() {
                tape.input[i * stride + b] = v;
            }
        }
        tape.layers.resize_with(self.layers.len(), LayerTape::default);
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = tape.layers.split_at_mut(l);
            let x: &[f32] = if l == 0 { &tape.input } else { before[l - 1].output() };
            let t = &mut rest[0];
            let n = layer.outputs;
            let p = &self.params;
            resize(&mut t.z, stride * n);
            let (w, bias) = (&p[layer.weight_range()], &p[layer.biases..layer.biases + n]);
            if stride == 1 {
                kernels::matvec(x, w, bias, &mut t.z);
            } else {
                kernels::affine_rows(x, w, bias, stride, &mut t.z);
            }

            match layer.norm {
                Some((gamma, beta)) => {
                    resize(&mut t.pre, stride * n);
                    let (gamma, beta) = (&p[gamma..gamma + n], &p[beta..beta + n]);
                    resize(&mut t.xhat, stride * n);
                    resize(&mut t.mean, n);
                    resize(&mut t.var, n);
                    resize(&mut t.inv_std, n);
                    let stats = self.running[l].as_ref().expect("batch-norm layer has running stats");
                    for j in 0..n {
                        let zj = &t.z[j * stride..(j + 1) * stride];
                        let (mean, var) = if train.is_some() {
                            moments(&zj[..batch])
                        } else {
                            (stats.mean[j], stats.var[j])
                        };
                        let inv_std = 1.0 / (var + BN_EPS).sqrt();
                        (t.mean[j], t.var[j], t.inv_std[j]) = (mean, var, inv_std);
                        let xh = &mut t.xhat[j * stride..(j + 1) * stride];
                        let pre = &mut t.pre[j * stride..(j + 1) * stride];
                        for b in 0..stride {
                            xh[b] = (zj[b] - mean) * inv_std;
                            pre[b] = gamma[j] * xh[b] + beta[j];
                        }
                    }
                }
                None => t.pre.clear(),
            }

            resize(&mut t.act, stride * n);
            let pre = if t.pre.is_empty() { &t.z } else { &t.pre };
            layer.activation.apply_slice(pre, &mut t.act);

            if let (Some(rng), true) = (train.as_deref_mut(), layer.dropout > 0.0) {
                let keep = 1.0 - layer.dropout;
                resize(&mut t.mask, stride * n);
                resize(&mut t.dropped, stride * n);
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
        resize(&mut tape.row, k);
        let logits = &tape.layers.last().expect("a network has an output layer").act;
        self.head
            .activate_rows(logits, stride, batch, &mut tape.row, &mut tape.out);
    }

    /// The head outputs of `batch` samples (rows of `input`, batch × inputs)
    /// in evaluation mode into `out` (batch × outputs): bit for bit what
    /// [`Mlp::forward_eval`] leaves in its tape's `out`, but keeping only one
    /// layer at a time, so that a tile of the input plane stays in cache.
    pub fn predict(&self, input: &[f32], batch: usize, s: &mut Scratch, out: &mut [f32]) {
        if batch == 0 {
            return;
        }
        let inputs = self.inputs();
        let stride = kernels::padded(batch);
        s.a.clear();
        s.a.resize(stride * inputs, 0.0);
        for (b, row) in input.chunks_exact(inputs).take(batch).enumerate() {
            for (i, &v) in row.iter().enumerate() {
                s.a[i * stride + b] = v;
            }
        }
        for (l, layer) in self.layers.iter().enumerate() {
            let n = layer.outputs;
            let p = &self.params;
            resize(&mut s.b, stride * n);
            let (w, bias) = (&p[layer.weight_range()], &p[layer.biases..layer.biases + n]);
            if stride == 1 {
                kernels::matvec(&s.a, w, bias, &mut s.b);
            } else {
                kernels::affine_rows(&s.a, w, bias, stride, &mut s.b);
            }
            if let Some((gamma, beta)) = layer.norm {
                let stats = self.running[l].as_ref().expect("batch-norm layer has running stats");
                for (j, zj) in s.b.chunks_exact_mut(stride).enumerate() {
                    let inv_std = 1.0 / (stats.var[j] + BN_EPS).sqrt();
                    for z in zj.iter_mut() {
                        let xh = (*z - stats.mean[j]) * inv_std;
                        *z = p[gamma + j] * xh + p[beta + j];
                    }
                }
            }
            layer.activation.apply_in_place(&mut s.b);
            std::mem::swap(&mut s.a, &mut s.b);
        }
        let k = self.outputs();
        resize(&mut s.row, k);
        self.head.activate_rows(&s.a, stride, batch, &mut s.row, out);
    }

    /// Mean loss of the batch on `tape` against `targets`, without penalties.
    pub fn loss(&self, tape: &Tape, targets: &[f32]) -> f32 {
        let logits = &tape.layers.last().expect("a network has an output layer").act;
        let targets = &targets[..tape.batch.min(targets.len())];
        let mut sum = 0.0_f64;
        self.head
            .losses(logits, tape.stride, self.outputs(), &tape.out, targets, |_, l| {
                sum += l as f64
            });
        (sum / tape.batch as f64) as f32
    }

    /// Adds ∂(mean batch loss)/∂params to `grads` (which the caller zeroes),
    /// from a forward pass recorded on `tape`.
    pub fn backward(&self, tape: &mut Tape, targets: &[f32], grads: &mut [f32]) {
        self.backward_scaled(tape, targets, 1.0 / tape.batch as f32, grads);
    }

    /// Adds `scale` × ∂(summed loss of the samples on `tape`)/∂params to
    /// `grads`: with `scale` 1/B for each chunk of a batch of B, the chunks
    /// add up to the gradient of the batch's mean loss.
    pub fn backward_scaled(&self, tape: &mut Tape, targets: &[f32], scale: f32, grads: &mut [f32]) {
        let (batch, stride) = (tape.batch, tape.stride);
        let k = self.outputs();
        let widest = self.layers.iter().map(|l| l.outputs.max(l.inputs)).max().unwrap_or(0);
        resize(&mut tape.d_out, stride * widest);
        resize(&mut tape.d_z, stride * widest);
        resize(&mut tape.row, k);

        // ∂L/∂z of the output layer: the head's delta, averaged over the batch.
        // Padding lanes get zero, and so stay zero all the way down.
        tape.d_z[..stride * k].fill(0.0);
        for (b, (o, &y)) in tape.out.chunks_exact(k).zip(targets).enumerate() {
            self.head.delta(o, y, &mut tape.row);
            for j in 0..k {
                tape.d_z[j * stride + b] = tape.row[j] * scale;
            }
        }

        for l in (0..self.layers.len()).rev() {
            let layer = &self.layers[l];
            let (n, m) = (layer.outputs, layer.inputs);
            let t = &tape.layers[l];
            let d_z = &mut tape.d_z[..stride * n];

            if l + 1 < self.layers.len() {
                // d_out holds ∂L/∂(this layer's output); undo dropout, then f.
                let d_out = &tape.d_out[..stride * n];
                layer.activation.backprop_slice(t.pre(), &t.act, d_out, d_z);
                if !t.mask.is_empty() {
                    for (d, &m) in d_z.iter_mut().zip(&t.mask) {
                        *d *= m;
                    }
                }
                if let Some((gamma, beta)) = layer.norm {
                    batch_norm_backward(
                        d_z,
                        t,
                        &self.params[gamma..gamma + n],
                        (batch, stride),
                        grads,
                        (gamma, beta),
                    );
                }
            }

            // ∂L/∂W[j,i] = Σ_b d_z[j,b]·x[i,b], ∂L/∂b[j] = Σ_b d_z[j,b].
            let x: &[f32] = if l == 0 {
                &tape.input
            } else {
                tape.layers[l - 1].output()
            };
            let (gw, rest) = grads[layer.weights..].split_at_mut(n * m);
            if stride == 1 {
                kernels::outer(d_z, x, gw, &mut rest[..n]);
            } else {
                kernels::weight_grads_rows(d_z, x, stride, gw, &mut rest[..n]);
            }
            if layer.norm.is_some() {
                // Batch norm subtracts the batch mean, so b has no effect and
                // its true gradient is zero; left as round-off, Adam would
                // blow that noise up into steps of ±α.
                rest[..n].fill(0.0);
            }

            // ∂L/∂x[i] = Σ_j W[j,i]·d_z[j], for the layer below.
            if l > 0 {
                let w = &self.params[layer.weight_range()];
                if stride == 1 {
                    kernels::matvec_transposed(d_z, w, &mut tape.d_out[..m]);
                } else {
                    kernels::transposed_rows(d_z, w, stride, &mut tape.d_out[..stride * m]);
                }
            }
        }
    }

    /// Folds the batch statistics a training pass recorded into the running
    /// averages. The variance goes in unbiased, n/(n − 1) times the batch's,
    /// as PyTorch's `BatchNorm1d` keeps it, so an exported model evaluates alike.
    pub fn update_running_stats(&mut self, tape: &Tape) {
        let n = tape.batch as f32;
        let unbias = if tape.batch > 1 { n / (n - 1.0) } else { 1.0 };
        for (stats, t) in self.running.iter_mut().zip(&tape.layers) {
            if let Some(stats) = stats {
                for j in 0..stats.mean.len() {
                    stats.mean[j] += BN_MOMENTUM * (t.mean[j] - stats.mean[j]);
                    stats.var[j] += BN_MOMENTUM * (unbias * t.var[j] - stats.var[j]);
                }
            }
        }
    }

    /// Whether every parameter is finite: 0·p is 0 for a finite p and NaN
    /// otherwise, so one sum without branches tells.
    pub fn is_finite(&self) -> bool {
        let mut acc = [0.0_f32; 4];
        let chunks = self.params.chunks_exact(4);
        let rest = chunks.remainder().iter().fold(0.0, |a, &p| a + 0.0 * p);
        for c in chunks {
            for k in 0..4 {
                acc[k] += 0.0 * c[k];
            }
        }
        (acc[0] + acc[1] + acc[2] + acc[3] + rest) == 0.0
    }
}

/// Mean and (biased) variance of one neuron over the batch.
fn moments(z: &[f32]) -> (f32, f32) {
    let n = z.len() as f32;
    let mean = kernels::sum(z) / n;
    let var = z.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    (mean, var)
}

/// Turns ∂L/∂(γ·x̂ + β) in `d` into ∂L/∂z in place, and adds ∂L/∂γ, ∂L/∂β to `grads`.
///
/// ∂L/∂z = (1/B)·σ⁻¹·(B·g − Σg − x̂·Σ(g·x̂)) with g = γ·∂L/∂(γx̂ + β)
/// (Ioffe & Szegedy, 2015).
fn batch_norm_backward(
    d: &mut [f32],
    t: &LayerTape,
    gamma: &[f32],
    (batch, stride): (usize, usize),
    grads: &mut [f32],
    (gamma_at, beta_at): (usize, usize),
) {
    let nb = batch as f32;
    for (j, row) in d.chunks_exact_mut(stride).enumerate() {
        let dj = &mut row[..batch];
        let xh = &t.xhat[j * stride..j * stride + batch];
        let sum_d = kernels::sum(dj);
        let sum_dx = kernels::dot(dj, xh);
        grads[gamma_at + j] += sum_dx;
        grads[beta_at + j] += sum_d;
        let (sum_g, sum_gx) = (gamma[j] * sum_d, gamma[j] * sum_dx);
        let k = t.inv_std[j] / nb;
        for b in 0..batch {
            dj[b] = k * (nb * gamma[j] * dj[b] - sum_g - xh[b] * sum_gx);
        }
    }
}

/// Resizes a buffer, allocating only when it must grow.
fn resize(v: &mut Vec<f32>, len: usize) {
    v.resize(len, 0.0);
}
