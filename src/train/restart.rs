//! What survives when a run starts over: the one rule every restart goes
//! through (↺, a setting that restarts, the learning rate lowered by the
//! hints, the user's own data).
//!
//! | cause | data | hand edits | networks |
//! |---|---|---|---|
//! | ↺, a seed change | kept | made again | new, from the seed |
//! | the learning rate ÷ 10 (dead units do not revive) | kept | made again | new |
//! | a setting that restarts, same shape of network | as the setting says | made again | new |
//! | another shape of network (inputs, layers, outputs) | as the setting says | dropped, with a message | new |
//! | imported or drawn data | new | dropped, with a message | new |
//!
//! Data is "kept" because it is generated again from the same settings and
//! seed; "new" because the settings say other points.

use super::trainer::{architecture, Trainer};
use crate::config::Settings;
use crate::message::{Code, Message};

/// Why a run starts over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// ↺: the same settings, new networks from the seed.
    Reset,
    /// The hints' cure: the learning rate divided by ten. The rate itself
    /// changes live from its slider; this cause starts over on purpose,
    /// because units that died at the larger rate do not revive.
    LowerRate,
    /// A setting whose schema says it restarts (the seed among them).
    Setting,
    /// The user's own points, imported or drawn.
    NewData,
}

/// A run started over.
pub struct Restart {
    /// The settings it runs on: the next settings, with the hand edits that survive.
    pub settings: Settings,
    /// New data and networks for them; epoch 0 is evaluated lazily (see [`Trainer::new_lazy`]).
    pub trainer: Trainer,
    /// Says how many hand edits were dropped, when any were.
    pub dropped: Option<Message>,
}

/// The shape of the network a setting builds: inputs, hidden widths and
/// outputs. An edit names a weight by its place, and the place means the
/// same weight exactly when the shape is the same.
fn shape(settings: &Settings) -> (usize, Vec<usize>, usize) {
    let arch = architecture(settings, settings.data.effective_features().len());
    (arch.inputs, arch.hidden, arch.outputs)
}

