//! The lecture's labs, each on the same core as the playground: gradient
//! descent on a surface, linear regression with the feature x², and the
//! neuron. Each has its own settings table (so its links are read and
//! checked like the playground's), and its own handle in `web`.

pub mod approx;
pub mod backprop;
pub mod compare;
pub mod gd;
pub mod landscape;
pub mod neuron;
pub mod regression;
