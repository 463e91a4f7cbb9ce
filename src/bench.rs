//! The benchmark's configurations and its measurement, shared by the native
//! runner (`examples/bench.rs`) and the Node runner (`tools/bench.mjs`).

/// Settings every configuration shares: TensorFlow Playground's defaults
/// (500 points, 250 for training, batch 10, learning rate 0.03, tanh
/// everywhere, the tanh output with squared error, no noise).
pub const SHARED: &str =
    "points=500&trainShare=0.5&batch=10&lr=0.03&optimizer=sgd&activation=tanh&output=tanh&noise=0&seed=1";

/// (name, share-link settings) of each configuration.
pub const CONFIGS: [(&str, &str); 3] = [
    ("circle-4,2", "dataset=circle&features=x1,x2&layers=4,2"),
    ("spiral-8,8,8,8", "dataset=spiral&features=x1,x2&layers=8,8,8,8"),
    (
        "spiral-6x8-7feat",
        "dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=8,8,8,8,8,8",
    ),
];

/// The full link of a configuration.
pub fn query(config: &str) -> String {
    format!("{SHARED}&{config}")
}

/// The median of `samples` (sorted in place).
pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let n = samples.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        samples[n / 2]
    } else {
        0.5 * (samples[n / 2 - 1] + samples[n / 2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn every_configuration_is_a_valid_link() {
        for (name, config) in CONFIGS {
            let (s, errors) = Settings::from_query(&query(config));
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert_eq!(s.data.points, 500);
        }
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
