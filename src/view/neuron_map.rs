//! One neuron's map, enlarged: its output at every cell of the output
//! view's grid (the thumbnail reads only THUMB_SIZE² probes), coloured by
//! the thumbnail's rule, for the panel that shows a neuron large.

use super::grid::Grid;
use super::pixels::{fill_curve_thumbnail, fill_scaled};
use crate::nn::{Mlp, Tape};

/// Pixels per side of a 1D neuron's enlarged response curve.
pub const CURVE_MAP_SIZE: usize = 160;

/// The enlarged map of one neuron and the buffers it is computed in.
#[derive(Debug, Default)]
pub struct NeuronMap {
    /// Pixels per side of `rgba`.
    pub size: usize,
    /// `size`² RGBA pixels, row by row from the top (largest x2) down.
    pub rgba: Vec<u8>,
    /// The network's forward pass over the grid's cells.
    tape: Tape,
}

impl NeuronMap {
    /// Fills the map of neuron `j` of `layer` (0 = the first hidden layer;
    /// the output layer last) of `mlp` over `grid`, in evaluation mode: a
    /// heatmap of the grid's cells, or for a 1D grid the response curve.
    /// Returns false, the map unchanged, when `mlp` has no such neuron.
    pub fn fill(&mut self, mlp: &Mlp, grid: &Grid, layer: usize, j: usize) -> bool {
        if mlp.layers.get(layer).is_none_or(|l| j >= l.outputs) {
            return false;
        }
        mlp.forward_eval(&grid.inputs, grid.cells(), &mut self.tape);
        let values = self.tape.activation(layer, j);
        self.size = if grid.is_line { CURVE_MAP_SIZE } else { grid.size };
        self.rgba.resize(self.size * self.size * 4, 0);
        if grid.is_line {
            fill_curve_thumbnail(values, self.size, &mut self.rgba);
        } else {
            fill_scaled(values, &mut self.rgba);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::train::Trainer;
    use crate::view::colormap::diverging;
    use crate::view::GRID_SIZE;

    fn trainer(query: &str) -> Trainer {
        Trainer::new(&Settings::from_query(query).0)
    }

    /// The colour at `cell` of a map.
    fn pixel(map: &NeuronMap, cell: usize) -> [u8; 3] {
        [map.rgba[cell * 4], map.rgba[cell * 4 + 1], map.rgba[cell * 4 + 2]]
    }

    fn near(a: [u8; 3], b: [u8; 3]) -> bool {
        a.iter().zip(b).all(|(&x, y)| x.abs_diff(y) <= 3)
    }

    #[test]
    fn each_cell_shows_the_neurons_output_at_that_point_of_the_plane() {
        // One tanh neuron with hand-set weights: f(0.5·x₁ − 0.25·x₂ + 0.1).
        let mut t = trainer("dataset=xor&layers=1&activation=tanh&features=x1,x2");
        t.set_weight(0, 0, 0, 0.5).unwrap();
        t.set_weight(0, 0, 1, -0.25).unwrap();
        t.set_bias(0, 0, 0.1).unwrap();
        let grid = Grid::new(GRID_SIZE, ([-6.0, 6.0], [-6.0, 6.0]), &t.data);
        let mut map = NeuronMap::default();
        assert!(map.fill(&t.members[0].mlp, &grid, 0, 0));
        assert_eq!((map.size, map.rgba.len()), (GRID_SIZE, GRID_SIZE * GRID_SIZE * 4));
        for cell in [0, 99, 4321, 5050, 9999] {
            let [x1, x2] = grid.points[cell];
            let value = (0.5 * x1 as f64 - 0.25 * x2 as f64 + 0.1).tanh() as f32;
            assert!(
                near(pixel(&map, cell), diverging(value)),
                "cell {cell} at ({x1}, {x2}): {value}"
            );
        }
        // The top-left corner (−, +) is orange (negative), the bottom-right blue.
        let (corner, opposite) = (pixel(&map, 0), pixel(&map, GRID_SIZE * GRID_SIZE - 1));
        assert!(
            corner[0] > corner[2] && opposite[2] > opposite[0],
            "{corner:?} {opposite:?}"
        );
    }

    #[test]
    fn unbounded_outputs_are_scaled_by_their_largest_size() {
        // A linear neuron 2·x₁ reaches 2·5.94 at the grid's edge: the edge is the map's end.
        let mut t = trainer("dataset=xor&layers=1&activation=linear&features=x1,x2");
        t.set_weight(0, 0, 0, 2.0).unwrap();
        t.set_weight(0, 0, 1, 0.0).unwrap();
        t.set_bias(0, 0, 0.0).unwrap();
        let grid = Grid::new(GRID_SIZE, ([-6.0, 6.0], [-6.0, 6.0]), &t.data);
        let mut map = NeuronMap::default();
        assert!(map.fill(&t.members[0].mlp, &grid, 0, 0));
        assert_eq!(
            pixel(&map, GRID_SIZE - 1),
            diverging(1.0),
            "the largest value is the end of the map"
        );
        let half = grid.points[GRID_SIZE - 1][0] / 2.0;
        let cell = (0..GRID_SIZE).min_by(|&a, &b| {
            (grid.points[a][0] - half)
                .abs()
                .total_cmp(&(grid.points[b][0] - half).abs())
        });
        let expected = diverging(grid.points[cell.unwrap()][0] / grid.points[GRID_SIZE - 1][0]);
        assert!(near(pixel(&map, cell.unwrap()), expected));
    }

    #[test]
    fn a_neuron_the_network_lacks_leaves_the_map_as_it_was() {
        let t = trainer("dataset=xor&layers=3");
        let grid = Grid::new(GRID_SIZE, ([-6.0, 6.0], [-6.0, 6.0]), &t.data);
        let mut map = NeuronMap::default();
        let mlp = &t.members[0].mlp;
        assert!(!map.fill(mlp, &grid, 0, 3), "layer 1 has three neurons");
        assert!(!map.fill(mlp, &grid, 2, 0), "and the output layer is layer 2");
        assert!(map.rgba.is_empty());
        assert!(map.fill(mlp, &grid, 1, 0), "the output neuron has a map");
    }

    #[test]
    fn a_1d_neuron_is_its_response_curve_drawn_large() {
        let t = trainer("dataset=sin&layers=4");
        let grid = Grid::line(240, ([-6.0, 6.0], [-6.0, 6.0]), &t.data);
        let mut map = NeuronMap::default();
        assert!(map.fill(&t.members[0].mlp, &grid, 0, 2));
        assert_eq!(map.size, CURVE_MAP_SIZE);
        let mut tape = Tape::default();
        t.members[0].mlp.forward_eval(&grid.inputs, grid.cells(), &mut tape);
        let mut expected = vec![0; CURVE_MAP_SIZE * CURVE_MAP_SIZE * 4];
        fill_curve_thumbnail(tape.activation(0, 2), CURVE_MAP_SIZE, &mut expected);
        assert_eq!(map.rgba, expected);
    }
}