/// Starts a run over for `cause`: `before` are the settings it ran on,
/// `next` those it restarts with (the same for ↺). The only place that
/// decides whether hand edits survive.
pub fn restart(cause: Cause, before: &Settings, mut next: Settings) -> Restart {
    let keep = match cause {
        Cause::Reset | Cause::LowerRate => true,
        Cause::Setting => shape(before) == shape(&next),
        Cause::NewData => false,
    };
    let mut dropped = None;
    if !keep && !next.network.edits.is_empty() {
        dropped = Some(Message::new(Code::EditsDropped).with("n", next.network.edits.len()));
        next.network.edits.clear();
    }
    Restart {
        trainer: Trainer::new_lazy(&next),
        settings: next,
        dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITED: &str = "dataset=xor&layers=3&seed=4&edits=w0.2.1:1.5,b1.0:-3";

    fn settings(query: &str) -> Settings {
        let (s, errors) = Settings::from_query(query);
        assert!(errors.is_empty(), "{errors:?}");
        s
    }

    /// The settled run of `r`, with its settings.
    fn settled(mut r: Restart) -> (Trainer, Settings, Option<Message>) {
        r.trainer.settle(u64::MAX);
        (r.trainer, r.settings, r.dropped)
    }

    /// The first network's parameters.
    fn params(t: &Trainer) -> &[f32] {
        &t.members[0].mlp.params
    }

    /// A run of `before` trained some steps, so that new networks differ from it.
    fn trained(before: &Settings) -> Trainer {
        let mut t = Trainer::new(before);
        for _ in 0..20 {
            t.step();
        }
        t
    }

    #[test]
    fn a_reset_keeps_data_and_edits_and_draws_the_networks_from_the_seed_again() {
        let before = settings(EDITED);
        let old = trained(&before);
        let (t, s, dropped) = settled(restart(Cause::Reset, &before, before.clone()));
        assert_eq!(dropped, None);
        assert_eq!(s.network.edits, before.network.edits);
        assert_eq!((t.weight(0, 2, 1), t.bias(1, 0)), (Some(1.5), Some(-3.0)));
        assert_eq!(t.data.train.y, old.data.train.y, "the same data");
        assert_ne!(params(&t), params(&old), "new networks");
        assert_eq!(params(&t), params(&Trainer::new(&before)), "from the seed");
    }

    #[test]
    fn a_new_seed_keeps_the_edits_on_the_new_networks() {
        let before = settings(EDITED);
        let mut next = before.clone();
        next.set("seed", "9").unwrap();
        let (t, s, dropped) = settled(restart(Cause::Setting, &before, next.clone()));
        assert_eq!(dropped, None);
        assert_eq!(s.network.edits.len(), 2);
        assert_eq!((t.weight(0, 2, 1), t.bias(1, 0)), (Some(1.5), Some(-3.0)));
        assert_ne!(params(&t), params(&Trainer::new(&before)), "networks of the new seed");
        assert_eq!(params(&t), params(&Trainer::new(&next)));
    }

    #[test]
    fn a_lower_rate_keeps_data_and_edits_and_starts_new_networks() {
        let before = settings(EDITED);
        let old = trained(&before);
        let mut next = before.clone();
        next.set("lr", "0.003").unwrap();
        let (t, s, dropped) = settled(restart(Cause::LowerRate, &before, next));
        assert_eq!(dropped, None);
        assert_eq!(s.training.optimizer.learning_rate, 0.003);
        assert_eq!((t.weight(0, 2, 1), t.bias(1, 0)), (Some(1.5), Some(-3.0)));
        assert_eq!(t.data.train.y, old.data.train.y);
        assert_eq!((t.epoch, t.steps), (0, 0));
        assert_ne!(params(&t), params(&old));
    }

    #[test]
    fn a_restarting_setting_on_the_same_shape_makes_the_edits_again() {
        let before = settings(EDITED);
        for (key, value) in [
            ("activation", "relu"),
            ("noise", "0.3"),
            ("dataset", "circle"),
            ("init", "he"),
        ] {
            let mut next = before.clone();
            next.set(key, value).unwrap();
            let rebuilt_data = key == "noise" || key == "dataset";
            let (t, s, dropped) = settled(restart(Cause::Setting, &before, next));
            assert_eq!(dropped, None, "{key}");
            assert_eq!(s.network.edits.len(), 2, "{key}");
            assert_eq!((t.weight(0, 2, 1), t.bias(1, 0)), (Some(1.5), Some(-3.0)), "{key}");
            let same_data = t.data.train.y == Trainer::new(&before).data.train.y;
            assert_eq!(same_data, !rebuilt_data, "{key}: data as the setting says");
        }
    }

    #[test]
    fn another_shape_of_network_drops_the_edits_and_says_so() {
        let before = settings(EDITED);
        for (key, value) in [("layers", "3,2"), ("features", "x1,x2,x1x2"), ("dataset", "blobs")] {
            let mut next = before.clone();
            next.set(key, value).unwrap();
            let (t, s, dropped) = settled(restart(Cause::Setting, &before, next.clone()));
            let message = dropped.unwrap_or_else(|| panic!("{key}: a message"));
            assert_eq!(message.code, Code::EditsDropped);
            assert!(serde_json::to_string(&message).unwrap().contains("\"n\":2"), "{key}");
            assert!(s.network.edits.is_empty(), "{key}");
            next.network.edits.clear();
            assert_eq!(params(&t), params(&Trainer::new(&next)), "{key}: a plain new network");
        }
        // Without edits, nothing to say.
        let plain = settings("dataset=xor&layers=3");
        let mut next = plain.clone();
        next.set("layers", "5").unwrap();
        assert_eq!(restart(Cause::Setting, &plain, next).dropped, None);
    }

    #[test]
    fn own_data_is_new_and_drops_the_edits_and_says_so() {
        let before = settings(EDITED);
        let mut next = before.clone();
        next.set("dataset", "own").unwrap();
        next.set("rows", "0:0:0,1:1:1,0:1:1,1:0:0").unwrap();
        let (t, s, dropped) = settled(restart(Cause::NewData, &before, next));
        assert_eq!(dropped.map(|m| m.code), Some(Code::EditsDropped));
        assert!(s.network.edits.is_empty());
        assert_eq!(t.data.train.len() + t.data.test.len(), 4, "the new points");
        assert_ne!(t.weight(0, 2, 1), Some(1.5));
    }
}
