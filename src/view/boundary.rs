//! The boundary pass: the model evaluated over the whole grid at once,
//! layer by layer, keeping every neuron's output for the network view.

use super::grid::Grid;
use crate::nn::Tape;
use crate::train::Trainer;

/// Buffers of the grid pass, reused every frame.
#[derive(Debug, Default)]
pub struct BoundaryPass {
    /// The first network's forward pass over every cell: each neuron's
    /// output over the grid is a contiguous slice of it.
    pub tape: Tape,
    /// Head outputs per cell, averaged over the ensemble, cells × outputs.
    pub outputs: Vec<f32>,
    scratch: Tape,
}

impl BoundaryPass {
    /// Evaluates every network of `trainer` over `grid`.
    pub fn run(&mut self, trainer: &Trainer, grid: &Grid) {
        let cells = grid.cells();
        let members = &trainer.members;
        members[0].mlp.forward_eval(&grid.inputs, cells, &mut self.tape);
        self.outputs.clear();
        self.outputs.extend_from_slice(&self.tape.out);
        if members.len() > 1 {
            for m in &members[1..] {
                m.mlp.forward_eval(&grid.inputs, cells, &mut self.scratch);
                for (o, &p) in self.outputs.iter_mut().zip(&self.scratch.out) {
                    *o += p;
                }
            }
            let share = 1.0 / members.len() as f32;
            self.outputs.iter_mut().for_each(|o| *o *= share);
        }
    }

    /// Multiply-adds of one pass of the first network over `cells` cells.
    pub fn flops(trainer: &Trainer, cells: usize) -> f64 {
        let weights: usize = trainer.members[0].mlp.layers.iter().map(|l| l.inputs * l.outputs).sum();
        2.0 * weights as f64 * cells as f64 * trainer.members.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::view::GRID_SIZE;

    #[test]
    fn the_pass_matches_per_point_prediction_and_keeps_every_neuron() {
        let (s, _) = Settings::from_query("dataset=xor&layers=5,3&ensemble=2");
        let mut trainer = Trainer::new(&s);
        trainer.train_epoch();
        let grid = Grid::new(GRID_SIZE, ([-6.0, 6.0], [-6.0, 6.0]), &trainer.data);
        let mut pass = BoundaryPass::default();
        pass.run(&trainer, &grid);
        assert_eq!(pass.outputs.len(), GRID_SIZE * GRID_SIZE);
        assert_eq!(pass.tape.layers[0].act.len(), 5 * GRID_SIZE * GRID_SIZE);
        assert_eq!(pass.tape.activation(1, 2).len(), GRID_SIZE * GRID_SIZE);
        // Cell 4321 predicted alone gives the same output.
        let mut one = Vec::new();
        trainer.predict(&grid.inputs[4321 * 2..4322 * 2], 1, &mut one);
        assert!((one[0] - pass.outputs[4321]).abs() < 1e-6);
    }
}
