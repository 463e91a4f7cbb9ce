//! The typed error every rejected setting produces.

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
        /// What the key accepts, in words.
        expected: &'static str,
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
}

/// The languages messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Czech.
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
                format!(
                    "{key} = \"{value}\" není platná hodnota (očekáváno: {})",
                    expected_cs(expected)
                )
            }
            (ConfigError::OutOfRange { key, value, min, max }, Lang::En) => {
                format!("{key} = {value} is out of range: allowed {min} to {max}")
            }
            (ConfigError::OutOfRange { key, value, min, max }, Lang::Cs) => {
                format!("{key} = {value} je mimo rozsah: povoleno {min} až {max}")
            }
            (ConfigError::HeadMismatch { head, dataset, classes }, Lang::En) => {
                let hint = match classes {
                    0 => "regression: use identity".to_string(),
                    2 => "two classes: use sigmoid, tanh or softmax".to_string(),
                    k => format!("{k} classes: use softmax"),
                };
                format!("output {head} cannot be trained on {dataset} ({hint})")
            }
            (ConfigError::HeadMismatch { head, dataset, classes }, Lang::Cs) => {
                let hint = match classes {
                    0 => "regrese: použijte identitu".to_string(),
                    2 => "dvě třídy: použijte sigmoidu, tanh nebo softmax".to_string(),
                    k => format!("tříd je {k}: použijte softmax"),
                };
                format!("výstup {head} nelze trénovat na {dataset} ({hint})")
            }
            (ConfigError::ActivationCount { given, layers }, Lang::En) => {
                format!("activation lists {given} layers but the network has {layers}")
            }
            (ConfigError::ActivationCount { given, layers }, Lang::Cs) => {
                format!("aktivace jsou uvedeny pro {given} vrstev, ale síť jich má {layers}")
            }
            (ConfigError::BatchNormNeedsBatches, Lang::En) => {
                "batch normalisation needs minibatches of at least 2 points".to_string()
            }
            (ConfigError::BatchNormNeedsBatches, Lang::Cs) => {
                "batch normalizace potřebuje dávky alespoň o 2 bodech".to_string()
            }
        }
    }
}

/// The Czech for each `expected` phrase the settings table uses.
fn expected_cs(expected: &str) -> &str {
    match expected {
        "a number" => "číslo",
        "a whole number" => "celé číslo",
        "0 or 1" => "0 nebo 1",
        "a dataset name" => "název datové sady",
        "an activation name" => "název aktivace",
        "an output head" => "název výstupu",
        "xavier, he or zero" => "xavier, he nebo zero",
        "an optimizer name" => "název optimalizátoru",
        "none, l1 or l2" => "none, l1 nebo l2",
        "feature names such as x1,x2,x1sq" => "názvy příznaků, např. x1,x2,x1sq",
        "a whole number from 0 to 4294967295" => "celé číslo od 0 do 4294967295",
        other => other,
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ConfigError {}
