//! The network: activations, output heads and losses, initialisation, and
//! the MLP's forward and backward passes with dropout and batch norm.

pub mod activation;
pub mod head;
pub mod init;
pub mod kernels;
pub mod mlp;

pub use activation::Activation;
pub use head::Head;
pub use init::Init;
pub use mlp::{Architecture, Mlp, Scratch, Tape};
