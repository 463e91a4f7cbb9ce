//! The model over the input plane: every cell's output, averaged over the
//! ensemble, for the output map, and every neuron of the first network at
//! the thumbnail probes, for the network view.
//!
//! A pass runs a tile of cells at a time through all layers, keeping one
//! layer in cache and nothing of the hidden layers but at the probes. It
//! works on a snapshot of the networks taken when it starts, so its units
//! may be spread over several frames while training goes on; the views show
//! the last complete pass.

use super::grid::Grid;
use crate::nn::{Mlp, Scratch, Tape};
use crate::train::Trainer;

/// Cells of one unit of work: a tile of the grid through one network.
pub const TILE: usize = 256;

/// The passes over the grid, the complete one and the one under way.
#[derive(Debug, Default)]
pub struct BoundaryPass {
    /// Head outputs per cell of the last complete pass, averaged over the
    /// ensemble, cells × outputs: what the output map shows.
    pub outputs: Vec<f32>,
    /// The first network's forward pass at the probes in the last complete
    /// pass: each neuron's output there, for the thumbnails.
    pub tape: Tape,
    /// The trainer's version the last complete pass showed.
    pub version: Option<u64>,
    /// The networks of the pass under way, as they were when it started.
    nets: Vec<Mlp>,
    /// The version of the pass under way, while there is one.
    started: Option<u64>,
    /// The next unit of the pass under way.
    unit: usize,
    next: Vec<f32>,
    next_tape: Tape,
    scratch: Scratch,
    tile: Vec<f32>,
}

impl BoundaryPass {
    /// Units of a whole pass over `grid`: every tile through every network, then the probes.
    pub fn units(&self, trainer: &Trainer, grid: &Grid) -> usize {
        trainer.members.len() * grid.cells().div_ceil(TILE) + 1
    }

    /// Units of the pass under way done so far (0 when none is under way).
    pub fn progress(&self) -> usize {
        if self.is_running() {
            self.unit
        } else {
            0
        }
    }

    /// Whether a pass is under way.
    pub fn is_running(&self) -> bool {
        self.started.is_some()
    }

    /// Whether the views lag behind the trainer's networks.
    pub fn is_stale(&self, trainer: &Trainer) -> bool {
        self.version != Some(trainer.version)
    }

    /// Begins a pass of `trainer`'s networks as they are now.
    pub fn start(&mut self, trainer: &Trainer) {
        self.nets.truncate(trainer.members.len());
        for (i, m) in trainer.members.iter().enumerate() {
            match self.nets.get_mut(i) {
                Some(net) => net.clone_from(&m.mlp),
                None => self.nets.push(m.mlp.clone()),
            }
        }
        self.started = Some(trainer.version);
        self.unit = 0;
    }

    /// Runs up to `units` units of the pass under way. Returns true when it
    /// completed: `outputs`, `tape` and `version` then show it.
    pub fn work(&mut self, grid: &Grid, units: usize) -> bool {
        let Some(version) = self.started else {
            return false;
        };
        let k = self.nets[0].outputs();
        let (cells, width) = (grid.cells(), self.nets[0].inputs());
        let tiles = cells.div_ceil(TILE);
        let share = 1.0 / self.nets.len() as f32;
        for _ in 0..units {
            let (member, tile) = (self.unit / tiles, self.unit % tiles);
            if member < self.nets.len() {
                if self.unit == 0 {
                    self.next.clear();
                    self.next.resize(cells * k, 0.0);
                }
                let (start, end) = (tile * TILE, ((tile + 1) * TILE).min(cells));
                self.tile.resize((end - start) * k, 0.0);
                let input = &grid.inputs[start * width..end * width];
                self.nets[member].predict(input, end - start, &mut self.scratch, &mut self.tile);
                for (o, &p) in self.next[start * k..end * k].iter_mut().zip(&self.tile) {
                    *o += share * p;
                }
                self.unit += 1;
                continue;
            }
            self.nets[0].forward_eval(&grid.probes, grid.probe_count(), &mut self.next_tape);
            std::mem::swap(&mut self.outputs, &mut self.next);
            std::mem::swap(&mut self.tape, &mut self.next_tape);
            self.version = Some(version);
            self.started = None;
            return true;
        }
        false
    }

