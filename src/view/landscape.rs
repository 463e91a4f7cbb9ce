//! The loss landscape around a network's weights: the training loss over a
//! plane θ + α·d₁ + β·d₂ through them, and the path training took projected
//! onto that plane.
//!
//! The directions are either random and filter-normalised (Li et al. 2018,
//! "Visualizing the Loss Landscape of Neural Nets": each neuron's row of a
//! random direction is scaled to the norm of that neuron's weights, biases
//! left at zero), or the two principal directions of the training path, the
//! plane in which the path moved most. The grid is computed a few cells at a
//! time, so a page can spread it over frames.

use crate::nn::{Mlp, Tape};
use crate::random::{normal, seeded, Rng};
use crate::view::field::Field;

/// Rows a loss evaluation runs through the network at once.
const CHUNK: usize = 256;

/// How the plane's two directions are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directions {
    /// Random, filter-normalised.
    Random,
    /// The training path's two principal directions.
    Path,
}

named_enum!(Directions, "directions", [Random => "random", Path => "path"]);

/// A landscape being computed, and the plane it lies in.
#[derive(Clone, Debug)]
pub struct Landscape {
    /// Cells per side (odd, so that the middle cell is the weights themselves).
    pub size: usize,
    /// The plane spans α, β ∈ [−span, span].
    pub span: f64,
    center: Vec<f32>,
    d1: Vec<f32>,
    d2: Vec<f32>,
    mlp: Mlp,
    x: Vec<f32>,
    y: Vec<f32>,
    width: usize,
    tape: Tape,
    /// The loss at each cell computed so far, row by row from the top (largest β).
    values: Vec<f64>,
}

impl Landscape {
    /// The landscape of `mlp` on the points `x` (rows × `width`) with
    /// targets `y`. Random directions come from `seed`; path directions
    /// from `trail`, whose projections then set the span (`span` otherwise).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        mlp: &Mlp,
        x: &[f32],
        y: &[f32],
        width: usize,
        directions: Directions,
        trail: &[Vec<f32>],
        seed: u64,
        (size, span): (usize, f64),
    ) -> Landscape {
        let mut eval = mlp.clone();
        for layer in &mut eval.layers {
            layer.dropout = 0.0;
        }
        let center = mlp.params.clone();
        let (d1, d2, span) = match directions {
            Directions::Path if trail.len() >= 3 => {
                let (d1, d2) = principal(&center, trail);
                let reach = trail
                    .iter()
                    .map(|p| {
                        let [a, b] = project(&center, &d1, &d2, p);
                        a.abs().max(b.abs())
                    })
                    .fold(0.0_f64, f64::max);
                (d1, d2, (1.15 * reach).max(1e-3))
            }
            _ => {
                let mut rng = seeded(seed, 11);
                let d1 = filter_normalised(mlp, &mut rng);
                let d2 = filter_normalised(mlp, &mut rng);
                (d1, d2, span)
            }
        };
        Landscape {
            size: size | 1,
            span,
            center,
            d1,
            d2,
            mlp: eval,
            x: x.to_vec(),
            y: y.to_vec(),
            width,
            tape: Tape::default(),
            values: Vec::new(),
        }
    }

    /// Cell (row, col)'s coordinates (α, β): the cell centres of a Field over the window.
    fn coordinates(&self, cell: usize) -> [f64; 2] {
        let (row, col) = (cell / self.size, cell % self.size);
        let n = self.size as f64;
        let s = self.span;
        [
            -s + (col as f64 + 0.5) / n * 2.0 * s,
            s - (row as f64 + 0.5) / n * 2.0 * s,
        ]
    }

    /// The mean training loss at θ + α·d₁ + β·d₂, as evaluation sees the network.
    pub fn loss_at(&mut self, [a, b]: [f64; 2]) -> f64 {
        let (a, b) = (a as f32, b as f32);
        for (((p, c), u), v) in self.mlp.params.iter_mut().zip(&self.center).zip(&self.d1).zip(&self.d2) {
            *p = c + a * u + b * v;
        }
        let n = self.y.len();
        let mut sum = 0.0_f64;
        for start in (0..n).step_by(CHUNK) {
            let end = (start + CHUNK).min(n);
            let rows = end - start;
            self.mlp
                .forward_eval(&self.x[start * self.width..end * self.width], rows, &mut self.tape);
            sum += self.mlp.loss(&self.tape, &self.y[start..end]) as f64 * rows as f64;
        }
        sum / n.max(1) as f64
    }

    /// Computes cells until about `rows` rows have run through the network.
    /// Returns true once every cell is done.
    pub fn advance(&mut self, rows: usize) -> bool {
        let mut spent = 0;
        while self.values.len() < self.size * self.size && spent < rows.max(1) {
            let at = self.coordinates(self.values.len());
            let loss = self.loss_at(at);
            self.values.push(loss);
            spent += self.y.len().max(1);
        }
        self.done()
    }

    /// Whether every cell is computed.
    pub fn done(&self) -> bool {
        self.values.len() == self.size * self.size
    }

    /// The share of cells computed.
    pub fn progress(&self) -> f64 {
        self.values.len() as f64 / (self.size * self.size) as f64
    }

    /// The loss in the middle cell: the weights themselves.
    pub fn center_loss(&self) -> Option<f64> {
        self.values.get(self.size * self.size / 2).copied()
    }

    /// The finished grid as a field over [−span, span]², or None while computing.
    pub fn field(&self) -> Option<Field> {
        self.done().then(|| {
            let s = self.span;
            let window = ([-s, s], [-s, s]);
            let size = self.size;
            let values = &self.values;
            // The cell centres are exactly where they were computed.
            Field::sample(size, window, |[x, y]| {
                let col = (((x + s) / (2.0 * s)) * size as f64 - 0.5).round() as usize;
                let row = (((s - y) / (2.0 * s)) * size as f64 - 0.5).round() as usize;
                values[row.min(size - 1) * size + col.min(size - 1)]
            })
        })
    }

    /// Where parameters `p` fall on the plane: the least-squares (α, β) of p − θ.
    pub fn project(&self, p: &[f32]) -> [f64; 2] {
        project(&self.center, &self.d1, &self.d2, p)
    }
}

