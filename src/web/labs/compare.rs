//! The side-by-side lab's handle, which is also the recipe's: two
//! playgrounds, the second the first with one change, trained together
//! from the same seed; both boundaries, both loss curves on one chart, and
//! a recipe card's check.

use super::plot::{self, Line, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::table::{from_query, split};
use crate::config::Effect;
use crate::labs::compare::{check, second, CompareSettings, CARDS};
use crate::message::Message;
use crate::web::charts::{BLUE, INK, ORANGE, VERMILLION};
use crate::web::handle::{js_error, Playground};
use crate::web::shapes::{figure, Said};
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// A recipe card as the page lists it.
#[derive(Serialize, Tsify)]
pub struct RecipeCard {
    /// Its name, for the page's words (`lab.recipe.NAME.…`).
    name: &'static str,
    /// Epochs the card trains before it checks.
    epochs: usize,
    /// The second run's change, `[key, value]`, if there is one.
    versus: Option<(&'static str, &'static str)>,
    /// Other changes the card offers in its place.
    alternatives: Vec<(&'static str, &'static str)>,
}

/// The recipe's cards, card 1 first.
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct RecipeCards(Vec<RecipeCard>);

/// One run as the page shows it; a figure not measured yet is null.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompareRun {
    epoch: usize,
    train_loss: Option<f32>,
    test_loss: Option<f32>,
    /// Null in regression.
    test_accuracy: Option<f32>,
    /// Why the run halted, if it did.
    halt: Option<Message>,
}

/// A card's check: whether the step showed what it is meant to, and the
/// numbers it rests on by name (null where a number is not one).
#[derive(Serialize, Tsify)]
pub struct CardCheck {
    passed: bool,
    values: Vec<(&'static str, Option<f64>)>,
}

/// What the page shows beside the pair.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct CompareReadouts {
    a: CompareRun,
    /// Null without a second run.
    b: Option<CompareRun>,
    /// The card's epochs; null in a free comparison.
    epochs: Option<usize>,
    /// The card's name; null in a free comparison.
    card: Option<&'static str>,
    /// The card's check once both runs trained its epochs.
    check: Option<CardCheck>,
}

/// The words of the loss figure: each run's two curves.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(from_wasm_abi)]
pub struct CompareLossWords {
    #[serde(flatten)]
    axes: AxisWords,
    train_a: String,
    test_a: String,
    train_b: String,
    test_b: String,
}

/// The side-by-side lab, for the page.
#[wasm_bindgen(js_name = CompareLab)]
pub struct CompareLabHandle {
    settings: CompareSettings,
    notices: Vec<Message>,
    /// The first run, as a link opens the playground.
    a: Playground,
    /// The second: the first with the change (None without one, or when refused).
    b: Option<Playground>,
    scratch: Option<HtmlCanvasElement>,
}

impl CompareLabHandle {
    fn current(&self) -> CompareSettings {
        self.settings.clone()
    }

    fn apply(&mut self, next: CompareSettings, _effect: Effect) {
        // A new card sets both runs up; otherwise the first run stays.
        let first = if next.card != self.settings.card && next.card > 0 {
            let card = &CARDS[next.card - 1];
            let (own, _) = from_query::<CompareSettings>(&card.own_query(next.card));
            self.settings = own;
            card.first_query()
        } else {
            self.settings = next;
            self.a.query()
        };
        self.open(&first);
    }

    /// (Re)opens both runs: the first from `query`, the second with the change.
    fn open(&mut self, query: &str) {
        self.a = Playground::new(query);
        // What the first run's link got wrong is this lab's to say.
        self.notices.append(&mut self.a.notices);
        self.b = match second(&self.a.settings, &self.settings) {
            Ok(Some(b)) => Some(Playground::new(&crate::config::table::to_query(&b))),
            Ok(None) => None,
            Err(e) => {
                self.notices.push(e.message());
                self.settings.versus = "none";
                None
            }
        };
    }

