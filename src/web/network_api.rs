//! The handle's network-view methods: layout from the page, edges and
//! thumbnails drawn, weights and biases read, hovered and edited.

use super::handle::Playground;
use super::network_view;
use crate::config::Lang;
use crate::view::network::{weight_index, Diagram, Edge};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Largest |weight| or |bias| a user may type in.
const MAX_EDIT: f32 = 100.0;
/// How near the pointer must be to an edge, in canvas pixels.
const HIT_TOLERANCE: f32 = 5.0;

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

    /// Draws the edges and biases on `edges`, and every neuron's thumbnail
    /// into `thumbs` (canvases in column order), from the last grid pass.
    #[wasm_bindgen(js_name = drawNetwork)]
    pub fn draw_network(&self, edges: &HtmlCanvasElement, thumbs: &js_sys::Array) -> Result<(), JsError> {
        let mlp = &self.trainer.members[0].mlp;
        if self.diagram.fits(mlp) {
            network_view::draw_edges(edges, &self.diagram, mlp, self.hover).map_err(super::handle::js_error)?;
        }
        network_view::draw_thumbnails(thumbs, &self.thumbs).map_err(super::handle::js_error)
    }

    /// The edge under (x, y) in edge-canvas pixels, highlighted from now on:
    /// [layer, to, from, weight], or an empty array if none.
    #[wasm_bindgen(js_name = hoverEdge)]
    pub fn hover_edge(&mut self, x: f32, y: f32) -> Vec<f32> {
        let mlp = &self.trainer.members[0].mlp;
        self.hover = if self.diagram.fits(mlp) {
            self.diagram.edge_at(x, y, HIT_TOLERANCE)
        } else {
            None
        };
        self.hover
            .map(|e| {
                vec![
                    e.layer as f32,
                    e.to as f32,
                    e.from as f32,
                    mlp.params[weight_index(mlp, e)],
                ]
            })
            .unwrap_or_default()
    }

    /// Forgets the highlighted edge.
    #[wasm_bindgen(js_name = clearHover)]
    pub fn clear_hover(&mut self) {
        self.hover = None;
    }

    /// Weight W[to, from] of `layer` (0 = from the inputs) of the shown network.
    pub fn weight(&self, layer: usize, to: usize, from: usize) -> Result<f32, JsError> {
        let mlp = &self.trainer.members[0].mlp;
        let e = checked_edge(mlp, layer, to, from)?;
        Ok(mlp.params[weight_index(mlp, e)])
    }

    /// Sets one weight of the shown network, as a student clicking an edge would.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, layer: usize, to: usize, from: usize, value: f32) -> Result<(), JsError> {
        let value = self.checked_edit(value)?;
        let mlp = &mut self.trainer.members[0].mlp;
        let e = checked_edge(mlp, layer, to, from)?;
        let i = weight_index(mlp, e);
        mlp.params[i] = value;
        self.refresh();
        Ok(())
    }

    /// Bias of neuron `j` of `layer` (0 = first hidden layer).
    pub fn bias(&self, layer: usize, j: usize) -> Result<f32, JsError> {
        let mlp = &self.trainer.members[0].mlp;
        let l = mlp
            .layers
            .get(layer)
            .filter(|l| j < l.outputs)
            .ok_or_else(|| no_neuron(layer, j))?;
        Ok(mlp.params[l.biases + j])
    }

    /// Sets the bias of neuron `j` of `layer`.
    #[wasm_bindgen(js_name = setBias)]
    pub fn set_bias(&mut self, layer: usize, j: usize, value: f32) -> Result<(), JsError> {
        let value = self.checked_edit(value)?;
        let mlp = &mut self.trainer.members[0].mlp;
        let at = mlp
            .layers
            .get(layer)
            .filter(|l| j < l.outputs)
            .map(|l| l.biases + j)
            .ok_or_else(|| no_neuron(layer, j))?;
        mlp.params[at] = value;
        self.refresh();
        Ok(())
    }
}

impl Playground {
    /// A value a user typed for a weight or bias, refused when it is not a
    /// finite number within ±MAX_EDIT, or when an ensemble is shown (its
    /// output averages several networks; the edit would reach only one).
    fn checked_edit(&self, value: f32) -> Result<f32, JsError> {
        let cs = self.lang == Lang::Cs;
        if self.trainer.members.len() > 1 {
            return Err(JsError::new(if cs {
                "Váhy lze upravovat jen u jedné sítě (velikost ansámblu 1)."
            } else {
                "Weights can be edited only with a single network (ensemble size 1)."
            }));
        }
        if value.is_finite() && value.abs() <= MAX_EDIT {
            Ok(value)
        } else if cs {
            Err(JsError::new(&format!(
                "{value} není platná váha: zadejte číslo od -{MAX_EDIT} do {MAX_EDIT}"
            )))
        } else {
            Err(JsError::new(&format!(
                "{value} is not a weight: use a number from -{MAX_EDIT} to {MAX_EDIT}"
            )))
        }
    }
}

fn checked_edge(mlp: &crate::nn::Mlp, layer: usize, to: usize, from: usize) -> Result<Edge, JsError> {
    match mlp.layers.get(layer) {
        Some(l) if to < l.outputs && from < l.inputs => Ok(Edge { layer, to, from }),
        _ => Err(JsError::new(&format!(
            "no weight from neuron {from} to neuron {to} in layer {layer}"
        ))),
    }
}

fn no_neuron(layer: usize, j: usize) -> JsError {
    JsError::new(&format!("no neuron {j} in layer {layer}"))
}
