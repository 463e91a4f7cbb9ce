//! The input plane sampled on a square grid, for the heatmaps, and at the
//! probes where the network view's thumbnails read every neuron.

use super::pixels::THUMB_SIZE;
use crate::data::Prepared;

/// Cells per side of the output heatmap, as in TensorFlow Playground.
pub const GRID_SIZE: usize = 100;

/// A `size` × `size` grid of cell centres over a rectangle, with the
/// network inputs of every cell computed once per dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Cells per side (points along the line for a 1D grid).
    pub size: usize,
    /// [x1 min, x1 max] and [x2 min, x2 max].
    pub domain: ([f32; 2], [f32; 2]),
    /// Cell centres, row by row from the top (largest x2) down.
    pub points: Vec<[f32; 2]>,
    /// The network inputs of each cell, cells × features.
    pub inputs: Vec<f32>,
    /// Whether the grid is a 1D line (then the probes are its points).
    pub is_line: bool,
    /// The network inputs of each probe, probes × features: the centres of
    /// a thumbnail's THUMB_SIZE² pixels, row by row, or the line's points.
    pub probes: Vec<f32>,
}

impl Grid {
    /// A grid over `domain` whose inputs are featurised as `data`'s are.
    pub fn new(size: usize, domain: ([f32; 2], [f32; 2]), data: &Prepared) -> Grid {
        let mut grid = Grid::from_points(size, domain, centres(size, domain), data, false);
        data.featurize(&centres(THUMB_SIZE, domain), &mut grid.probes);
        grid
    }

    /// A 1D grid: `size` values of x1 across the domain, x2 = 0.
    pub fn line(size: usize, domain: ([f32; 2], [f32; 2]), data: &Prepared) -> Grid {
        let [x0, x1] = domain.0;
        let points: Vec<[f32; 2]> = (0..size)
            .map(|i| [x0 + i as f32 / (size - 1) as f32 * (x1 - x0), 0.0])
            .collect();
        let mut grid = Grid::from_points(size, domain, points, data, true);
        grid.probes = grid.inputs.clone();
        grid
    }

    fn from_points(
        size: usize,
        domain: ([f32; 2], [f32; 2]),
        points: Vec<[f32; 2]>,
        data: &Prepared,
        is_line: bool,
    ) -> Grid {
        let mut inputs = Vec::new();
        data.featurize(&points, &mut inputs);
        Grid {
            size,
            domain,
            points,
            inputs,
            is_line,
            probes: Vec::new(),
        }
    }

    /// Number of probes.
    pub fn probe_count(&self) -> usize {
        if self.is_line {
            self.cells()
        } else {
            THUMB_SIZE * THUMB_SIZE
        }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.points.len()
    }

    /// Where `p` falls on a canvas `w` × `h` pixels wide showing the domain.
    pub fn to_canvas(&self, p: [f32; 2], w: f64, h: f64) -> (f64, f64) {
        let ([x0, x1], [y0, y1]) = self.domain;
        (
            (p[0] - x0) as f64 / (x1 - x0) as f64 * w,
            (y1 - p[1]) as f64 / (y1 - y0) as f64 * h,
        )
    }
}

/// The centres of a `size` × `size` grid over `domain`, row by row from the
/// top (largest x2) down.
fn centres(size: usize, ([x0, x1], [y0, y1]): ([f32; 2], [f32; 2])) -> Vec<[f32; 2]> {
    let mut points = Vec::with_capacity(size * size);
    for row in 0..size {
        let y = y1 - (row as f32 + 0.5) / size as f32 * (y1 - y0);
        for col in 0..size {
            let x = x0 + (col as f32 + 0.5) / size as f32 * (x1 - x0);
            points.push([x, y]);
        }
    }
    points
}

/// Tick positions over [lo, hi]: a step of 1, 2 or 5 × 10^k giving about
/// `target` ticks, at whole multiples of the step.
pub fn ticks(lo: f32, hi: f32, target: usize) -> Vec<f32> {
    let span = (hi - lo).abs().max(1e-6);
    let raw = span / target.max(1) as f32;
    let power = 10f32.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f32 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DataSettings;

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        assert_eq!(ticks(-6.0, 6.0, 6), vec![-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0]);
        assert_eq!(ticks(-20.0, 300.0, 6), vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(ticks(0.0, 12.0, 6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]);
        assert_eq!(ticks(-2.0, 2.0, 4), vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
    }

    #[test]
    fn cells_run_left_to_right_top_to_bottom() {
        let data = Prepared::new(&DataSettings::default(), None, 1);
        let g = Grid::new(4, ([-6.0, 6.0], [-6.0, 6.0]), &data);
        assert_eq!(g.cells(), 16);
        assert_eq!(g.points[0], [-4.5, 4.5]);
        assert_eq!(g.points[3], [4.5, 4.5]);
        assert_eq!(g.points[15], [4.5, -4.5]);
        assert_eq!(g.inputs.len(), 32);
        let (x, y) = g.to_canvas([-6.0, 6.0], 400.0, 400.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
        let (x, y) = g.to_canvas([0.0, 0.0], 400.0, 400.0);
        assert!((x - 200.0).abs() < 1e-9 && (y - 200.0).abs() < 1e-9);
    }
}
