//! Profiling aid: runs minibatch steps of the largest benchmark network.
use neuroplay::bench::{query, CONFIGS};
use neuroplay::config::Settings;
use neuroplay::train::Trainer;
use std::time::Instant;
fn main() {
    let (s, _) = Settings::from_query(&query(CONFIGS[2].1));
    let mut t = Trainer::new(&s);
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(20000);
    let t0 = Instant::now();
    for _ in 0..n {
        t.step();
    }
    println!("{:.5} ms a step", t0.elapsed().as_secs_f64() * 1e3 / n as f64);
}
