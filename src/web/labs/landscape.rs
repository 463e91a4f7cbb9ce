//! The loss-landscape lab's handle: a snapshot of the playground's network,
//! its training points and its path, the landscape computed a few cells a
//! frame, and the figure.

use super::plot::{self, Dot, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::table::from_query;
use crate::config::Effect;
use crate::labs::landscape::LandscapeSettings;
use crate::message::{Code, Message};
use crate::nn::Mlp;
use crate::view::landscape::{Directions, Landscape};
use crate::web::charts::{SKY, VERMILLION};
use crate::web::handle::{js_error, Playground};
use crate::web::shapes::{figure, or_null, Said};
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// What the page shows beside the landscape.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct LandscapeReadouts {
    /// The share of cells computed, in [0, 1].
    progress: f64,
    /// The loss in the middle (the weights themselves), once computed.
    center: Option<f64>,
    /// The playground's training loss; null when it is not a number.
    train_loss: Option<f64>,
    /// The plane's half-width.
    span: f64,
    /// The epochs of the path drawn.
    path: usize,
    /// Whether the plane is a random one.
    random: bool,
}

/// The words of the landscape figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct LandscapeWords {
    #[serde(flatten)]
    axes: AxisWords,
    /// The path training took.
    path: String,
    /// The weights at the middle.
    here: String,
}

/// Cells per side of the landscape.
const SIZE: usize = 25;
/// Contour levels drawn.
const CONTOURS: usize = 12;

/// The loss-landscape lab, for the page.
#[wasm_bindgen(js_name = LandscapeLab)]
pub struct LandscapeLabHandle {
    settings: LandscapeSettings,
    notices: Vec<Message>,
    refused: Option<Message>,
    mlp: Mlp,
    x: Vec<f32>,
    y: Vec<f32>,
    width: usize,
    trail: Vec<Vec<f32>>,
    /// The playground's training loss at the snapshot, to compare with the middle.
    train_loss: f64,
    landscape: Landscape,
    scratch: Option<HtmlCanvasElement>,
}

impl LandscapeLabHandle {
    fn current(&self) -> LandscapeSettings {
        self.settings.clone()
    }

    fn apply(&mut self, next: LandscapeSettings, _effect: Effect) {
        self.settings = next;
        self.landscape = self.plan();
    }

    /// A fresh landscape for the settings (nothing computed yet).
    fn plan(&self) -> Landscape {
        let s = &self.settings;
        Landscape::new(
            &self.mlp,
            &self.x,
            &self.y,
            self.width,
            s.directions,
            &self.trail,
            s.plane,
            (SIZE, s.span as f64),
        )
    }
}

lab_settings!(LandscapeLabHandle, LandscapeLab, crate::labs::landscape::Landscape);

#[wasm_bindgen(js_class = LandscapeLab)]
impl LandscapeLabHandle {
    /// A snapshot of `pg`'s first network, training points and path, with
    /// the lab's own keys from a link (`directions`, `span`, `plane`, `steps`).
    #[wasm_bindgen(constructor)]
    pub fn new(pg: &mut Playground, query: &str) -> LandscapeLabHandle {
        let (settings, notices) = opened::<crate::labs::landscape::Landscape>(query);
        // The training loss at the weights as they are, after any edit or
        // step since the epoch (the playground's readout may still be pending).
        let train_loss = f64::from(pg.trainer.evaluate_split(crate::train::Split::Train).loss);
        let t = &pg.trainer;
        let mut handle = LandscapeLabHandle {
            settings,
            notices,
            refused: (t.members.len() > 1).then(|| Message::new(Code::LabEnsemble).with("members", t.members.len())),
            mlp: t.members[0].mlp.clone(),
            x: t.data.train.x.clone(),
            y: t.data.train.y.clone(),
            width: t.data.width,
            trail: t.trail.clone(),
            train_loss,
            landscape: Landscape::new(
                &t.members[0].mlp,
                &[],
                &[],
                t.data.width,
                Directions::Random,
                &[],
                1,
                (1, 1.0),
            ),
            scratch: None,
        };
        handle.landscape = handle.plan();
        handle
    }

    /// The steps a link's lab keys ask to replay (0 when they name none or a bad number).
    #[wasm_bindgen(js_name = requestedSteps)]
    pub fn requested_steps(query: &str) -> f64 {
        from_query::<LandscapeSettings>(query).0.steps as f64
    }

    /// Why the landscape cannot be shown, or null.
    pub fn refused(&self) -> Nullable<Said> {
        or_null(self.refused.clone().map(Said))
    }

    /// Computes cells until about `rows` rows have run through the network.
    /// Returns true once the landscape is complete.
    pub fn advance(&mut self, rows: u32) -> bool {
        self.refused.is_some() || self.landscape.advance(rows as usize)
    }

    /// `{progress, center, trainLoss, span, path, random}`: the share
    /// computed, the loss in the middle (the weights themselves) once
    /// computed, the playground's training loss, the plane's half-width,
    /// the epochs of the path drawn, and whether the plane is a random one.
    pub fn readouts(&self) -> LandscapeReadouts {
        LandscapeReadouts {
            progress: self.landscape.progress(),
            center: self.landscape.center_loss().and_then(figure),
            train_loss: figure(self.train_loss),
            span: self.landscape.span,
            path: self.trail.len(),
            random: self.settings.directions == Directions::Random,
        }
    }

    /// The landscape as a heatmap with contours, the path training took
    /// projected onto its plane, and the weights at the middle. Draws the
    /// axes alone until the landscape is complete. `words`: `{x, y, path, here}`.
    pub fn draw(&mut self, canvas: &HtmlCanvasElement, words: LandscapeWords) -> Result<(), JsError> {
        let s = self.landscape.span;
        let LandscapeWords {
            axes,
            path: path_word,
            here,
        } = words;
        let mut figure = Plot::new((-s, s), (-s, s), (&axes.x, &axes.y));
        let field = self.landscape.field();
        let contours = field.as_ref().map(|f| f.contours(CONTOURS)).unwrap_or_default();
        figure.heatmap = field.as_ref();
        figure.contours = &contours;
        let path: Vec<(f64, f64)> = self
            .trail
            .iter()
            .map(|p| {
                let [a, b] = self.landscape.project(p);
                (a, b)
            })
            .collect();
        figure.path(path, SKY, 1.2, 0.8, false);
        figure.dots.push(Dot {
            at: (0.0, 0.0),
            color: VERMILLION,
            size: 2.4,
        });
        figure.legend = vec![(path_word, SKY), (here, VERMILLION)];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }
}
