//! The limits the core enforces, whatever the page or a link asks for.

/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Most neurons in one hidden layer.
pub const MAX_NEURONS: usize = 32;
/// Fewest points a dataset may have.
pub const MIN_POINTS: usize = 10;
/// Most points a dataset may have.
pub const MAX_POINTS: usize = 5000;
/// Fewest classes of the multi-class sets.
pub const MIN_CLASSES: usize = 2;
/// Most classes of the multi-class sets.
pub const MAX_CLASSES: usize = 6;
/// Most networks in an ensemble.
pub const MAX_ENSEMBLE: usize = 10;
/// Smallest learning rate α.
pub const MIN_LEARNING_RATE: f32 = 1e-6;
/// Largest learning rate α.
pub const MAX_LEARNING_RATE: f32 = 10.0;
/// Largest minibatch.
pub const MAX_BATCH: usize = 5000;
/// Largest L1 / L2 rate and weight decay.
pub const MAX_REG_RATE: f32 = 10.0;
/// Largest dropout probability.
pub const MAX_DROPOUT: f32 = 0.9;
/// Smallest share of the points used for training.
pub const MIN_TRAIN_SHARE: f32 = 0.1;
/// Largest share of the points used for training.
pub const MAX_TRAIN_SHARE: f32 = 0.9;
/// Largest noise level.
pub const MAX_NOISE: f32 = 1.0;
/// Largest standard deviation of noise augmentation, in input units.
pub const MAX_AUGMENT: f32 = 3.0;
/// Longest early-stopping patience, in epochs.
pub const MAX_PATIENCE: usize = 10_000;
/// Largest validation share of the training data.
pub const MAX_VALIDATION_SHARE: f32 = 0.5;
/// Smallest validation share of the training data.
pub const MIN_VALIDATION_SHARE: f32 = 0.05;
/// Largest momentum μ.
pub const MAX_MOMENTUM: f32 = 0.999;
/// Largest decay of a running average (RMSProp's ρ, Adam's β₁).
pub const MAX_DECAY: f32 = 0.9999;
/// Largest β₂ of Adam.
pub const MAX_BETA2: f32 = 0.99999;
/// Smallest ε in the optimisers' denominators.
pub const MIN_EPSILON: f32 = 1e-12;
/// Largest ε.
pub const MAX_EPSILON: f32 = 1.0;
/// Largest |weight| or |bias| a user may type in: room for the lecture's
/// shop model, ŷ = 50·x₁ + 20·x₂ − 300.
pub const MAX_EDIT: f32 = 1000.0;
/// Most hand edits of weights and biases a link keeps.
pub const MAX_EDITS: usize = 64;
/// The most minibatch steps a link may ask to replay (a lab's `steps`, a hand step's place).
pub const MAX_REPLAY: u64 = 200_000;
/// The most backpropagation steps applied by hand that a link records.
pub const MAX_APPLIED: usize = 100;
