//! TensorFlow Playground's links, hand-written from its key list
//! (src/state.ts in tensorflow/playground), open here with the same setup,
//! and name what has no equivalent.

mod common;

use common::{train, trainer};
use neuroplay::config::table::split;
use neuroplay::config::tfp::translate;
use neuroplay::config::Settings;
use neuroplay::message::Code;

/// Its default page, as its address bar shows it: every key of its State.
const DEFAULT_PAGE: &str = "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59874&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false";

/// A regression link, bare hash: its gaussian bumps, L2, a cosine input.
const REGRESSION: &str = "#activation=relu&batchSize=20&dataset=circle&regDataset=reg-gauss&learningRate=0.01&regularizationRate=0.001&regularization=L2&noise=15&networkShape=6,3&seed=0.12345&showTestData=true&discretize=false&percTrainData=70&x=true&y=true&xSquared=true&cosX=true&sinY=true&problem=regression&initZero=false";

/// A classroom link with hidden controls: an input hidden (it leaves the
/// network), controls hidden, two of them with no counterpart here.
const HIDDEN: &str = "dataset=spiral&noise=25&networkShape=8,8,5&activation=sigmoid&learningRate=0.1&x=true&y=true&sinX=true&sinY=true&x_hide=true&noise_hide=true&problem_hide=true&playButton_hide=true&learningRate_hide=true&tutorial=dataset&initZero=true&hideText=true&discretize=true";

/// The translated link: our settings (which must all be valid), our page
/// keys, and what was dropped.
fn open(link: &str) -> (Settings, String, Vec<String>) {
    let t = translate(link).unwrap_or_else(|| panic!("not recognised: {link}"));
    let (core, page) = split::<Settings>(&t.hash);
    let (settings, errors) = Settings::from_query(&core);
    assert!(errors.is_empty(), "{link}: {errors:?}");
    let code = t.message().code;
    assert_eq!(code == Code::TfpLink, t.dropped.is_empty(), "{code:?} {:?}", t.dropped);
    (settings, page, t.dropped)
}

fn get(s: &Settings, key: &str) -> String {
    s.get(key).unwrap()
}

#[test]
fn its_default_page_opens_with_its_setup_and_nothing_dropped() {
    let (s, page, dropped) = open(DEFAULT_PAGE);
    for (key, value) in [
        ("dataset", "circle"),
        ("noise", "0"),
        ("points", "500"),
        ("trainShare", "0.5"),
        ("features", "x1,x2"),
        ("layers", "4,2"),
        ("activation", "tanh"),
        ("output", "tanh"),
        ("optimizer", "sgd"),
        ("init", "tfp"),
        ("lr", "0.03"),
        ("batch", "10"),
        ("reg", "none"),
        ("standardize", "0"),
        ("seed", "59874"),
    ] {
        assert_eq!(get(&s, key), value, "{key}");
    }
    assert_eq!(page, "showTest=0&discretize=0");
    assert!(dropped.is_empty(), "{dropped:?}");
}

#[test]
fn a_regression_link_opens_its_set_with_the_identity_head_and_drops_the_cosine() {
    let (s, page, dropped) = open(REGRESSION);
    for (key, value) in [
        ("dataset", "gaussians"),
        ("output", "identity"),
        ("points", "1200"),
        ("noise", "0.15"),
        ("trainShare", "0.7"),
        ("features", "x1,x2,x1sq,sinx2"),
        ("layers", "6,3"),
        ("activation", "relu"),
        ("lr", "0.01"),
        ("batch", "20"),
        ("reg", "l2"),
        ("regRate", "0.001"),
        ("init", "tfp"),
        ("seed", "12345"),
    ] {
        assert_eq!(get(&s, key), value, "{key}");
    }
    assert_eq!(page, "showTest=1&discretize=0");
    assert_eq!(dropped, ["cosX=true"]);
}

