//! The lecture's ready scenarios: each a share link with its title in both
//! languages and, for the playground's, what it claims happens, as data
//! (a [`Claim`] with its numbers). The page's scenario menu reads this
//! table (`scenarios()` in `web`); `tests/scenarios.rs` trains every
//! playground scenario for [`EPOCHS`] epochs from several seeds and checks
//! each claim at every epoch, so the sentence the page shows is true.
//!
//! A lab's scenarios (with `lab`) open that lab with its own keys; their
//! labs' own tests check what they show.

use crate::config::Settings;
use crate::train::{Halt, Record, Trainer};
use crate::view::number::{format, Digits, Style};

/// The epochs every claim is checked over: a run of about a minute on the
/// page at its default speed, longer than a lecture lets a scenario run.
pub const EPOCHS: usize = 5000;

/// The seeds every claim must hold for (the page opens a scenario at seed 1).
pub const SEEDS: std::ops::RangeInclusive<u32> = 1..=5;

/// What a scenario claims happens, with its numbers. An epoch-wise claim
/// holds at every epoch of its span, up to [`EPOCHS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Claim {
    /// The test accuracy is at least `min` at every epoch from `from` on.
    Learns {
        /// The lowest test accuracy allowed (a share, 0.9 = 90 %).
        min: f32,
        /// The first epoch checked.
        from: usize,
    },
    /// The test accuracy is at most `max` at every epoch, from epoch 0.
    Fails {
        /// The highest test accuracy allowed.
        max: f32,
    },
    /// The test loss (the mean over the test points, without penalties) is
    /// at most `max` at every epoch from `from` on.
    LossBelow {
        /// The highest test loss allowed.
        max: f32,
        /// The first epoch checked.
        from: usize,
    },
    /// The training accuracy exceeds the test accuracy by at least `gap`
    /// at every epoch from `from` on: the network overfits.
    Overfits {
        /// The smallest difference allowed (a share, 0.1 = 10 points).
        gap: f32,
        /// The first epoch checked.
        from: usize,
    },
    /// Early stopping halts training before epoch `by`, with a best
    /// validation epoch before that for "restore best" to bring back.
    StopsEarly {
        /// The stop must come before this epoch.
        by: usize,
    },
    /// Within every hidden layer, all neurons keep the same incoming weights
    /// and bias (to 1e-6) at every epoch: a symmetric start stays symmetric.
    Symmetric,
    /// The first hidden layer's mean |∂L/∂w| stays below 1/`ratio` of the
    /// output layer's at every epoch from 1 on: the gradient vanishes
    /// on its way back.
    Vanishes {
        /// How many times smaller the first layer's gradient must be.
        ratio: f32,
    },
}

/// Which side of its bound a claim's figure must stay on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// The figure must be at least this.
    AtLeast(f32),
    /// The figure must be at most this.
    AtMost(f32),
}

impl Bound {
    /// Whether `figure` keeps the bound.
    pub fn keeps(self, figure: f32) -> bool {
        match self {
            Bound::AtLeast(b) => figure >= b,
            Bound::AtMost(b) => figure <= b,
        }
    }

    /// Of two figures, the one nearer to breaking the bound.
    pub fn worse(self, a: f32, b: f32) -> f32 {
        match self {
            Bound::AtLeast(_) => a.min(b),
            Bound::AtMost(_) => a.max(b),
        }
    }
}

