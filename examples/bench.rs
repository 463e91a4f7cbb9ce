//! The benchmark, natively, for reference beside the Node (wasm) figures.
//! Run by `make bench`; writes target/bench-native.json.

use neuroplay::bench::{median, query, CONFIGS};
use neuroplay::config::Settings;
use neuroplay::train::Trainer;
use neuroplay::view::{fill_output, fill_thumbnails, BoundaryPass, Grid, OutputMap, GRID_SIZE};
use std::time::Instant;

const TRIALS: usize = 51;

/// Median milliseconds of one call of `f`, over trials of `reps` calls.
fn time(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..TRIALS)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                f();
            }
            t.elapsed().as_secs_f64() * 1e3 / reps as f64
        })
        .collect();
    median(&mut samples)
}

fn main() {
    let mut json = Vec::new();
    println!(
        "{:<18} {:>9} {:>12} {:>10} {:>9} {:>7}",
        "config", "epoch_ms", "boundary_ms", "pixels_ms", "frame_ms", "gflops"
    );
    for (name, config) in CONFIGS {
        let (settings, _) = Settings::from_query(&query(config));
        let mut trainer = Trainer::new(&settings);
        let grid = Grid::new(GRID_SIZE, settings.data.dataset.domain(), &trainer.data);
        let mut pass = BoundaryPass::default();
        let (mut rgba, mut thumbs) = (vec![0u8; GRID_SIZE * GRID_SIZE * 4], Vec::new());
        for _ in 0..20 {
            trainer.train_epoch();
        }
        let epoch = time(10, || {
            trainer.train_epoch();
        });
        let boundary = time(3, || pass.run(&trainer, &grid));
        let mlp = &trainer.members[0].mlp;
        let k = mlp.outputs();
        let map = OutputMap::for_head(mlp.head, k, 1.0);
        let pixels = time(10, || {
            fill_output(&pass.outputs, k, mlp.head, map, false, &mut rgba);
            fill_thumbnails(mlp, &pass.tape, GRID_SIZE, &mut thumbs);
        });
        let gflops = BoundaryPass::flops(&trainer, grid.cells()) / (boundary * 1e6);
        let frame = epoch + boundary + pixels;
        println!("{name:<18} {epoch:>9.4} {boundary:>12.4} {pixels:>10.4} {frame:>9.4} {gflops:>7.2}");
        json.push(format!(
            "\"{name}\": {{\"epoch_ms\": {epoch:.5}, \"boundary_ms\": {boundary:.5}, \"pixels_ms\": {pixels:.5}, \"frame_ms\": {frame:.5}, \"gflops\": {gflops:.3}}}"
        ));
    }
    let out = format!("{{{}}}\n", json.join(", "));
    std::fs::create_dir_all("target").expect("target folder");
    std::fs::write("target/bench-native.json", out).expect("write target/bench-native.json");
    println!("wrote target/bench-native.json");
}
