//! The handle's methods for the user's own data and models: points drawn
//! on the output view, CSV in and out, the network saved and loaded as
//! JSON, and the network as a NumPy or PyTorch script.

use super::handle::Playground;
use super::shapes::{nullable, or_null};
use crate::config::table::to_query;
use crate::data::csv::{self, Dialect};
use crate::data::datasets::DatasetKind;
use crate::data::units::Range;
use crate::data::Task;
use crate::data::Units;
use crate::message::{Code, Message};
use crate::train::model;
use crate::train::python;
use crate::train::restart::Cause;
use crate::view::colormap::CLASS_COLORS;
use serde::Serialize;
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// What the page may draw on the user's own data.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct OwnData {
    /// Whether a drawn point takes a class from the page.
    classes: bool,
    /// Whether it takes a value (a curve's point takes neither: its place is its value).
    values: bool,
    /// How many points there are.
    rows: usize,
    /// Each class's name and colour (`#rrggbb`), for the legend, when an
    /// imported file named its classes; else empty.
    legend: Vec<ClassKey>,
}

/// A class in the legend: its name in the file and its colour.
#[derive(Serialize, Tsify)]
pub struct ClassKey {
    name: String,
    /// `#rrggbb`.
    color: String,
}

nullable!(OwnData);

/// A CSV file read as the user's data, or why not (nothing changed).
#[derive(Serialize, Tsify)]
#[serde(untagged)]
#[tsify(into_wasm_abi)]
pub enum DataImport {
    #[serde(rename_all = "camelCase")]
    Taken {
        /// How x1, x2 and the target were mapped into the view.
        #[tsify(type = "[Axis, Axis, Axis]")]
        axes: [csv::Axis; 3],
        /// "own", "ownValues" or "ownCurve".
        kind: &'static str,
        /// Whether the data is a curve over x1.
        one_d: bool,
        /// How the file was read: its separator, decimal mark, encoding,
        /// header, columns (null for points that came from no file).
        #[tsify(type = "Dialect | null")]
        dialect: Option<csv::Dialect>,
        /// The axis (0: x1, 1: x2, 2: a curve's y) along which the middle
        /// 98 % of the points span less than a tenth of the view, squeezed
        /// by a few far ones; null when none is.
        squeezed: Option<usize>,
        /// The names of x1, x2 and the label (x, -, y for a curve): the
        /// file's header's, or null without one.
        names: Option<[String; 3]>,
        /// Rows left out (beyond the view, by a robust range).
        left_out: usize,
    },
    Refused {
        refused: Message,
    },
}

/// The network as a model file, or why not (an ensemble).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub enum ModelExport {
    Json(String),
    Refused(Message),
}

/// A model file loaded: the settings' link, to write into the page's; or why not.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub enum ModelImport {
    Link(String),
    Refused(Message),
}

/// The network as a Python script, or why not (an ensemble).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub enum CodeExport {
    Code(String),
    Refused(Message),
}

#[wasm_bindgen]
impl Playground {
    /// Starts drawing: the user's own points, none yet, on the current
    /// view (classes, values or a curve as the current task is). Points
    /// already the user's own stay.
    #[wasm_bindgen(js_name = makeOwn)]
    pub fn make_own(&mut self) {
        if self.settings.data.dataset.is_own() {
            return;
        }
        self.set_rows(self.own_kind(), Vec::new(), Units::default());
    }

    /// Makes a copy of the current points the user's own, to edit: the
    /// same points and targets, as own classes, values or a curve.
    #[wasm_bindgen(js_name = editPoints)]
    pub fn edit_points(&mut self) {
        if self.settings.data.dataset.is_own() {
            return;
        }
        let all = self.trainer.data.all();
        let rows: Vec<[f32; 3]> = all
            .points
            .iter()
            .zip(&all.targets)
            .map(|(p, &y)| [p[0], p[1], y])
            .collect();
        self.set_rows(self.own_kind(), rows, Units::default());
    }

    /// What the page may draw: `null` when the data is not the user's own,
    /// else `{classes, values, rows, legend}`: whether a drawn point takes a class
    /// or a value from the page (a curve's point takes neither: its place
    /// is its value), how many points there are, and the classes' names
    /// and colours when an imported file named them.
    #[wasm_bindgen(js_name = ownData)]
    pub fn own_data(&self) -> Nullable<OwnData> {
        let data = &self.settings.data;
        let classes = data.dataset == DatasetKind::Own;
        // The names the file's text labels gave the classes, kept with its units.
        let names = data.units.dialect.as_ref().map_or(&[][..], |d| &d.class_names[..]);
        let legend = if classes { names.iter() } else { [].iter() };
        or_null(data.dataset.is_own().then(|| {
            OwnData {
                classes,
                values: data.dataset == DatasetKind::OwnValues,
                rows: data.rows.len(),
                legend: legend
                    .zip(CLASS_COLORS)
                    .map(|(name, [r, g, b])| ClassKey {
                        name: name.clone(),
                        color: format!("#{r:02x}{g:02x}{b:02x}"),
                    })
                    .collect(),
            }
        }))
    }

