//! The loss landscape of the playground's network, as a lab: its own keys
//! (the plane's directions, its span, which random plane, and the training
//! steps to replay); the landscape itself is `view::landscape`.

use crate::config::table::{slider, whole, Configurable, Group, Kind, Setting};
use crate::config::Effect;
use crate::labs::backprop::{steps_row, Replays};
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

/// A row of the table.
type Row = Setting<LandscapeSettings>;

/// Every setting of the lab, in link order.
pub static LANDSCAPE_SETTINGS: &[Row] = &[
    Row::new(
        "directions",
        Group::Landscape,
        Kind::Choice {
            options: &Directions::NAMES,
            family: None,
        },
        Effect::Reset,
        |s| s.directions.to_string(),
        |s, v| s.directions = v.named(),
    ),
    Row::new(
        "span",
        Group::Landscape,
        slider(0.1, 3.0, 0.1),
        Effect::Reset,
        |s| s.span.to_string(),
        |s, v| s.span = v.real(),
    )
    .applies(|s| s.directions == Directions::Random),
    Row::new(
        "plane",
        Group::Landscape,
        whole(1, 999, 1),
        Effect::Reset,
        |s| s.plane.to_string(),
        |s, v| s.plane = v.whole(),
    )
    .applies(|s| s.directions == Directions::Random),
    steps_row(),
];

impl Replays for LandscapeSettings {
    fn steps(&self) -> u64 {
        self.steps
    }
    fn set_steps(&mut self, steps: u64) {
        self.steps = steps;
    }
}

impl Configurable for LandscapeSettings {
    fn table() -> &'static [Setting<LandscapeSettings>] {
        LANDSCAPE_SETTINGS
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