impl Claim {
    /// The claim's name, as the page's data knows it.
    pub fn name(&self) -> &'static str {
        match self {
            Claim::Learns { .. } => "learns",
            Claim::Fails { .. } => "fails",
            Claim::LossBelow { .. } => "lossBelow",
            Claim::Overfits { .. } => "overfits",
            Claim::StopsEarly { .. } => "stopsEarly",
            Claim::Symmetric => "symmetric",
            Claim::Vanishes { .. } => "vanishes",
        }
    }

    /// The bound the claim's figure (see [`Claim::figure`]) must keep.
    pub fn bound(&self) -> Bound {
        match *self {
            Claim::Learns { min, .. } => Bound::AtLeast(min),
            Claim::Fails { max } => Bound::AtMost(max),
            Claim::LossBelow { max, .. } => Bound::AtMost(max),
            Claim::Overfits { gap, .. } => Bound::AtLeast(gap),
            Claim::StopsEarly { by } => Bound::AtMost(by as f32 - 1.0),
            Claim::Symmetric => Bound::AtMost(1e-6),
            Claim::Vanishes { ratio } => Bound::AtMost(1.0 / ratio),
        }
    }

    /// The figure the claim watches in `trainer` as it is after an epoch
    /// (its newest record), or None when that epoch lies outside the
    /// claim's span: the test accuracy, the test loss, the train − test
    /// accuracy gap, the epoch early stopping halted at, the largest
    /// difference between two neurons of a layer, or the first layer's
    /// gradient over the output layer's.
    pub fn figure(&self, trainer: &Trainer) -> Option<f32> {
        let record: &Record = trainer.history.last()?;
        let from = |from: usize| record.epoch >= from;
        match *self {
            Claim::Learns { from: f, .. } => from(f).then_some(record.test.accuracy),
            Claim::Fails { .. } => Some(record.test.accuracy),
            Claim::LossBelow { from: f, .. } => from(f).then_some(record.test.loss),
            Claim::Overfits { from: f, .. } => from(f).then_some(record.train.accuracy - record.test.accuracy),
            Claim::StopsEarly { .. } => match (&trainer.halt, &trainer.best) {
                (Some(Halt::EarlyStopped { best_epoch }), Some(best)) if best.epoch == *best_epoch => {
                    (best.epoch < trainer.epoch).then_some(trainer.epoch as f32)
                }
                _ => None,
            },
            Claim::Symmetric => Some(asymmetry(trainer)),
            Claim::Vanishes { .. } => {
                let g = record.gradients.as_slice();
                (record.epoch >= 1 && g.len() >= 2).then(|| g[0] / g[g.len() - 1])
            }
        }
    }

    /// Whether the claim needs the run to end early (early stopping), so
    /// that a run that never halts breaks it.
    pub fn needs_halt(&self) -> bool {
        matches!(self, Claim::StopsEarly { .. })
    }

    /// The claim in words, in `lang` ("en" or "cs"), with its numbers as
    /// the page writes them.
    pub fn sentence(&self, lang: &str) -> String {
        let style = Style::of(lang);
        let pct = |x: f32| format!("{} %", format(f64::from(x) * 100.0, Digits::Decimals(0), style));
        let num = |x: f32| format(f64::from(x), Digits::Decimals(3), style);
        let epochs = |n: usize| format(n as f64, Digits::Whole, style);
        let end = epochs(EPOCHS);
        let cs = lang == "cs";
        match *self {
            Claim::Learns { min, from } if cs => format!(
                "Přesnost na testovacích datech je od epochy {} do {end} vždy aspoň {}.",
                epochs(from),
                pct(min)
            ),
            Claim::Learns { min, from } => format!(
                "Test accuracy stays at or above {} from epoch {} to {end}.",
                pct(min),
                epochs(from)
            ),
            Claim::Fails { max } if cs => {
                format!("Přesnost na testovacích datech zůstane po všech {end} epoch nejvýš {}.", pct(max))
            }
            Claim::Fails { max } => format!("Test accuracy stays at or below {} for all {end} epochs.", pct(max)),
            Claim::LossBelow { max, from } if cs => format!(
                "Chyba na testovacích datech je od epochy {} do {end} vždy nejvýš {}.",
                epochs(from),
                num(max)
            ),
            Claim::LossBelow { max, from } => format!(
                "The test loss stays at or below {} from epoch {} to {end}.",
                num(max),
                epochs(from)
            ),
            Claim::Overfits { gap, from } if cs => format!(
                "Od epochy {} do {end} je přesnost na trénovacích datech vždy aspoň o {} procentních bodů vyšší než na testovacích: síť se přeučí.",
                epochs(from),
                format(f64::from(gap) * 100.0, Digits::Decimals(0), style)
            ),
            Claim::Overfits { gap, from } => format!(
                "From epoch {} to {end}, training accuracy stays at least {} percentage points above test accuracy: the network overfits.",
                epochs(from),
                format(f64::from(gap) * 100.0, Digits::Decimals(0), style)
            ),
            Claim::StopsEarly { by } if cs => format!(
                "Předčasné zastavení ukončí trénink před epochou {} a „Vrátit nejlepší“ vrátí váhy z nejlepší epochy na validačních datech.",
                epochs(by)
            ),
            Claim::StopsEarly { by } => format!(
                "Early stopping ends training before epoch {}, and “Restore best” brings back the weights of the best epoch on validation data.",
                epochs(by)
            ),
            Claim::Symmetric if cs => {
                format!("Neurony každé skryté vrstvy mají po všech {end} epoch navzájem stejné váhy.")
            }
            Claim::Symmetric => format!("The neurons of each hidden layer keep identical weights for all {end} epochs."),
            Claim::Vanishes { ratio } if cs => format!(
                "Gradient první vrstvy je po všech {end} epoch aspoň {}× menší než gradient výstupní vrstvy.",
                num(ratio)
            ),
            Claim::Vanishes { ratio } => format!(
                "The first layer's gradient stays at least {}× smaller than the output layer's for all {end} epochs.",
                num(ratio)
            ),
        }
    }
}