#[test]
fn hidden_controls_are_hidden_here_and_those_with_no_counterpart_named() {
    let (s, page, dropped) = open(HIDDEN);
    for (key, value) in [
        ("dataset", "spiral"),
        ("noise", "0.25"),
        ("features", "x2,sinx1,sinx2"),
        ("layers", "8,8,5"),
        ("activation", "sigmoid"),
        ("output", "tanh"),
        ("init", "zero"),
        ("lr", "0.1"),
    ] {
        assert_eq!(get(&s, key), value, "{key}");
    }
    assert_eq!(page, "showTest=0&discretize=1&hide=noise,lr");
    assert_eq!(
        dropped,
        ["tutorial=dataset", "problem_hide=true", "playButton_hide=true"]
    );
}

#[test]
fn values_beyond_our_limits_and_unknown_options_are_dropped_and_named() {
    let (s, _, dropped) =
        open("#dataset=moons&activation=swish&learningRate=100&networkShape=4,2&regDataset=reg-argmax&problem=classification");
    assert_eq!(dropped, ["dataset=moons", "activation=swish", "learningRate=100"]);
    assert_eq!(
        (get(&s, "dataset"), get(&s, "activation"), get(&s, "lr")),
        ("circle".into(), "tanh".into(), "0.03".into())
    );
}

#[test]
fn our_own_links_and_other_text_are_not_its() {
    for link in [
        "",
        "#dataset=xor&layers=4,2&lr=0.03&seed=3",
        "https://example.org/#dataset=spiral&noise=0.25",
        "dataset=circle&activation=tanh&noise=0&seed=1",
    ] {
        assert_eq!(translate(link), None, "{link}");
    }
}

#[test]
fn keys_of_neither_go_on_for_the_usual_reader_and_missing_keys_take_its_defaults() {
    let t = translate("#networkShape=3&lang=cs&bogus=1").unwrap();
    assert!(t.hash.ends_with("&lang=cs&bogus=1"), "{}", t.hash);
    let (s, page, _) = open("#networkShape=3");
    assert_eq!(
        get(&s, "features"),
        "x1,x2",
        "its inputs x and y are on unless a link says not"
    );
    assert_eq!(
        (get(&s, "dataset"), get(&s, "output"), get(&s, "init")),
        ("circle".into(), "tanh".into(), "tfp".into())
    );
    assert_eq!(page, "showTest=0&discretize=0");
}

#[test]
fn its_initialisation_starts_every_bias_at_0_1_and_every_weight_within_a_half() {
    let t = trainer(&split::<Settings>(&translate(DEFAULT_PAGE).unwrap().hash).0);
    let mlp = &t.members[0].mlp;
    let mut weights = Vec::new();
    for layer in &mlp.layers {
        assert!(mlp.params[layer.biases..layer.biases + layer.outputs]
            .iter()
            .all(|&b| b == 0.1));
        weights.extend_from_slice(&mlp.params[layer.weight_range()]);
    }
    assert_eq!(weights.len(), 2 * 4 + 4 * 2 + 2);
    assert!(weights.iter().all(|w| (-0.5..=0.5).contains(w)), "{weights:?}");
    // Wider than Xavier's on the 2-4 layer would be, whatever the draw.
    assert!(weights.iter().any(|w| w.abs() > 0.25), "{weights:?}");
}

#[test]
fn a_link_made_here_from_a_translated_link_reproduces_the_run() {
    for link in [DEFAULT_PAGE, REGRESSION, HIDDEN] {
        let (s, _, _) = open(link);
        let ours = s.to_query();
        let run = |query: &str| {
            let mut t = trainer(query);
            train(&mut t, 5);
            // Losses, not whole records: regression's accuracy is NaN.
            let losses: Vec<(f32, f32)> = t.history.records.iter().map(|r| (r.train.loss, r.test.loss)).collect();
            (t.members[0].mlp.params.clone(), losses)
        };
        let (core, _) = split::<Settings>(&translate(link).unwrap().hash);
        assert_eq!(run(&core), run(&ours), "{link}");
        assert_eq!(Settings::from_query(&ours).0, s);
    }
}
