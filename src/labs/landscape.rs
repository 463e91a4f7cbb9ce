//! The loss landscape of the playground's network, as a lab: its own keys
//! (the plane's directions, its span, which random plane, and the training
//! steps to replay); the landscape itself is `view::landscape`.

use crate::config::table::{always, any_option, slider, whole, Configurable, Kind, Setting};
use crate::config::Effect;
use crate::labs::backprop::MAX_REPLAY;
use crate::view::landscape::Directions;

/// The lab's own keys; the rest of its link is the playground's.
#[derive(Clone, Debug, PartialEq)]
pub struct LandscapeSettings {
    /// Random filter-normalised directions, or the path's plane.
    pub directions: Directions,
    /// The random plane's half-width, in units of the weights' own norms.
    pub span: f32,
    /// Which random plane: the seed of its directions.
    pub plane: u64,
    /// The playground's training steps, replayed from its seed.
    pub steps: u64,
}

impl Default for LandscapeSettings {
    fn default() -> Self {
        LandscapeSettings {
            directions: Directions::Random,
            span: 1.0,
            plane: 1,
            steps: 0,
        }
    }
}

/// Every setting of the lab, in link order.
pub static LANDSCAPE_SETTINGS: [Setting<LandscapeSettings>; 4] = [
    Setting {
        key: "directions",
        group: "landscape",
        kind: Kind::Choice {
            options: &Directions::NAMES,
            family: None,
        },
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.directions.to_string(),
        assign: |s, v| s.directions = v.named(),
    },
    Setting {
        key: "span",
        group: "landscape",
        kind: slider(0.1, 3.0, 0.1),
        effect: Effect::Reset,
        applies: |s| s.directions == Directions::Random,
        allowed: any_option,
        get: |s| s.span.to_string(),
        assign: |s, v| s.span = v.real(),
    },
    Setting {
        key: "plane",
        group: "landscape",
        kind: whole(1, 999, 1),
        effect: Effect::Reset,
        applies: |s| s.directions == Directions::Random,
        allowed: any_option,
        get: |s| s.plane.to_string(),
        assign: |s, v| s.plane = v.whole(),
    },
    Setting {
        key: "steps",
        group: "replay",
        kind: whole(0, MAX_REPLAY, 1),
        effect: Effect::Reset,
        applies: always,
        allowed: any_option,
        get: |s| s.steps.to_string(),
        assign: |s, v| s.steps = v.whole(),
    },
];

impl Configurable for LandscapeSettings {
    fn table() -> &'static [Setting<LandscapeSettings>] {
        &LANDSCAPE_SETTINGS
    }
}

/// The loss-landscape lab, in the registry ([`crate::labs::each`]).
pub struct Landscape;

impl crate::labs::Lab for Landscape {
    const NAME: &'static str = "landscape";
    const HANDLE: &'static str = "LandscapeLab";
    const EXAMPLE: &'static str = "directions=path&span=2&plane=7&steps=120";
    type Settings = LandscapeSettings;
}