    /// A whole pass of `trainer`'s networks now.
    pub fn run(&mut self, trainer: &Trainer, grid: &Grid) {
        self.start(trainer);
        while !self.work(grid, usize::MAX) {}
    }

    /// Floating-point operations of one pass of `trainer`'s networks over
    /// `cells` cells: two per multiply-add, and the activations' own (see
    /// [`crate::nn::Activation::flops`]).
    pub fn flops(trainer: &Trainer, cells: usize) -> f64 {
        let per_cell: f64 = trainer.members[0]
            .mlp
            .layers
            .iter()
            .map(|l| 2.0 * (l.inputs * l.outputs) as f64 + (l.outputs * l.activation.flops()) as f64)
            .sum();
        per_cell * cells as f64 * trainer.members.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::view::pixels::THUMB_SIZE;
    use crate::view::GRID_SIZE;

    #[test]
    fn the_pass_matches_per_point_prediction_and_keeps_every_neuron_at_the_probes() {
        let (s, _) = Settings::from_query("dataset=xor&layers=5,3&ensemble=2&batchNorm=1");
        let mut trainer = Trainer::new(&s);
        trainer.train_epoch();
        let grid = Grid::new(GRID_SIZE, ([-6.0, 6.0], [-6.0, 6.0]), &trainer.data);
        let mut pass = BoundaryPass::default();
        pass.run(&trainer, &grid);
        assert_eq!(pass.outputs.len(), GRID_SIZE * GRID_SIZE);
        assert_eq!(pass.tape.batch, THUMB_SIZE * THUMB_SIZE);
        assert_eq!(pass.tape.activation(1, 2).len(), THUMB_SIZE * THUMB_SIZE);
        assert_eq!(pass.version, Some(trainer.version));
        // Cell 4321 predicted alone gives the same output.
        let mut one = Vec::new();
        trainer.predict(&grid.inputs[4321 * 2..4322 * 2], 1, &mut one);
        assert!((one[0] - pass.outputs[4321]).abs() < 1e-6);
        // The probes' outputs are the networks' at those points, and
        // predict() is forward_eval() bit for bit.
        let mlp = &trainer.members[0].mlp;
        let mut tape = Tape::default();
        mlp.forward_eval(&grid.probes, grid.probe_count(), &mut tape);
        let mut out = vec![0.0; grid.probe_count()];
        mlp.predict(&grid.probes, grid.probe_count(), &mut Scratch::default(), &mut out);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&out), bits(&tape.out));
        assert_eq!(bits(&pass.tape.out), bits(&tape.out));
    }

    #[test]
    fn a_pass_spread_over_units_shows_the_networks_as_they_were_when_it_began() {
        let (s, _) = Settings::from_query("dataset=circle&layers=6,4&ensemble=3");
        let mut trainer = Trainer::new(&s);
        let grid = Grid::new(GRID_SIZE, ([-6.0, 6.0], [-6.0, 6.0]), &trainer.data);
        let mut whole = BoundaryPass::default();
        whole.run(&trainer, &grid);
        let mut spread = BoundaryPass::default();
        spread.start(&trainer);
        let units = spread.units(&trainer, &grid);
        assert_eq!(units, 3 * 40 + 1, "40 tiles of 256 cells, three networks, the probes");
        for u in 0..units - 1 {
            assert!(!spread.work(&grid, 1), "unit {u} does not complete the pass");
            trainer.step(); // training goes on meanwhile
        }
        assert!(spread.work(&grid, 1));
        assert_eq!(spread.outputs, whole.outputs);
        assert_eq!(spread.version, whole.version);
        assert!(spread.is_stale(&trainer), "the networks have moved on since");
    }
}