    /// The epochs a card trains before its check (none for a free comparison).
    fn target(&self) -> Option<usize> {
        (self.settings.card > 0).then(|| CARDS[self.settings.card - 1].epochs)
    }

    fn runs(&mut self) -> impl Iterator<Item = &mut Playground> {
        std::iter::once(&mut self.a).chain(self.b.as_mut())
    }
}

lab_settings!(CompareLabHandle, CompareLab, crate::labs::compare::Compare);

#[wasm_bindgen(js_class = CompareLab)]
impl CompareLabHandle {
    /// Both runs from a link: the lab's keys (`card`, `versus`, `with`) and
    /// the first run's playground keys. A card without playground keys sets
    /// up its own pair.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> CompareLabHandle {
        let (own, rest) = split::<CompareSettings>(query);
        let (settings, notices) = opened::<crate::labs::compare::Compare>(&own);
        let mut handle = CompareLabHandle {
            settings,
            notices,
            a: Playground::new(""),
            b: None,
            scratch: None,
        };
        let first = match handle.settings.card {
            0 => rest,
            card if rest.is_empty() => {
                let preset = &CARDS[card - 1];
                handle.settings = from_query::<CompareSettings>(&preset.own_query(card)).0;
                preset.first_query()
            }
            _ => rest,
        };
        handle.open(&first);
        handle
    }

    /// Compares with `key` = `value` (a key of the comparable ones; an
    /// empty value picks another value than the first run's). Returns why
    /// the change was refused, or null.
    #[wasm_bindgen(js_name = changeTo)]
    pub fn change_to(&mut self, key: &str, value: &str) -> Nullable<Said> {
        let Some(&versus) = crate::labs::compare::COMPARABLE.iter().find(|&&k| k == key) else {
            return Nullable::Value(Said(
                crate::config::error::ConfigError::UnknownKey(key.to_string()).message(),
            ));
        };
        let with = if value.is_empty() {
            crate::labs::compare::alternative(&self.a.settings, key).unwrap_or_default()
        } else {
            value.to_string()
        };
        let next = CompareSettings {
            versus,
            with,
            ..self.current()
        };
        // A value the playground's table refuses leaves the pair as it was.
        if let Err(e) = second(&self.a.settings, &next) {
            return Nullable::Value(Said(e.message()));
        }
        self.apply(next, Effect::Reset);
        Nullable::Null
    }

    /// The recipe's cards: `[{name, epochs, versus: [key, value] | null,
    /// alternatives: [[key, value], …]}, …]`, card 1 first.
    pub fn cards() -> RecipeCards {
        RecipeCards(
            CARDS
                .iter()
                .map(|c| RecipeCard {
                    name: c.name,
                    epochs: c.epochs,
                    versus: c.versus,
                    alternatives: c.alternatives.to_vec(),
                })
                .collect(),
        )
    }

    /// The link: the lab's keys, then the first run's.
    #[wasm_bindgen(js_name = fullQuery)]
    pub fn full_query(&self) -> String {
        format!("{}&{}", crate::config::table::to_query(&self.settings), self.a.query())
    }

    /// Trains both runs with the same amount of work each, stopping at a
    /// card's epochs. Returns true while there is more to train (a free
    /// comparison always has more, until a run halts).
    pub fn train(&mut self, work: f64) -> bool {
        let until = self.target().map_or(u32::MAX, |e| e as u32);
        let mut more = false;
        for pg in self.runs() {
            if pg.trainer.halt.is_none() && pg.trainer.epoch < until as usize {
                pg.train_work(work, until);
                more |= pg.trainer.halt.is_none() && pg.trainer.epoch < until as usize;
            }
        }
        more
    }

    /// Starts both runs over.
    pub fn restart(&mut self) {
        for pg in self.runs() {
            pg.reset();
        }
    }

    /// `{a, b, epochs, card, check}`: each run's readouts (`b` null without
    /// a second run), the card's epochs, and its check once trained.
    pub fn readouts(&self) -> CompareReadouts {
        let read = |pg: &Playground| {
            let t = &pg.trainer;
            let last = t.history.last().copied();
            CompareRun {
                epoch: t.epoch,
                train_loss: last.and_then(|r| figure(r.train.loss)),
                test_loss: last.and_then(|r| figure(r.test.loss)),
                test_accuracy: last
                    .filter(|_| t.is_classification())
                    .and_then(|r| figure(r.test.accuracy)),
                halt: pg.halt_message(),
            }
        };
        let trained = self.target().filter(|&e| {
            self.a.trainer.epoch >= e
                && self
                    .b
                    .as_ref()
                    .is_none_or(|b| b.trainer.epoch >= e || b.trainer.halt.is_some())
        });
        let verdict = trained.map(|_| {
            let card = &CARDS[self.settings.card - 1];
            let c = check(card, &self.a.trainer, self.b.as_ref().map(|b| &b.trainer));
            CardCheck {
                passed: c.passed,
                values: c.values.into_iter().map(|(name, v)| (name, figure(v))).collect(),
            }
        });
        CompareReadouts {
            a: read(&self.a),
            b: self.b.as_ref().map(read),
            epochs: self.target(),
            card: self.settings.card.checked_sub(1).map(|i| CARDS[i].name),
            check: verdict,
        }
    }

    /// Paints run `which` (0 or 1): its output map on `map` and its points
    /// on `points` (with the test points when `show_test`).
    pub fn paint(
        &mut self,
        which: u32,
        map: &HtmlCanvasElement,
        points: &HtmlCanvasElement,
        show_test: bool,
    ) -> Result<(), JsError> {
        let pg = if which == 0 { Some(&mut self.a) } else { self.b.as_mut() };
        let Some(pg) = pg else {
            return Ok(());
        };
        pg.grid_pass();
        pg.paint_pixels(false);
        pg.draw_output(map)?;
        pg.draw_points(points, show_test)
    }

    /// Both runs' train and test loss over epochs on one chart: the first
    /// in dark grey and vermillion, the second in blue and orange.
    /// `words`: `{x, y, trainA, testA, trainB, testB}`.
    #[wasm_bindgen(js_name = drawLoss)]
    pub fn draw_loss(&mut self, canvas: &HtmlCanvasElement, words: CompareLossWords) -> Result<(), JsError> {
        let CompareLossWords {
            axes,
            train_a,
            test_a,
            train_b,
            test_b,
        } = words;
        let runs: Vec<&Playground> = std::iter::once(&self.a).chain(self.b.as_ref()).collect();
        let epochs = runs.iter().map(|pg| pg.trainer.epoch).max().unwrap_or(0).max(1) as f64;
        let top = runs
            .iter()
            .flat_map(|pg| {
                pg.trainer
                    .history
                    .records
                    .iter()
                    .map(|r| r.train.loss.max(r.test.loss) as f64)
            })
            .filter(|v| v.is_finite())
            .fold(0.1_f64, f64::max);
        let mut figure = Plot::new((0.0, epochs), (0.0, top * 1.05), (&axes.x, &axes.y));
        let colors = [[INK, VERMILLION], [BLUE, ORANGE]];
        let names = [[&train_a, &test_a], [&train_b, &test_b]];
        for (i, pg) in runs.iter().enumerate() {
            let records = &pg.trainer.history.records;
            for (k, pick) in [
                |r: &crate::train::Record| r.train.loss,
                |r: &crate::train::Record| r.test.loss,
            ]
            .into_iter()
            .enumerate()
            {
                figure.lines.push(Line {
                    points: records.iter().map(|r| (r.epoch as f64, pick(r) as f64)).collect(),
                    color: colors[i][k],
                    width: 1.0,
                    dashed: k == 0,
                });
                figure.legend.push((names[i][k].clone(), colors[i][k]));
            }
        }
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }
}
