//! The typed error every rejected setting produces, and its message for the page.

use crate::message::{Code, Expected, Message};
use crate::train::EditError;
use std::fmt;

/// A setting the core refused, naming the key and the bad value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// No setting has this key.
    UnknownKey(String),
    /// The value could not be read as the key's type.
    Malformed {
        /// The setting's key.
        key: &'static str,
        /// The value as given, at most 40 characters.
        value: String,
        /// What the key accepts.
        expected: Expected,
    },
    /// The value was read but lies outside the key's limits.
    OutOfRange {
        /// The setting's key.
        key: &'static str,
        /// The value as given, at most 40 characters.
        value: String,
        /// Smallest allowed value.
        min: String,
        /// Largest allowed value.
        max: String,
    },
    /// The output head cannot train the dataset's task (`classes` 0 = regression).
    HeadMismatch {
        /// The output head's name.
        head: &'static str,
        /// The dataset's name.
        dataset: &'static str,
        /// The dataset's classes (0 = regression).
        classes: usize,
    },
    /// A list of activations whose length is not the number of hidden layers.
    ActivationCount {
        /// Activations listed.
        given: usize,
        /// Hidden layers in the network.
        layers: usize,
    },
    /// Batch normalisation with minibatches of one point (zero variance).
    BatchNormNeedsBatches,
    /// An option the other settings rule out (x2 on one-dimensional data).
    NotAllowed {
        /// The setting's key.
        key: &'static str,
        /// The option refused.
        value: String,
    },
    /// A key given more than once: the last value is the one used.
    Repeated {
        /// The setting's key.
        key: &'static str,
        /// How many times the link gives it.
        count: usize,
        /// The value used (the last), at most 40 characters.
        value: String,
    },
    /// A key whose value a later key of the link replaced.
    Overridden {
        /// The setting's key.
        key: &'static str,
        /// The later key that replaced it.
        by: &'static str,
    },
    /// A hand edit in a link that could not be made (a bias out of range says "bias").
    Edit(EditError),
    /// A list longer than its setting allows.
    TooMany {
        /// The setting's key.
        key: &'static str,
        /// Items given.
        given: usize,
        /// The most allowed.
        most: usize,
    },
}

impl ConfigError {
    /// The message the page shows for this error.
    pub fn message(&self) -> Message {
        match self {
            ConfigError::UnknownKey(key) => Message::new(Code::UnknownKey).with("key", key.as_str()),
            ConfigError::Malformed { key, value, expected } => Message::new(Code::Malformed)
                .with("key", *key)
                .with("value", value.as_str())
                .word("expected", expected.name()),
            // Limits go as text: they are written as the link writes them.
            ConfigError::OutOfRange { key, value, min, max } => Message::new(Code::OutOfRange)
                .with("key", *key)
                .with("value", value.as_str())
                .with("min", min.as_str())
                .with("max", max.as_str()),
            ConfigError::HeadMismatch { head, dataset, classes } => Message::new(Code::HeadMismatch)
                .with("head", *head)
                .with("dataset", *dataset)
                .with("classes", *classes),
            ConfigError::ActivationCount { given, layers } => Message::new(Code::ActivationCount)
                .with("given", *given)
                .with("layers", *layers),
            ConfigError::BatchNormNeedsBatches => Message::new(Code::BatchNormNeedsBatches),
            ConfigError::NotAllowed { key, value } => Message::new(Code::NotAllowed)
                .with("key", *key)
                .with("value", value.as_str()),
            ConfigError::Repeated { key, count, value } => Message::new(Code::RepeatedKey)
                .with("key", *key)
                .with("count", *count)
                .with("value", value.as_str()),
            ConfigError::Overridden { key, by } => Message::new(Code::Overridden).with("key", *key).with("by", *by),
            ConfigError::Edit(e) => e.message(),
            ConfigError::TooMany { key, given, most } => Message::new(Code::TooMany)
                .with("key", *key)
                .with("given", *given)
                .with("most", *most),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ConfigError {}
