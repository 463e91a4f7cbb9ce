//! The lecture's labs, each on the same core as the playground: gradient
//! descent on a surface, linear regression, the neuron, backpropagation,
//! universal approximation, the loss landscape, and two runs side by side
//! (the recipe's cards and a free comparison), and handwritten digits. Each has its own settings
//! table (so its links are read and checked like the playground's), its
//! own handle in `web`, and one line in [`each`], the list everything else
//! iterates: the page's tabs and routes, the link fuzzer, the tests.

pub mod approx;
pub mod backprop;
pub mod compare;
pub mod digits;
pub mod gd;
pub mod landscape;
pub mod neuron;
pub mod regression;

use crate::config::table::Configurable;
use serde::Serialize;
use std::fmt::Debug;

/// A lab of the lecture, as the registry knows it.
pub trait Lab {
    /// The `lab=` value of its links, its tab and its page module (`www/lab-NAME.js`).
    const NAME: &'static str;
    /// The class of its handle in JavaScript (the handle in `web/labs/`).
    const HANDLE: &'static str;
    /// A link of its own keys that moves its settings away from the defaults,
    /// written as the lab writes it: the link round trip starts from it.
    const EXAMPLE: &'static str;
    /// Its own keys, read from and written to its links by their table.
    type Settings: Configurable + PartialEq + Debug;
}

/// Something done for each lab, with its types: see [`each`].
pub trait Visitor {
    /// Called once per lab, in the order of the page's tabs.
    fn visit<L: Lab>(&mut self);
}

/// Every lab, in the order of the page's tabs: the one list a new lab joins.
pub fn each(visitor: &mut impl Visitor) {
    visitor.visit::<gd::Gd>();
    visitor.visit::<regression::Regression>();
    visitor.visit::<neuron::Neuron>();
    visitor.visit::<backprop::Backprop>();
    visitor.visit::<approx::Approx>();
    visitor.visit::<landscape::Landscape>();
    visitor.visit::<compare::Recipe>();
    visitor.visit::<compare::Compare>();
    visitor.visit::<digits::DigitsMarker>();
}

/// What the page needs to know of a lab to show its tab and open it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// See [`Lab::NAME`].
    pub name: &'static str,
    /// See [`Lab::HANDLE`].
    pub handle: &'static str,
}

/// Every lab's [`Entry`], in the order of [`each`].
pub fn all() -> Vec<Entry> {
    struct Collect(Vec<Entry>);
    impl Visitor for Collect {
        fn visit<L: Lab>(&mut self) {
            self.0.push(Entry {
                name: L::NAME,
                handle: L::HANDLE,
            });
        }
    }
    let mut entries = Collect(Vec::new());
    each(&mut entries);
    entries.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::{read_query, to_query};
    use crate::config::Settings;

    /// The round trip of one table: `example` is read without a message,
    /// moves the settings away from the defaults, and the link written from
    /// them reads back to the same settings and writes itself again.
    fn round_trip<S: Configurable + PartialEq + Debug>(what: &str, example: &str) {
        let (settings, errors) = read_query::<S>(example);
        assert!(errors.is_empty(), "{what}: {example} gives {errors:?}");
        assert_ne!(settings, S::default(), "{what}: the example changes nothing");
        let written = to_query(&settings);
        let (back, errors) = read_query::<S>(&written);
        assert!(errors.is_empty(), "{what}: the written {written} gives {errors:?}");
        assert_eq!(back, settings, "{what}: {written}");
        assert_eq!(to_query(&back), written, "{what}: the written link differs");
        // Every key the example gives comes back as it was given.
        for pair in example.split('&') {
            let (key, value) = pair.split_once('=').expect("key=value");
            let again = crate::config::table::get(&back, key).expect("a key of the table");
            let read = |text: &str| crate::config::table::find::<S>(key).unwrap().kind.parse("", text).ok();
            assert_eq!(read(&again), read(value), "{what}: {key}={value} came back as {again}");
        }
    }

    #[test]
    fn a_link_round_trips_through_every_table() {
        round_trip::<Settings>(
            "playground",
            "dataset=spirals&classes=4&layers=8,6,3&activation=relu,tanh,elu&optimizer=adamw&lr=0.001&features=x1,x2,sinx1&seed=4242",
        );
        struct Check;
        impl Visitor for Check {
            fn visit<L: Lab>(&mut self) {
                round_trip::<L::Settings>(L::NAME, L::EXAMPLE);
            }
        }
        each(&mut Check);
    }

    #[test]
    fn every_lab_has_its_own_name_and_a_handle() {
        let entries = all();
        assert!(entries.iter().any(|e| e.name == "gd"), "{entries:?}");
        let mut names: Vec<_> = entries.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), entries.len(), "names are unique: {entries:?}");
        for e in &entries {
            assert!(
                e.name.chars().all(|c| c.is_ascii_lowercase()),
                "{e:?}: a link's and a file's name"
            );
            assert!(e.handle.ends_with("Lab"), "{e:?}");
        }
    }
}