    /// Adds a point of `target` (a class index, or a value) at pixel
    /// (px, py) of the output view on `canvas`. Returns false when the data
    /// is not the user's own, the pixel is outside the view, or the most
    /// points are there.
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, canvas: &HtmlCanvasElement, px: f64, py: f64, target: f32) -> bool {
        let data = &self.settings.data;
        if !data.dataset.is_own() || data.rows.len() >= crate::config::limits::MAX_POINTS || !target.is_finite() {
            return false;
        }
        let Some([x, y]) = self.view_point(canvas, px, py) else {
            return false;
        };
        // A drawn point snaps to hundredths of the view, so that a drawing fits in a link.
        let snap = |v: f32| (v * 100.0).round() / 100.0;
        let (x, y) = (snap(x), snap(y));
        let row = if self.trainer.is_1d {
            [x, 0.0, y]
        } else {
            [x, y, target]
        };
        let units = data.units.as_ref().clone();
        let mut rows = data.rows.as_ref().clone();
        // Kept in the rows' units (the file's, when the points were imported).
        let mut row = units.to_file(row);
        if !self.trainer.is_1d {
            row[2] = target;
        }
        rows.push(row);
        let kind = data.dataset;
        self.set_rows(kind, rows, units)
    }

    /// Removes the user's point nearest pixel (px, py) within `radius`
    /// pixels. Returns whether one was removed.
    #[wasm_bindgen(js_name = removePoint)]
    pub fn remove_point(&mut self, canvas: &HtmlCanvasElement, px: f64, py: f64, radius: f64) -> bool {
        let data = &self.settings.data;
        if !data.dataset.is_own() {
            return false;
        }
        let (w, h) = (canvas.width() as f64, canvas.height() as f64);
        let is_1d = self.trainer.is_1d;
        let nearest = data
            .rows
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                let r = data.units.to_view(r);
                let shown = if is_1d { [r[0], r[2]] } else { [r[0], r[1]] };
                let (x, y) = self.grid.to_canvas(shown, w, h);
                (i, (x - px).hypot(y - py))
            })
            .filter(|&(_, d)| d <= radius)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let Some((i, _)) = nearest else {
            return false;
        };
        let mut rows = data.rows.as_ref().clone();
        rows.remove(i);
        let (kind, units) = (data.dataset, data.units.as_ref().clone());
        self.set_rows(kind, rows, units)
    }

    /// Removes every one of the user's points.
    #[wasm_bindgen(js_name = clearPoints)]
    pub fn clear_points(&mut self) {
        let kind = self.settings.data.dataset;
        if kind.is_own() {
            let units = self.settings.data.units.as_ref().clone();
            self.set_rows(kind, Vec::new(), units);
        }
    }

    /// Reads a CSV file's bytes as the user's own data, the columns
    /// `columns` (counted from 0: x1, x2 and the label, or x and y) when
    /// given, kept in the file's units and mapped into the view by its
    /// range: `{axes: [{offset, scale} ×3], kind, oneD, dialect, squeezed,
    /// names, leftOut}` when taken (how x1, x2 and the target were mapped
    /// into the view, how the file was read, and the axis a few far points
    /// squeeze the rest along), `{refused: message}` when not (nothing changed).
    #[wasm_bindgen(js_name = importData)]
    pub fn import_data(&mut self, bytes: &[u8], columns: Option<Vec<u32>>) -> DataImport {
        let columns: Option<Vec<usize>> = columns.map(|c| c.into_iter().map(|i| i as usize).collect());
        match csv::read_columns(bytes, columns.as_deref()) {
            Ok(import) => self.take_rows(import.kind, import.rows, Some(import.dialect), Range::Full),
            Err(e) => DataImport::Refused { refused: e.message() },
        }
    }

    /// Maps the imported points into the view by a robust range, their 1st
    /// to 99th percentile, instead of their whole range: the points a few
    /// far ones squeezed spread over the view, and the far ones, beyond
    /// it, are left out (`leftOut` counts them). As `importData` answers.
    #[wasm_bindgen(js_name = mapRobust)]
    pub fn map_robust(&mut self) -> DataImport {
        let data = &self.settings.data;
        let (kind, rows, dialect) = (data.dataset, data.rows.as_ref().clone(), data.units.dialect.clone());
        if !kind.is_own() || dialect.is_none() {
            return DataImport::Refused {
                refused: Message::new(Code::CsvRefused),
            };
        }
        self.take_rows(kind, rows, dialect, Range::Robust)
    }

    /// The current data as CSV, the split marked, with the model's outputs.
    #[wasm_bindgen(js_name = exportData)]
    pub fn export_data(&mut self) -> String {
        let data = self.trainer.data.clone();
        let k = self.trainer.members[0].mlp.outputs();
        let mut outputs = Vec::new();
        for part in [&data.train, &data.validation, &data.test] {
            let mut out = Vec::new();
            self.trainer.predict(&part.x, part.len(), &mut out);
            outputs.extend(out);
        }
        csv::write(
            &data,
            self.trainer.is_1d,
            Some((&outputs, k)),
            &self.settings.data.units,
        )
    }

    /// The network as a model file: `{json}`, or `{refused: message}` (an ensemble).
    #[wasm_bindgen(js_name = exportModel)]
    pub fn export_model(&self) -> ModelExport {
        match model::save(&self.trainer, &self.settings) {
            Ok(file) => ModelExport::Json(serde_json::to_string_pretty(&file).expect("serialises")),
            Err(m) => ModelExport::Refused(m),
        }
    }

    /// Loads a model file: its settings and its network replace the
    /// current ones. `{link}` when taken (the settings, to write into the
    /// page's link), `{refused: message}` when not (nothing changed).
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&mut self, text: &str) -> ModelImport {
        let loaded = model::read(text).and_then(|(settings, file)| {
            let mut next = Playground::new(&to_query(&settings));
            model::load(&mut next.trainer, &file, &settings)?;
            Ok(next)
        });
        match loaded {
            Ok(mut next) => {
                next.refresh();
                next.pass = Default::default();
                *self = next;
                ModelImport::Link(self.query())
            }
            Err(m) => ModelImport::Refused(m),
        }
    }

    /// The network as a Python script (`kind`: "numpy" or "pytorch"):
    /// `{code}`, or `{refused: message}` (an ensemble).
    #[wasm_bindgen(js_name = exportCode)]
    pub fn export_code(&self, kind: &str) -> CodeExport {
        match model::save(&self.trainer, &self.settings) {
            Ok(file) => {
                let code = if kind == "pytorch" {
                    python::pytorch(&file)
                } else {
                    python::numpy(&file)
                };
                CodeExport::Code(code)
            }
            Err(m) => CodeExport::Refused(m),
        }
    }
}

