//! What the behaviour tests share: a trainer from a share link.

use neuroplay::config::Settings;
use neuroplay::train::Trainer;

/// A fresh trainer for the settings of a share link, which must be valid.
pub fn trainer(query: &str) -> Trainer {
    let (settings, errors) = Settings::from_query(query);
    assert!(errors.is_empty(), "{query}: {errors:?}");
    Trainer::new(&settings)
}

/// Trains `epochs` epochs, which must all complete.
pub fn train(trainer: &mut Trainer, epochs: usize) {
    for _ in 0..epochs {
        assert!(
            trainer.train_epoch(),
            "halted at epoch {}: {:?}",
            trainer.epoch,
            trainer.halt
        );
    }
}
