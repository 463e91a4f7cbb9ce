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

/// The languages messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Cs,
}

impl Lang {
    /// "cs" is Czech; anything else is English.
    pub fn parse(code: &str) -> Lang {
        if code == "cs" {
            Lang::Cs
        } else {
            Lang::En
        }
    }
}

impl ConfigError {
    /// The message in `lang`. Keys and values stay as the link spells them.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ConfigError::UnknownKey(key), Lang::En) => format!("unknown setting \"{key}\""),
            (ConfigError::UnknownKey(key), Lang::Cs) => format!("neznámé nastavení \"{key}\""),
            (ConfigError::Malformed { key, value, expected }, Lang::En) => {
                format!("{key} = \"{value}\" is not valid: expected {expected}")
            }
            (ConfigError::Malformed { key, value, expected }, Lang::Cs) => {
                format!("{key} = \"{value}\" není platná hodnota (očekáváno: {expected})")
            }
            (ConfigError::OutOfRange { key, value, min, max }, Lang::En) => {
                format!("{key} = {value} is out of range: allowed {min} to {max}")
            }
            (ConfigError::OutOfRange { key, value, min, max }, Lang::Cs) => {
                format!("{key} = {value} je mimo rozsah: povoleno {min} až {max}")
            }
            (ConfigError::Conflict(why), _) => why.clone(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ConfigError {}
