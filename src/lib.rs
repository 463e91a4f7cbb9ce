//! A neural-network playground: a small MLP engine trained live in the browser.
//!
//! Data flows top to bottom: [`config`] turns a share link into typed
//! settings, [`data`] builds the points, [`nn`] the network, [`train`] steps
//! it, [`view`] samples it into pixels, and `web` (wasm only) blits them.

// Numeric loops index several parallel slices at once, as the formulas do.
#![allow(clippy::needless_range_loop)]
#![warn(missing_docs)]

#[macro_use]
mod named;

pub mod bench;
pub mod config;
pub mod data;
pub mod labs;
pub mod message;
pub mod nn;
pub mod random;
pub mod train;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::*;
