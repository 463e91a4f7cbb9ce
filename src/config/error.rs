//! The typed error every rejected setting produces.

use std::fmt;

/// A setting the core refused, naming the key and the bad value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// No setting has this key.
    UnknownKey(String),
    /// The value could not be read as the key's type.
    Malformed {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
    /// The value was read but lies outside the key's limits.
    OutOfRange {
        key: &'static str,
        value: String,
        min: String,
        max: String,
    },
    /// The value is fine alone but contradicts another setting.
    Conflict(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::UnknownKey(key) => write!(f, "unknown setting \"{key}\""),
            ConfigError::Malformed { key, value, expected } => {
                write!(f, "{key} = \"{value}\" is not valid: expected {expected}")
            }
            ConfigError::OutOfRange { key, value, min, max } => {
                write!(f, "{key} = {value} is out of range: allowed {min} to {max}")
            }
            ConfigError::Conflict(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ConfigError {}
