//! The handle's network-view methods: layout from the page, edges and
//! thumbnails drawn, weights and biases read, hovered and edited.

use super::canvas::Blitter;
use super::handle::{js_error, Playground};
use super::network_view;
use super::shapes::{nullable, or_null, Said};
use crate::config::limits::MAX_EDITS;
use crate::config::ConfigError;
use crate::message::Message;
use crate::message::Part;
use crate::train::Edit;
use crate::view::network::{weight_index, Diagram};
use crate::view::NeuronMap;
use serde::Serialize;
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// How near the pointer must be to an edge, in canvas pixels.
const HIT_TOLERANCE: f32 = 5.0;

/// The edge under the pointer.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct EdgeUnder {
    /// 0 for the edges from the inputs.
    layer: usize,
    /// The neuron the edge leads to.
    to: usize,
    /// The input or neuron it comes from.
    from: usize,
    weight: f32,
}

nullable!(EdgeUnder);

#[wasm_bindgen]
impl Playground {
    /// Nodes per column of the diagram: enabled inputs, each hidden layer, outputs.
    #[wasm_bindgen(js_name = columnWidths)]
    pub fn column_widths(&self) -> Vec<u32> {
        let mlp = &self.trainer.members[0].mlp;
        std::iter::once(mlp.inputs())
            .chain(mlp.layers.iter().map(|l| l.outputs))
            .map(|n| n as u32)
            .collect()
    }

    /// Where the page placed each node: [left, right, y] in edge-canvas
    /// pixels, column by column. Returns false if the counts do not fit.
    #[wasm_bindgen(js_name = setNodeBoxes)]
    pub fn set_node_boxes(&mut self, flat: &[f32]) -> bool {
        let widths: Vec<usize> = self.column_widths().into_iter().map(|n| n as usize).collect();
        match Diagram::from_flat(flat, &widths) {
            Some(d) => {
                self.diagram = d;
                true
            }
            None => false,
        }
    }

    /// Draws the edges, the biases and every node's thumbnail (from the last
    /// painted grid pass) on `canvas`, at the boxes the page gave.
    #[wasm_bindgen(js_name = drawNetwork)]
    pub fn draw_network(&mut self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        let mlp = &self.trainer.members[0].mlp;
        if !self.diagram.fits(mlp) {
            return Ok(());
        }
        if self.atlas.is_none() {
            self.atlas = Some(super::canvas::scratch_canvas(1, 1).map_err(js_error)?);
        }
        let atlas = self.atlas.as_ref().expect("created above");
        if self.atlas_stale {
            network_view::fill_atlas(atlas, &self.thumbs).map_err(js_error)?;
            self.atlas_stale = false;
        }
        network_view::draw_edges(canvas, &self.diagram, mlp, self.hover).map_err(js_error)?;
        network_view::draw_thumbnails(canvas, &self.diagram, atlas).map_err(js_error)
    }

    /// The edge under (x, y) in edge-canvas pixels, highlighted from now on:
    /// `{layer, to, from, weight}`, or null if none.
    #[wasm_bindgen(js_name = hoverEdge)]
    pub fn hover_edge(&mut self, x: f32, y: f32) -> Nullable<EdgeUnder> {
        let mlp = &self.trainer.members[0].mlp;
        self.hover = if self.diagram.fits(mlp) {
            self.diagram.edge_at(x, y, HIT_TOLERANCE)
        } else {
            None
        };
        or_null(self.hover.map(|e| EdgeUnder {
            layer: e.layer,
            to: e.to,
            from: e.from,
            weight: mlp.params[weight_index(mlp, e)],
        }))
    }

    /// Forgets the highlighted edge.
    #[wasm_bindgen(js_name = clearHover)]
    pub fn clear_hover(&mut self) {
        self.hover = None;
    }

    /// Weight W[to, from] of `layer` (0 = from the inputs) of the shown
    /// network; undefined when there is no such weight.
    pub fn weight(&self, layer: usize, to: usize, from: usize) -> Option<f32> {
        self.trainer.weight(layer, to, from)
    }

    /// Sets one weight of the shown network, as a student clicking an edge
    /// would. Returns null, or why the value was refused (nothing changed).
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, layer: usize, to: usize, from: usize, value: f32) -> Nullable<Said> {
        or_null(
            self.edit(Edit {
                part: Part::Weight,
                layer,
                to,
                from,
                value,
            })
            .map(Said),
        )
    }

    /// Bias of neuron `j` of `layer` (0 = first hidden layer); undefined when there is none.
    pub fn bias(&self, layer: usize, j: usize) -> Option<f32> {
        self.trainer.bias(layer, j)
    }

    /// Sets the bias of neuron `j` of `layer`. Returns null, or why the
    /// value was refused (nothing changed).
    #[wasm_bindgen(js_name = setBias)]
    pub fn set_bias(&mut self, layer: usize, j: usize, value: f32) -> Nullable<Said> {
        or_null(
            self.edit(Edit {
                part: Part::Bias,
                layer,
                to: j,
                from: 0,
                value,
            })
            .map(Said),
        )
    }
}

/// The enlarged neuron: its map, computed again only when the network or
/// the neuron changed, and the canvas it is put on before it is stretched.
#[derive(Default)]
pub struct Zoom {
    map: NeuronMap,
    /// The trainer's version, layer and neuron `map` shows.
    shows: Option<(u64, usize, usize)>,
    blitter: Option<(usize, Blitter)>,
}

#[wasm_bindgen]
impl Playground {
    /// Draws neuron `j` of `layer` (0 = the first hidden layer, the output
    /// layer last) large on `canvas`: its output over the whole grid of the
    /// output view (the thumbnail samples 25 × 25 probes), or for 1D data its
    /// response curve. Returns false when the network has no such neuron.
    #[wasm_bindgen(js_name = drawNeuron)]
    pub fn draw_neuron(&mut self, canvas: &HtmlCanvasElement, layer: usize, j: usize) -> Result<bool, JsError> {
        let zoom = &mut self.zoom;
        let wanted = (self.trainer.version, layer, j);
        if zoom.shows != Some(wanted) {
            if !zoom.map.fill(&self.trainer.members[0].mlp, &self.grid, layer, j) {
                return Ok(false);
            }
            zoom.shows = Some(wanted);
        }
        let size = zoom.map.size;
        if zoom.blitter.as_ref().is_none_or(|(s, _)| *s != size) {
            zoom.blitter = Some((size, Blitter::new(size as u32).map_err(js_error)?));
        }
        let (_, blitter) = zoom.blitter.as_ref().expect("created above");
        blitter.blit(&zoom.map.rgba, size as u32, canvas).map_err(js_error)?;
        Ok(true)
    }
}

impl Playground {
    /// Makes `edit` and keeps it in the settings (the link); the readouts
    /// follow the new value. A refusal becomes its message, nothing changed.
    fn edit(&mut self, edit: Edit) -> Option<Message> {
        let edits = &self.settings.network.edits;
        let new_place = !edits.iter().any(|e| e.same_place(&edit));
        if new_place && edits.len() >= MAX_EDITS {
            return Some(
                ConfigError::TooMany {
                    key: "edits",
                    given: edits.len() + 1,
                    most: MAX_EDITS,
                }
                .message(),
            );
        }
        if let Err(e) = self.trainer.apply(&edit) {
            return Some(e.message());
        }
        let edits = &mut self.settings.network.edits;
        edits.retain(|e| !e.same_place(&edit));
        edits.push(edit);
        self.refresh();
        None
    }
}