/// The largest difference, over the hidden layers, between a neuron's
/// incoming weights and bias and those of the layer's first neuron (of
/// the first network).
fn asymmetry(trainer: &Trainer) -> f32 {
    let mlp = &trainer.members[0].mlp;
    let hidden = &mlp.layers[..mlp.layers.len() - 1];
    let mut most = 0.0f32;
    for layer in hidden {
        let row = |j: usize| {
            let w = layer.weights + j * layer.inputs;
            mlp.params[w..w + layer.inputs]
                .iter()
                .chain([&mlp.params[layer.biases + j]])
        };
        for j in 1..layer.outputs {
            for (a, b) in row(0).zip(row(j)) {
                most = most.max((a - b).abs());
            }
        }
    }
    most
}

/// A ready scenario of the lecture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scenario {
    /// Its stable name.
    pub id: &'static str,
    /// Its title in English.
    pub en: &'static str,
    /// Its title in Czech.
    pub cs: &'static str,
    /// Its share link: the playground's keys, or with `lab`, that lab's.
    pub link: &'static str,
    /// The lab it opens (its `lab=` name); None opens the playground.
    pub lab: Option<&'static str>,
    /// What happens when it trains: every claim holds over [`EPOCHS`]
    /// epochs for every seed of [`SEEDS`]. Empty for a lab's scenario.
    pub claims: &'static [Claim],
}

impl Scenario {
    /// The settings of its link, at `seed`, with any key the table
    /// refused (none, for a scenario of the table).
    pub fn settings(&self, seed: u32) -> (Settings, Vec<crate::config::ConfigError>) {
        Settings::from_query(&format!("{}&seed={seed}", self.link))
    }

