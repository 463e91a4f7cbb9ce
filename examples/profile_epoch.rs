//! Profiling aid: trains epochs of one benchmark configuration natively,
//! for `valgrind --tool=callgrind`. `CONFIG` names it (default the batch-1
//! one), `N` the epochs.
use neuroplay::bench::{configs, query};
use neuroplay::config::Settings;
use neuroplay::train::Trainer;
use std::time::Instant;

fn main() {
    let name = std::env::var("CONFIG").unwrap_or_else(|_| "spiral-6x8-7feat-batch1".into());
    let (_, config) = configs()
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("a configuration's name");
    let (s, _) = Settings::from_query(&query(&config));
    let mut t = Trainer::new(&s);
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let t0 = Instant::now();
    for _ in 0..n {
        t.train_epoch();
    }
    println!("{name}: {:.4} ms an epoch", t0.elapsed().as_secs_f64() * 1e3 / n as f64);
}