/// A random direction whose every neuron's row of weights has that
/// neuron's norm; biases (and batch norm's γ and β) are left at zero.
pub fn filter_normalised(mlp: &Mlp, rng: &mut Rng) -> Vec<f32> {
    let mut d = vec![0.0_f32; mlp.params.len()];
    for layer in &mlp.layers {
        let m = layer.inputs;
        for j in 0..layer.outputs {
            let row = layer.weights + j * m..layer.weights + (j + 1) * m;
            let weights = &mlp.params[row.clone()];
            let norm_w = weights.iter().map(|w| w * w).sum::<f32>().sqrt();
            let r: Vec<f32> = (0..m).map(|_| normal(rng)).collect();
            let norm_r = r.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
            for (slot, v) in d[row].iter_mut().zip(r) {
                *slot = v / norm_r * norm_w;
            }
        }
    }
    d
}

/// The least-squares coordinates (α, β) with p − c ≈ α·d₁ + β·d₂.
fn project(c: &[f32], d1: &[f32], d2: &[f32], p: &[f32]) -> [f64; 2] {
    let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for i in 0..c.len() {
        let (u, v, r) = (d1[i] as f64, d2[i] as f64, (p[i] - c[i]) as f64);
        a11 += u * u;
        a12 += u * v;
        a22 += v * v;
        b1 += u * r;
        b2 += v * r;
    }
    let det = a11 * a22 - a12 * a12;
    if det.abs() < 1e-30 {
        return [0.0, 0.0];
    }
    [(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det]
}

/// The two principal directions of the path's offsets from `center`, unit
/// length: the top eigenvectors of their Gram matrix, by power iteration.
fn principal(center: &[f32], trail: &[Vec<f32>]) -> (Vec<f32>, Vec<f32>) {
    let offsets: Vec<Vec<f64>> = trail
        .iter()
        .map(|p| p.iter().zip(center).map(|(a, c)| (a - c) as f64).collect())
        .collect();
    let t = offsets.len();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let gram: Vec<Vec<f64>> = (0..t)
        .map(|i| (0..t).map(|j| dot(&offsets[i], &offsets[j])).collect())
        .collect();
    let mut found: Vec<Vec<f64>> = Vec::new();
    for k in 0..2 {
        // Power iteration, deflated against the vectors found.
        let mut u: Vec<f64> = (0..t).map(|i| 1.0 + ((i * 7 + k * 3) % 5) as f64).collect();
        for _ in 0..200 {
            let mut next: Vec<f64> = (0..t).map(|i| dot(&gram[i], &u)).collect();
            for f in &found {
                let along = dot(&next, f);
                for (n, v) in next.iter_mut().zip(f) {
                    *n -= along * v;
                }
            }
            let norm = dot(&next, &next).sqrt();
            if norm < 1e-300 {
                break;
            }
            u = next.iter().map(|v| v / norm).collect();
        }
        found.push(u);
    }
    let direction = |u: &[f64]| {
        let mut d = vec![0.0_f64; center.len()];
        for (w, o) in u.iter().zip(&offsets) {
            for (slot, v) in d.iter_mut().zip(o) {
                *slot += w * v;
            }
        }
        let norm = dot(&d, &d).sqrt().max(1e-300);
        d.iter().map(|v| (v / norm) as f32).collect::<Vec<f32>>()
    };
    (direction(&found[0]), direction(&found[1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;
    use crate::config::Settings;
    use crate::train::trainer::Trainer;

    fn trained(query: &str, epochs: usize) -> Trainer {
        let (settings, errors) = from_query::<Settings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        let mut t = Trainer::new(&settings);
        for _ in 0..epochs {
            t.train_epoch();
        }
        t
    }

    fn landscape(t: &Trainer, directions: Directions) -> Landscape {
        let d = &t.data;
        Landscape::new(
            &t.members[0].mlp,
            &d.train.x,
            &d.train.y,
            d.width,
            directions,
            &t.trail,
            5,
            (9, 1.0),
        )
    }

    #[test]
    fn the_middle_of_the_landscape_is_the_current_training_loss() {
        for query in [
            "dataset=circle&layers=4,2",
            "dataset=blobs&classes=3&layers=6&dropout=0.3",
            "dataset=sin&layers=5",
        ] {
            let t = trained(query, 3);
            for directions in [Directions::Random, Directions::Path] {
                let mut l = landscape(&t, directions);
                while !l.advance(1000) {}
                let middle = l.center_loss().expect("computed");
                let train = t.history.last().expect("recorded").train.loss as f64;
                assert!(
                    (middle - train).abs() < 1e-5 * (1.0 + train),
                    "{query}: {middle} vs {train}"
                );
                // Away from the weights the loss differs.
                assert!(l
                    .field()
                    .expect("done")
                    .values
                    .iter()
                    .any(|&v| (v - middle).abs() > 1e-3));
            }
        }
    }

    #[test]
    fn directions_are_filter_normalised_and_biases_stay() {
        let t = trained("dataset=xor&layers=5,3", 1);
        let mlp = &t.members[0].mlp;
        let d = filter_normalised(mlp, &mut seeded(3, 0));
        for layer in &mlp.layers {
            for j in 0..layer.outputs {
                let row = layer.weights + j * layer.inputs..layer.weights + (j + 1) * layer.inputs;
                let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
                assert!((norm(&d[row.clone()]) - norm(&mlp.params[row])).abs() < 1e-5);
                assert_eq!(d[layer.biases + j], 0.0);
            }
        }
    }

    #[test]
    fn the_path_lies_in_its_own_principal_plane() {
        let t = trained("dataset=circle&layers=6&optimizer=adam&lr=0.03", 12);
        let l = landscape(&t, Directions::Path);
        // The last entry is the current weights: the origin.
        let [a, b] = l.project(t.trail.last().expect("a trail"));
        assert!(a.abs() < 1e-4 && b.abs() < 1e-4, "{a} {b}");
        // The start is far from it, and inside the window.
        let [a0, b0] = l.project(&t.trail[0]);
        assert!(a0.hypot(b0) > 0.1 * l.span && a0.abs() <= l.span && b0.abs() <= l.span);
    }
}