    /// Its claims in words, in `lang`, one sentence after another.
    pub fn says(&self, lang: &str) -> String {
        self.claims
            .iter()
            .map(|c| c.sentence(lang))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How one claim fared over one run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// The claim.
    pub claim: Claim,
    /// Its worst figure over the run (None: never measured, e.g. a run
    /// that should have stopped early and did not).
    pub worst: Option<f32>,
    /// The epoch of that figure.
    pub at: usize,
    /// The last epoch trained: short of the run's length when it halted.
    pub last: usize,
}

impl Verdict {
    /// Whether the claim held over the whole run of `epochs` epochs: a run
    /// that halted early holds only a claim that it stops early.
    pub fn holds(&self, epochs: usize) -> bool {
        (self.last >= epochs || self.claim.needs_halt()) && self.worst.is_some_and(|w| self.claim.bound().keeps(w))
    }
}

/// Trains `scenario` from `seed` for `epochs` epochs (or until it halts)
/// with the page's trainer, and measures each claim after every epoch.
pub fn run(scenario: &Scenario, seed: u32, epochs: usize) -> Vec<Verdict> {
    let (settings, _) = scenario.settings(seed);
    let mut trainer = Trainer::new(&settings);
    let mut verdicts: Vec<Verdict> = scenario
        .claims
        .iter()
        .map(|&claim| Verdict {
            claim,
            worst: None,
            at: 0,
            last: 0,
        })
        .collect();
    loop {
        // At epoch 0 and after every epoch, the halting one included.
        for v in &mut verdicts {
            if let Some(x) = v.claim.figure(&trainer) {
                let worse = v.worst.map_or(x, |w| v.claim.bound().worse(w, x));
                if v.worst != Some(worse) {
                    (v.worst, v.at) = (Some(worse), trainer.epoch);
                }
            }
            v.last = trainer.epoch;
        }
        if trainer.epoch >= epochs || trainer.halt.is_some() {
            return verdicts;
        }
        trainer.train_epoch();
    }
}

/// Every scenario, in the order of the page's menu.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        id: "linear-circle",
        en: "A linear model fails on the circle",
        cs: "Lineární model na kruhu selže",
        link: "dataset=circle&layers=&features=x1,x2&lr=0.1&noise=0.1",
        lab: None,
        claims: &[Claim::Fails { max: 0.7 }],
    },
    Scenario {
        id: "features-circle",
        en: "…and the features x1², x2² rescue it",
        cs: "…a příznaky x1², x2² ho zachrání",
        link: "dataset=circle&layers=&features=x1,x2,x1sq,x2sq&lr=0.1&noise=0.1",
        lab: None,
        claims: &[Claim::Learns { min: 0.95, from: 100 }],
    },
    Scenario {
        id: "xor-linear",
        en: "XOR: no line separates it",
        cs: "XOR: žádná přímka ho neoddělí",
        link: "dataset=xor&layers=&features=x1,x2&lr=0.1",
        lab: None,
        claims: &[Claim::Fails { max: 0.75 }],
    },
    Scenario {
        id: "xor-hidden",
        en: "XOR needs a hidden layer",
        cs: "XOR potřebuje skrytou vrstvu",
        link: "dataset=xor&layers=4&activation=tanh&features=x1,x2&lr=0.03",
        lab: None,
        claims: &[Claim::Learns { min: 0.9, from: 300 }],
    },
    Scenario {
        id: "linear-collapse",
        en: "Linear activations collapse to one linear map",
        cs: "Lineární aktivace splynou v jedno lineární zobrazení",
        link: "dataset=circle&layers=8,8,8&activation=linear&features=x1,x2&lr=0.03",
        lab: None,
        claims: &[Claim::Fails { max: 0.7 }],
    },
    Scenario {
        id: "relu-circle",
        en: "One ReLU layer bends the boundary",
        cs: "Jedna vrstva ReLU ohne hranici",
        link: "dataset=circle&layers=8&activation=relu&features=x1,x2&lr=0.03&init=he",
        lab: None,
        claims: &[Claim::Learns { min: 0.95, from: 100 }],
    },
    Scenario {
        id: "deep-sigmoid",
        en: "Deep sigmoid network: gradients vanish",
        cs: "Hluboká síť se sigmoidou: gradienty mizí",
        link: "dataset=spiral&layers=8,8,8,8,8,8&activation=sigmoid&features=x1,x2&lr=0.03",
        lab: None,
        claims: &[Claim::Vanishes { ratio: 5.0 }, Claim::Fails { max: 0.7 }],
    },
    Scenario {
        id: "deep-relu",
        en: "Deep ReLU network learns the spiral",
        cs: "Hluboká síť s ReLU se naučí spirálu",
        link: "dataset=spiral&layers=16,16,16,16,16,16&activation=relu&features=x1,x2&lr=0.003&optimizer=momentum&init=he",
        lab: None,
        claims: &[Claim::Learns { min: 0.9, from: 300 }],
    },
    Scenario {
        id: "overfit",
        en: "Overfit a small noisy set",
        cs: "Přeučení na malých zašuměných datech",
        link: "dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.003&init=he",
        lab: None,
        claims: &[Claim::Overfits { gap: 0.1, from: 300 }],
    },
    Scenario {
        id: "regularise",
        en: "…then regularise it (L2, dropout)",
        cs: "…a pak ho regularizujte (L2, dropout)",
        link: "dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.003&init=he&reg=l2&regRate=0.01&dropout=0.2",
        lab: None,
        claims: &[Claim::LossBelow { max: 1.2, from: 300 }],
    },
    Scenario {
        id: "early-stopping",
        en: "Early stopping on validation loss",
        cs: "Předčasné zastavení podle validační chyby",
        link: "dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.003&init=he&patience=30",
        lab: None,
        claims: &[Claim::StopsEarly { by: 300 }],
    },
    Scenario {
        id: "softmax",
        en: "Three classes with softmax",
        cs: "Tři třídy se softmaxem",
        link: "dataset=blobs&classes=3&layers=8&activation=relu&output=softmax&lr=0.03",
        lab: None,
        claims: &[Claim::Learns { min: 0.95, from: 20 }],
    },
    Scenario {
        id: "spiral-arms",
        en: "Five spiral arms, five classes",
        cs: "Pět ramen spirály, pět tříd",
        link: "dataset=spirals&classes=5&noise=0.1&layers=16,16,16&activation=relu&output=softmax&optimizer=adam&lr=0.003&init=he&reg=l2&regRate=0.003",
        lab: None,
        claims: &[Claim::Learns { min: 0.75, from: 1000 }],
    },
    Scenario {
        id: "table-line",
        en: "The lecture table: a line does not fit",
        cs: "Tabulka z přednášky: přímka nestačí",
        link: "features=x&fit=1",
        lab: Some("regression"),
        claims: &[],
    },
    Scenario {
        id: "table-feature",
        en: "…add the feature x² and the fit is exact",
        cs: "…přidejte příznak x² a proložení je přesné",
        link: "features=x,x2&fit=1",
        lab: Some("regression"),
        claims: &[],
    },
    Scenario {
        id: "approx-bump",
        en: "Universal approximation: two sigmoids make a bump",
        cs: "Univerzální aproximace: dvě sigmoidy udělají hrb",
        link: "target=bump&activation=sigmoid&units=6:6:1,6:-6:-1&bias=0",
        lab: Some("approx"),
        claims: &[],
    },
    Scenario {
        id: "approx-steps",
        en: "…and steps make any curve: sin x from eleven sigmoids",
        cs: "…a schody udělají jakoukoli křivku: sin x z jedenácti sigmoid",
        link: "target=sin&activation=sigmoid&units=8:20:-0.448,8:16:-0.259,8:12:0,8:8:0.259,8:4:0.448,8:0:0.518,8:-4:0.448,8:-8:0.259,8:-12:0,8:-16:-0.259,8:-20:-0.448&bias=-0.259",
        lab: Some("approx"),
        claims: &[],
    },
    Scenario {
        id: "universal",
        en: "Universal approximation: one hidden layer fits sin x",
        cs: "Univerzální aproximace: jedna skrytá vrstva proloží sin x",
        link: "dataset=sin&layers=16&activation=tanh&optimizer=adam&lr=0.01&noise=0.1",
        lab: None,
        claims: &[Claim::LossBelow { max: 0.06, from: 300 }],
    },
    Scenario {
        id: "zero-init",
        en: "Zero initialisation: every neuron stays the same",
        cs: "Nulová inicializace: všechny neurony zůstanou stejné",
        link: "dataset=circle&layers=4,4&activation=tanh&init=zero&lr=0.1",
        lab: None,
        claims: &[Claim::Symmetric, Claim::Fails { max: 0.55 }],
    },
];

