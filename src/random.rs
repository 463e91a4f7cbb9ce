//! The one seeded random generator, and the few distributions the core samples.
//!
//! ChaCha12 (`StdRng`) gives the same stream on every platform, so a seed
//! reproduces a run exactly on one platform, and the same random choices
//! natively and in the browser (whose maths libraries may still differ in
//! the last bits of `sin` or `ln`).

use rand::{RngExt, SeedableRng};

/// The project's random generator.
pub type Rng = rand::rngs::StdRng;

/// A generator seeded from `seed` and a `stream` tag, so that independent
/// uses of one seed (data, weights, batches) do not share a sequence.
pub fn seeded(seed: u64, stream: u64) -> Rng {
    Rng::seed_from_u64(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A sample of U(lo, hi).
#[inline]
pub fn uniform(rng: &mut Rng, lo: f32, hi: f32) -> f32 {
    lo + (hi - lo) * rng.random::<f32>()
}

/// A sample of N(0, 1), by the Box–Muller transform.
pub fn normal(rng: &mut Rng) -> f32 {
    // 1 − u lies in (0, 1], so its logarithm is finite.
    let u1 = 1.0 - rng.random::<f64>();
    let u2 = rng.random::<f64>();
    ((-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()) as f32
}

/// Shuffles `items` in place (Fisher–Yates).
pub fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

/// A fresh seed from the operating system or the browser.
pub fn fresh_seed() -> u64 {
    getrandom::u64().unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_has_unit_moments() {
        let mut rng = seeded(7, 0);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| normal(&mut rng) as f64).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "variance {var}");
    }

    #[test]
    fn same_seed_same_stream_and_streams_differ() {
        let a: Vec<f32> = (0..5)
            .map(|_| 0.0)
            .scan(seeded(3, 1), |r, _| Some(uniform(r, 0.0, 1.0)))
            .collect();
        let b: Vec<f32> = (0..5)
            .map(|_| 0.0)
            .scan(seeded(3, 1), |r, _| Some(uniform(r, 0.0, 1.0)))
            .collect();
        let c: Vec<f32> = (0..5)
            .map(|_| 0.0)
            .scan(seeded(3, 2), |r, _| Some(uniform(r, 0.0, 1.0)))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..100).collect();
        shuffle(&mut seeded(1, 0), &mut v);
        assert_ne!(v, (0..100).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..100).collect::<Vec<_>>());
    }
}
