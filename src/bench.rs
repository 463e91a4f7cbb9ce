//! The benchmark's configurations and its measurement, shared by the native
//! runner (`examples/bench.rs`) and the Node runner (`tools/bench.mjs`).

/// Settings every configuration shares: TensorFlow Playground's defaults
/// (500 points, 250 for training, batch 10, learning rate 0.03, tanh
/// everywhere, the tanh output with squared error, no noise).
pub const SHARED: &str =
    "points=500&trainShare=0.5&batch=10&lr=0.03&optimizer=sgd&activation=tanh&output=tanh&noise=0&seed=1";

/// Seven features and six layers of 8.
const SIX_BY_EIGHT: &str = "dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=8,8,8,8,8,8";
/// The largest network the core allows: eight layers of 32 on all seven features, ReLU.
const LARGEST: &str =
    "dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=32,32,32,32,32,32,32,32&activation=relu&init=he";
/// Four layers of 8 on x1 and x2.
const FOUR_BY_EIGHT: &str = "dataset=spiral&features=x1,x2&layers=8,8,8,8";

/// (name, share-link settings) of each configuration: TensorFlow
/// Playground's three, every activation on one shape, four batch sizes,
/// the largest network, the most points at batch 1, and the largest
/// ensemble. Later keys override the shared ones.
pub fn configs() -> Vec<(&'static str, String)> {
    vec![
        ("circle-4,2", "dataset=circle&features=x1,x2&layers=4,2".into()),
        ("spiral-8,8,8,8", FOUR_BY_EIGHT.into()),
        ("spiral-8,8,8,8-relu", format!("{FOUR_BY_EIGHT}&activation=relu")),
        (
            "spiral-8,8,8,8-leaky-relu",
            format!("{FOUR_BY_EIGHT}&activation=leaky-relu"),
        ),
        ("spiral-8,8,8,8-elu", format!("{FOUR_BY_EIGHT}&activation=elu")),
        ("spiral-8,8,8,8-sigmoid", format!("{FOUR_BY_EIGHT}&activation=sigmoid")),
        ("spiral-8,8,8,8-linear", format!("{FOUR_BY_EIGHT}&activation=linear")),
        ("spiral-6x8-7feat", SIX_BY_EIGHT.into()),
        ("spiral-6x8-7feat-batch1", format!("{SIX_BY_EIGHT}&batch=1")),
        ("spiral-6x8-7feat-batch3", format!("{SIX_BY_EIGHT}&batch=3")),
        ("spiral-6x8-7feat-batch30", format!("{SIX_BY_EIGHT}&batch=30")),
        ("largest-relu", LARGEST.into()),
        ("largest-tanh", format!("{LARGEST}&activation=tanh")),
        ("largest-relu-5000pts-batch1", format!("{LARGEST}&points=5000&batch=1")),
        (
            "ensemble10-6classes-5000pts",
            format!("{FOUR_BY_EIGHT}&dataset=spirals&classes=6&points=5000&activation=relu&output=softmax&ensemble=10"),
        ),
    ]
}

/// The full link of a configuration: the shared settings, each key that
/// the configuration gives again taking its value from there (a link
/// gives each key once).
pub fn query(config: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for pair in SHARED.split('&').chain(config.split('&')) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(known) => known.1 = value,
            None => pairs.push((key, value)),
        }
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
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
        for (name, config) in configs() {
            let (s, errors) = Settings::from_query(&query(&config));
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert!(s.data.points == 500 || name.contains("5000pts"), "{name}");
        }
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
