//! The benchmark, natively, for reference beside the Node (wasm) figures:
//! the same configurations and figures as `tools/bench.mjs`. Run by
//! `make bench`; writes target/bench-native.json.

use neuroplay::bench::{configs, median, query};
use neuroplay::config::Settings;
use neuroplay::train::{Split, Trainer};
use neuroplay::view::{fill_output, fill_thumbnails, BoundaryPass, Grid, OutputMap, GRID_SIZE};
use std::time::Instant;

/// Stop repeating a figure after this long or this many trials, whichever comes first.
const TIME_MS: f64 = 300.0;
const TRIALS: usize = 51;

/// Median milliseconds of one call of `f` (at least five trials).
fn time(mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < TRIALS && (samples.len() < 5 || start.elapsed().as_secs_f64() * 1e3 < TIME_MS) {
        let t = Instant::now();
        f();
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    median(&mut samples)
}

fn main() {
    let mut json = Vec::new();
    println!(
        "{:<30} {:>9} {:>9} {:>10} {:>9} {:>9} {:>9} {:>8}",
        "config", "epoch_ms", "eval_ms", "us/sample", "grid_ms", "pixels_ms", "frame_ms", "gflops"
    );
    for (name, config) in configs() {
        let (settings, _) = Settings::from_query(&query(&config));
        let mut trainer = Trainer::new(&settings);
        let grid = Grid::new(GRID_SIZE, settings.data.dataset.domain(), &trainer.data);
        let mut pass = BoundaryPass::default();
        let (mut rgba, mut thumbs) = (vec![0u8; GRID_SIZE * GRID_SIZE * 4], Vec::new());
        trainer.train_epoch();
        let epoch = time(|| {
            trainer.train_epoch();
        });
        let eval = time(|| {
            trainer.evaluate_split(Split::Train);
            trainer.evaluate_split(Split::Test);
        });
        let per_sample = (epoch - eval) * 1e3 / trainer.data.train.len() as f64;
        let boundary = time(|| pass.run(&trainer, &grid));
        let mlp = &trainer.members[0].mlp;
        let k = mlp.outputs();
        let map = OutputMap::for_head(mlp.head, k, 1.0);
        let pixels = time(|| {
            fill_output(&pass.outputs, k, mlp.head, map, false, &mut rgba);
            fill_thumbnails(mlp, &pass.tape, grid.is_line, &mut thumbs);
        });
        let gflops = BoundaryPass::flops(&trainer, grid.cells()) / (boundary * 1e6);
        let frame = epoch + boundary + pixels;
        println!(
            "{name:<30} {epoch:>9.4} {eval:>9.4} {per_sample:>10.3} {boundary:>9.4} {pixels:>9.4} {frame:>9.4} {gflops:>8.2}"
        );
        json.push(format!(
            "\"{name}\": {{\"epoch_ms\": {epoch:.5}, \"eval_ms\": {eval:.5}, \"train_us_per_sample\": {per_sample:.5}, \"boundary_ms\": {boundary:.5}, \"pixels_ms\": {pixels:.5}, \"frame_ms\": {frame:.5}, \"gflops\": {gflops:.3}}}"
        ));
    }
    let out = format!("{{{}}}\n", json.join(", "));
    std::fs::create_dir_all("target").expect("target folder");
    std::fs::write("target/bench-native.json", out).expect("write target/bench-native.json");
    println!("wrote target/bench-native.json");
}
