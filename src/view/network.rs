//! Geometry of the network diagram: where each edge runs, which edge lies
//! under the pointer, and how a weight looks (colour by sign, width by size).
//!
//! The page lays the nodes out with HTML and tells the core where each one
//! is; the core draws the edges between them and answers hit tests.

use crate::nn::Mlp;

/// Where one node sits on the edge canvas, in canvas pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeBox {
    /// Left edge of the node, where edges arrive.
    pub left: f32,
    /// Right edge of the node, where edges leave.
    pub right: f32,
    /// Vertical centre.
    pub y: f32,
}

/// An edge: weight W[to, from] of layer `layer` (0 = inputs to first hidden).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Index of the layer whose weight it is.
    pub layer: usize,
    /// Row of W: the neuron the edge enters.
    pub to: usize,
    /// Column of W: the node the edge leaves.
    pub from: usize,
}

/// The diagram: node boxes per column (inputs, each hidden layer, outputs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    /// Each column's node boxes, in node order.
    pub columns: Vec<Vec<NodeBox>>,
}

/// Largest |w| drawn at full width and strength.
pub const FULL_WEIGHT: f32 = 2.0;
/// Widest edge, in multiples of the base line width.
pub const MAX_WIDTH: f32 = 5.0;

impl Diagram {
    /// Reads boxes as flat [left, right, y] triples, column by column, for
    /// a network with `widths` nodes per column. Returns None if the counts
    /// do not match (the page laid out another network).
    pub fn from_flat(flat: &[f32], widths: &[usize]) -> Option<Diagram> {
        if flat.len() != 3 * widths.iter().sum::<usize>() {
            return None;
        }
        let mut boxes = flat.chunks_exact(3).map(|c| NodeBox {
            left: c[0],
            right: c[1],
            y: c[2],
        });
        let columns = widths.iter().map(|&n| boxes.by_ref().take(n).collect()).collect();
        Some(Diagram { columns })
    }

    /// Whether the diagram's columns fit `mlp`'s layers.
    pub fn fits(&self, mlp: &Mlp) -> bool {
        self.columns.len() == mlp.layers.len() + 1
            && self.columns[0].len() == mlp.inputs()
            && mlp
                .layers
                .iter()
                .zip(&self.columns[1..])
                .all(|(l, c)| c.len() == l.outputs)
    }

    /// The segment an edge is drawn along.
    pub fn segment(&self, e: Edge) -> ([f32; 2], [f32; 2]) {
        let a = self.columns[e.layer][e.from];
        let b = self.columns[e.layer + 1][e.to];
        ([a.right, a.y], [b.left, b.y])
    }

    /// Every edge, layer by layer.
    pub fn edges(&self) -> impl Iterator<Item = Edge> + '_ {
        (0..self.columns.len().saturating_sub(1)).flat_map(move |layer| {
            let (inputs, outputs) = (self.columns[layer].len(), self.columns[layer + 1].len());
            (0..outputs).flat_map(move |to| (0..inputs).map(move |from| Edge { layer, to, from }))
        })
    }

    /// The edge within `tolerance` pixels of (x, y), the nearest if several.
    pub fn edge_at(&self, x: f32, y: f32, tolerance: f32) -> Option<Edge> {
        self.edges()
            .map(|e| {
                let (a, b) = self.segment(e);
                (e, distance_to_segment([x, y], a, b))
            })
            .filter(|&(_, d)| d <= tolerance)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(e, _)| e)
    }
}

/// Distance from `p` to the segment a–b.
pub fn distance_to_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt()
}

/// How strongly a weight is drawn, in [0, 1]: |w| / FULL_WEIGHT, capped.
pub fn strength(w: f32) -> f32 {
    if w.is_finite() {
        (w.abs() / FULL_WEIGHT).min(1.0)
    } else {
        1.0
    }
}

/// The index of weight W[to, from] of `e.layer` in the flat parameters.
pub fn weight_index(mlp: &Mlp, e: Edge) -> usize {
    let l = &mlp.layers[e.layer];
    l.weights + e.to * l.inputs + e.from
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagram() -> Diagram {
        // Two inputs at x 0–10, three hidden at 100–110, one output at 200–210.
        let flat = [
            0.0, 10.0, 10.0, 0.0, 10.0, 50.0, //
            100.0, 110.0, 0.0, 100.0, 110.0, 30.0, 100.0, 110.0, 60.0, //
            200.0, 210.0, 30.0,
        ];
        Diagram::from_flat(&flat, &[2, 3, 1]).unwrap()
    }

    #[test]
    fn boxes_are_read_column_by_column() {
        let d = diagram();
        assert_eq!(d.columns.len(), 3);
        assert_eq!(d.columns[1][2].y, 60.0);
        assert!(Diagram::from_flat(&[0.0; 6], &[2, 3]).is_none());
        assert_eq!(d.edges().count(), 2 * 3 + 3);
    }

    #[test]
    fn the_edge_under_the_pointer_is_found() {
        let d = diagram();
        // Midway along input 1 (y 50) → hidden 2 (y 60).
        let e = d.edge_at(55.0, 55.0, 3.0).unwrap();
        assert_eq!(
            e,
            Edge {
                layer: 0,
                to: 2,
                from: 1
            }
        );
        // On hidden 1 (y 30) → output (y 30).
        assert_eq!(
            d.edge_at(150.0, 31.0, 3.0),
            Some(Edge {
                layer: 1,
                to: 0,
                from: 1
            })
        );
        assert_eq!(d.edge_at(150.0, 200.0, 3.0), None);
    }

    #[test]
    fn distances_to_segments() {
        assert!((distance_to_segment([5.0, 3.0], [0.0, 0.0], [10.0, 0.0]) - 3.0).abs() < 1e-6);
        assert!((distance_to_segment([-3.0, 4.0], [0.0, 0.0], [10.0, 0.0]) - 5.0).abs() < 1e-6);
        assert!((distance_to_segment([1.0, 1.0], [0.0, 0.0], [0.0, 0.0]) - 2f32.sqrt()).abs() < 1e-6);
    }

    #[test]
    fn strength_grows_with_size_and_caps() {
        assert_eq!(strength(0.0), 0.0);
        assert_eq!(strength(-1.0), 0.5);
        assert_eq!(strength(7.0), 1.0);
        assert_eq!(strength(f32::NAN), 1.0);
    }
}