impl Playground {
    /// The data point under pixel (px, py) of the output view: (x1, x2),
    /// or (x, y) for a curve; None outside the view.
    fn view_point(&self, canvas: &HtmlCanvasElement, px: f64, py: f64) -> Option<[f32; 2]> {
        let (w, h) = (canvas.width() as f64, canvas.height() as f64);
        if !(0.0..=w).contains(&px) || !(0.0..=h).contains(&py) || w == 0.0 || h == 0.0 {
            return None;
        }
        let ([x0, x1], [y0, y1]) = self.grid.domain;
        let x = x0 + (px / w) as f32 * (x1 - x0);
        let y = y1 - (py / h) as f32 * (y1 - y0);
        Some([x, y])
    }

    /// The own kind the current task draws: classes, values or a curve.
    fn own_kind(&self) -> DatasetKind {
        match (self.trainer.task, self.trainer.is_1d) {
            (Task::Classification { .. }, _) => DatasetKind::Own,
            (Task::Regression, true) => DatasetKind::OwnCurve,
            (Task::Regression, false) => DatasetKind::OwnValues,
        }
    }

    /// Makes a file's `rows` (in its units, read by `dialect`) the data,
    /// mapped into the view by `range`; says how, or why not.
    fn take_rows(
        &mut self,
        kind: DatasetKind,
        rows: Vec<[f32; 3]>,
        dialect: Option<Dialect>,
        range: Range,
    ) -> DataImport {
        let curve = kind == DatasetKind::OwnCurve;
        let (units, kept) = Units::fit(&rows, curve, range, dialect);
        let left_out = rows.len() - kept.len();
        let (axes, squeezed, names) = (units.axes, units.squeezed(&kept, curve), units.names());
        let dialect = units.dialect.clone();
        if !self.set_rows(kind, kept, units) {
            return DataImport::Refused {
                refused: Message::new(Code::CsvRefused),
            };
        }
        DataImport::Taken {
            axes,
            kind: kind.name(),
            one_d: curve,
            dialect,
            squeezed,
            names,
            left_out,
        }
    }

    /// Makes `rows` (in `units`) the data of own kind `kind` and starts
    /// training over (hand edits are dropped, see `train::restart`).
    /// Returns false when the settings refuse them (nothing changes).
    fn set_rows(&mut self, kind: DatasetKind, rows: Vec<[f32; 3]>, units: Units) -> bool {
        let mut next = self.settings.clone();
        next.data.dataset = kind;
        next.data.features = next.data.effective_features();
        next.data.units = std::sync::Arc::new(units);
        let text: Vec<String> = rows.iter().map(|r| format!("{}:{}:{}", r[0], r[1], r[2])).collect();
        if crate::config::table::set(&mut next, "rows", &text.join(",")).is_err() {
            return false;
        }
        let before = std::mem::replace(&mut self.settings, next);
        self.restart(Cause::NewData, before);
        true
    }
}
