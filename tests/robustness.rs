//! Extreme but valid settings never panic the core: every dataset with
//! the smallest and largest splits, batches larger than the data, no hidden
//! layer, early stopping on a handful of points, and every head it allows.

use neuroplay::config::Settings;
use neuroplay::data::DatasetKind;
use neuroplay::train::{Split, Trainer};

const EXTREMES: [&str; 8] = [
    "points=10&trainShare=0.1&patience=3&valShare=0.5",
    "points=10&trainShare=0.9&patience=1&valShare=0.05&batch=5000",
    "points=10&trainShare=0.1&batch=1&layers=",
    "points=5000&trainShare=0.9&batch=5000&layers=1",
    "noise=1&augment=3&dropout=0.9&batchNorm=1&layers=1,1&batch=2",
    "standardize=1&features=x2&layers=32&activation=elu&ensemble=3",
    "init=zero&layers=8,8,8,8,8,8,8,8&activation=sigmoid&optimizer=rmsprop",
    "optimizer=adamw&weightDecay=10&reg=l1&regRate=10&lr=10",
];

#[test]
fn extreme_settings_on_every_dataset_train_without_panicking() {
    for kind in DatasetKind::ALL {
        for extreme in EXTREMES {
            let query = format!("dataset={kind}&classes=6&{extreme}");
            let (settings, errors) = Settings::from_query(&query);
            assert!(errors.is_empty(), "{query}: {errors:?}");
            let mut trainer = Trainer::new(settings);
            for _ in 0..3 {
                trainer.train_epoch();
            }
            trainer.step();
            let _ = trainer.evaluate_split(Split::Train);
            let _ = trainer.evaluate_split(Split::Test);
            trainer.restore_best();
            // Divergence halts before it is recorded: every recorded loss is finite.
            let finite = trainer
                .history
                .records
                .iter()
                .all(|r| r.train.loss.is_finite() && r.test.loss.is_finite());
            assert!(finite, "{query}");
        }
    }
}

/// Random links built from real keys, real values, mutations and junk never
/// panic the parser, and whatever they produce is a valid configuration that
/// writes back to itself.
#[test]
fn random_and_damaged_links_parse_without_panicking() {
    use neuroplay::config::settings::KEYS;
    use neuroplay::random::{seeded, uniform};
    const VALUES: [&str; 16] = [
        "",
        "0",
        "1",
        "-1",
        "0.5",
        "1e9",
        "NaN",
        "inf",
        "-0",
        "8,8",
        "8,,8",
        "relu,tanh",
        "x1,x2,x9",
        "🎲",
        "%zz",
        "99999999999999999999",
    ];
    let mut rng = seeded(2026, 11);
    for _ in 0..3000 {
        let pairs = (uniform(&mut rng, 0.0, 8.0)) as usize;
        let mut link = String::from("#");
        for _ in 0..pairs {
            let key = if uniform(&mut rng, 0.0, 1.0) < 0.85 {
                KEYS[(uniform(&mut rng, 0.0, KEYS.len() as f32) as usize).min(KEYS.len() - 1)]
            } else {
                "zz"
            };
            let value = VALUES[(uniform(&mut rng, 0.0, VALUES.len() as f32) as usize).min(VALUES.len() - 1)];
            let sep = if uniform(&mut rng, 0.0, 1.0) < 0.9 { "=" } else { "==" };
            link.push_str(&format!("{key}{sep}{value}&"));
        }
        let (settings, _) = Settings::from_query(&link);
        let (again, errors) = Settings::from_query(&settings.to_query());
        assert!(errors.is_empty(), "{link}: {errors:?}");
        assert_eq!(again, settings, "{link}");
    }
}
