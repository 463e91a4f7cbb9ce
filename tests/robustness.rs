//! Extreme but valid settings on every dataset (the smallest and largest
//! splits, batches larger than the data, no hidden layer, early stopping on
//! a handful of points) keep the data split, the history and early stopping
//! consistent, and either train or halt with a reason; damaged links parse
//! into settings that write back to themselves.

use neuroplay::config::Settings;
use neuroplay::data::DatasetKind;
use neuroplay::train::{Halt, Split, Trainer};

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
fn extreme_settings_on_every_dataset_train_or_halt_with_a_reason() {
    // Generated sets; the user's own points have their test below.
    for kind in DatasetKind::ALL.into_iter().filter(|k| !k.is_own()) {
        for extreme in EXTREMES {
            // One-dimensional data refuses a feature of x2; it has x1's.
            let features = if kind.is_1d() { "features=x1sq" } else { "features=x2" };
            let query = format!("dataset={kind}&classes=6&{}", extreme.replace("features=x2", features));
            let (settings, errors) = Settings::from_query(&query);
            assert!(errors.is_empty(), "{query}: {errors:?}");
            let mut trainer = Trainer::new(&settings);

            // Every generated point lands in exactly one part, and both
            // training and testing have at least one.
            let d = &trainer.data;
            let generated = if kind == DatasetKind::Table {
                6
            } else {
                settings.data.points
            };
            assert_eq!(d.train.len() + d.validation.len() + d.test.len(), generated, "{query}");
            assert!(!d.train.is_empty() && !d.test.is_empty(), "{query}");
            assert_eq!(d.train.x.len(), d.train.len() * d.width, "{query}");

            for _ in 0..3 {
                trainer.train_epoch();
            }
            trainer.step();

            // One record per finished epoch, in order.
            let epochs: Vec<usize> = trainer.history.records.iter().map(|r| r.epoch).collect();
            assert_eq!(epochs, (0..=trainer.epoch).collect::<Vec<_>>(), "{query}");
            match &trainer.halt {
                None => {
                    assert!(trainer.epoch >= 3, "{query}: stopped without a reason");
                    assert!(trainer.members.iter().all(|m| m.mlp.is_finite()), "{query}");
                    let test = trainer.evaluate_split(Split::Test);
                    assert!(test.loss.is_finite(), "{query}: test loss {}", test.loss);
                }
                Some(Halt::Diverged { step, .. }) => {
                    assert_eq!(*step, trainer.steps, "{query}: halted at the step it diverged")
                }
                Some(Halt::EarlyStopped { best_epoch }) => {
                    assert!(
                        settings.training.patience > 0 && *best_epoch <= trainer.epoch,
                        "{query}"
                    )
                }
                Some(Halt::NoData { .. }) => panic!("{query}: generated data has points"),
            }

            // Restoring gives back exactly the best epoch's parameters, and
            // only early stopping keeps one.
            let best = trainer.best.clone();
            assert_eq!(trainer.restore_best(), best.is_some(), "{query}");
            assert!(best.is_none() || settings.training.patience > 0, "{query}");
            if let Some(best) = best {
                assert_eq!(trainer.members[0].mlp.params, best.params[0], "{query}");
            }
        }
    }
}

/// Random links built from real keys, real values, mutations and junk never
/// panic the parser, and whatever they produce is a valid configuration that
/// writes back to itself.
#[test]
fn random_and_damaged_links_parse_without_panicking() {
    use neuroplay::config::schema::SETTINGS;
    let keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
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
                keys[(uniform(&mut rng, 0.0, keys.len() as f32) as usize).min(keys.len() - 1)]
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

#[test]
fn own_data_of_fewer_than_two_points_waits_for_more_and_breaks_nothing() {
    for rows in ["", "1:1:0", "1:1:0,2:2:1"] {
        let (settings, errors) = neuroplay::config::Settings::from_query(&format!("dataset=own&rows={rows}"));
        assert!(errors.is_empty(), "{errors:?}");
        let mut trainer = neuroplay::train::Trainer::new(&settings);
        let points = rows.split(',').filter(|r| !r.is_empty()).count();
        if points < 2 {
            assert_eq!(trainer.halt, Some(Halt::NoData { points }));
            assert!(!trainer.step() && !trainer.train_epoch(), "no training without points");
            let train = trainer.evaluate_split(Split::Train);
            assert!(train.loss.is_nan() || train.loss.is_finite());
            let mut out = Vec::new();
            trainer.predict(&[], 0, &mut out);
            assert!(out.is_empty());
        } else {
            assert!(trainer.train_epoch(), "two points train");
        }
    }
}