/// The playground's scenarios: those whose claims the native test checks.
pub fn playground() -> impl Iterator<Item = &'static Scenario> {
    SCENARIOS.iter().filter(|s| s.lab.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_is_read_whole_and_every_playground_scenario_claims_something() {
        let mut ids = std::collections::HashSet::new();
        for s in SCENARIOS {
            assert!(ids.insert(s.id), "{} twice", s.id);
            match s.lab {
                None => {
                    let (_, errors) = s.settings(1);
                    assert!(errors.is_empty(), "{}: {errors:?}", s.id);
                    assert!(!s.claims.is_empty(), "{} claims nothing", s.id);
                }
                Some(lab) => {
                    assert!(
                        crate::labs::all().iter().any(|l| l.name == lab),
                        "{}: no lab {lab}",
                        s.id
                    );
                    assert!(s.claims.is_empty(), "{}: its lab's tests check it", s.id);
                }
            }
        }
    }

    #[test]
    fn a_claim_says_its_numbers_in_each_language() {
        let c = Claim::Learns { min: 0.9, from: 300 };
        assert_eq!(
            c.sentence("en"),
            "Test accuracy stays at or above 90 % from epoch 300 to 5,000."
        );
        assert_eq!(
            c.sentence("cs"),
            "Přesnost na testovacích datech je od epochy 300 do 5\u{a0}000 vždy aspoň 90 %."
        );
        let loss = Claim::LossBelow { max: 0.05, from: 1000 }.sentence("cs");
        assert!(loss.contains("0,05") && loss.contains("1\u{a0}000"), "{loss}");
    }

    #[test]
    fn a_bound_keeps_and_picks_the_worse_figure_on_its_side() {
        assert!(Bound::AtLeast(0.9).keeps(0.9) && !Bound::AtLeast(0.9).keeps(0.89));
        assert!(Bound::AtMost(0.5).keeps(0.5) && !Bound::AtMost(0.5).keeps(0.51));
        assert_eq!(Bound::AtLeast(0.0).worse(0.3, 0.7), 0.3);
        assert_eq!(Bound::AtMost(0.0).worse(0.3, 0.7), 0.7);
    }
}
