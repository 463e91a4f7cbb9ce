//! A trained network as a self-contained Python script, in NumPy alone or
//! in PyTorch: the same features, standardisation, layers and head, the
//! model file embedded, reading the playground's CSV export and printing
//! the accuracy or the mean squared error.

use super::model::ModelFile;
use crate::data::csv::Dialect;
use crate::nn::Activation;

/// What every script shares: the imports and the model.
const MODEL: &str = r#"import csv
import json
import sys

import numpy as np

# The model file the playground saved (its format: docs/model-format.md).
MODEL = json.loads(r"""__MODEL__""")
"#;

/// The playground's points: how the data file is read, its units mapped
/// into the view, and the features.
const POINTS: &str = r#"
# How the playground read the data file (separator, decimal mark, encoding,
# header, the columns read as x1, x2 and the label, the classes' names), so
# that this script reads the same file the same way.
DIALECT = json.loads(r"""__DIALECT__""")
# Whether the data is a curve: x and y, the network's output a value of y.
CURVE = __CURVE__

# The input features, as the playground computes them from a point (x1, x2).
FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sinx1": lambda x1, x2: np.sin(x1),
    "sinx2": lambda x1, x2: np.sin(x2),
}


def inputs(x1, x2):
    """The network's inputs: the file's units mapped into the view (the input
    transform), the features, then standardised as in training."""
    t = MODEL["input_transform"]
    if t:
        x1 = (x1 - t["offset"][0]) * t["scale"][0]
        x2 = (x2 - t["offset"][1]) * t["scale"][1]
    x = np.stack([FEATURES[f](x1, x2) for f in MODEL["features"]], axis=1)
    s = MODEL["standardization"]
    if s:
        x = (x - np.array(s["mean"])) / np.array(s["std"])
    return x


def in_units(outputs):
    """A curve's outputs in the file's units (the network outputs them mapped)."""
    t = MODEL["input_transform"]
    if t and t.get("target"):
        return outputs / t["target"]["scale"] + t["target"]["offset"]
    return outputs


def number(text):
    """A field as a number, with the file's decimal mark."""
    text = text.strip()
    if DIALECT["decimal_comma"]:
        text = text.replace(",", ".")
    return float(text)


def is_number(text):
    try:
        number(text)
        return True
    except ValueError:
        return False


def read(path):
    """The data file as the playground read it: x1, x2, the target and each
    row's split ("all" when the file has no split column). A first line with
    no number in it is a header; columns are then found by their names, so
    the playground's export of the same data reads too."""
    with open(path, newline="", encoding=DIALECT["encoding"]) as f:
        rows = [r for r in csv.reader(f, delimiter=DIALECT["separator"]) if any(c.strip() for c in r)]
    wanted = DIALECT["columns"][: 2 if CURVE else 3]
    at, split = list(wanted), None
    if not any(is_number(c) for c in rows[0]):
        given = [c.strip() for c in rows.pop(0)]
        names = DIALECT["header"]
        if names:
            at = [given.index(names[c]) if c < len(names) and names[c] in given else c for c in wanted]
        if "split" in given:
            split = given.index("split")
    classes = DIALECT["class_names"]

    def target(text):
        return float(classes.index(text.strip())) if classes else number(text)

    x1 = np.array([number(r[at[0]]) for r in rows])
    if CURVE:
        x2, y = np.zeros_like(x1), np.array([number(r[at[1]]) for r in rows])
    else:
        x2, y = np.array([number(r[at[1]]) for r in rows]), np.array([target(r[at[2]]) for r in rows])
    parts = [r[split].strip() if split is not None else "all" for r in rows]
    return x1, x2, y, parts
"#;

/// The outputs reported and written.
const OUTPUTS: &str = r#"

def report(outputs, target, split):
    """Accuracy (classes) or mean squared error (values), per split."""
    head = MODEL["head"]
    if head == "softmax":
        guess = outputs.argmax(axis=1)
    elif head == "sigmoid":
        guess = (outputs > 0.5).astype(float)
    elif head == "tanh":
        guess = (outputs > 0).astype(float)
    for part in sorted(set(split)):
        mask = np.array([s == part for s in split])
        if head == "identity":
            print(f"{part}: MSE {np.mean((outputs[mask] - target[mask]) ** 2):.6f} on {mask.sum()} points")
        else:
            print(f"{part}: accuracy {np.mean(guess[mask] == target[mask]):.4f} on {mask.sum()} points")


def write(path, outputs):
    """Each point's output, one line each (a softmax's probabilities side by side)."""
    with open(path, "w") as f:
        for o in outputs:
            f.write(",".join(repr(float(v)) for v in np.atleast_1d(o)) + "\n")
"#;

/// The NumPy forward pass, from the inputs to the head.
const FORWARD: &str = r#"
ACTIVATIONS = {
__ACTIVATIONS__}


def forward(x):
    """The network's outputs for its inputs x: a probability (sigmoid), a value
    in [-1, 1] (tanh), each class's probability (softmax) or a value (identity)."""
    for layer in MODEL["layers"]:
        z = x @ np.array(layer["weights"]).T + np.array(layer["biases"])
        bn = layer["batch_norm"]
        if bn:
            z = np.array(bn["gamma"]) * (z - np.array(bn["running_mean"])) / np.sqrt(
                np.array(bn["running_var"]) + bn["epsilon"]
            ) + np.array(bn["beta"])
        x = ACTIVATIONS[layer["activation"]](z)
    head = MODEL["head"]
    if head == "sigmoid":
        return 1.0 / (1.0 + np.exp(-x[:, 0]))
    if head == "tanh":
        return np.tanh(x[:, 0])
    if head == "softmax":
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    return x[:, 0]
"#;

/// A NumPy script that rebuilds `file`'s network.
pub fn numpy(file: &ModelFile) -> String {
    let body = r#"
__FORWARD__

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python3 model_numpy.py data.csv [--predictions out.csv]")
    x1, x2, target, split = read(sys.argv[1])
    outputs = in_units(forward(inputs(x1, x2)))
    report(outputs, target, split)
    if "--predictions" in sys.argv:
        write(sys.argv[sys.argv.index("--predictions") + 1], outputs)
"#;
    script(file, "NumPy", &points(file), &body.replace("__FORWARD__", &forward()))
}

/// The points' part of a playground script: how `file`'s data file is read
/// (its settings' units name it; a drawn set's file is the playground's own
/// export), whether it is a curve.
fn points(file: &ModelFile) -> String {
    let (settings, _) = crate::config::Settings::from_query(&file.settings);
    let data = &settings.data;
    let is_1d = data.dataset.is_1d();
    let dialect = data.units.dialect.clone().unwrap_or_else(|| Dialect {
        separator: ',',
        decimal_comma: false,
        encoding: "utf-8",
        header: Some(crate::data::csv::column_names(&data.units, is_1d)),
        columns: [0, 1, 2],
        class_names: Vec::new(),
    });
    let json = serde_json::to_string(&dialect).expect("a dialect serialises");
    POINTS
        .replace("__DIALECT__", &json)
        .replace("__CURVE__", if is_1d { "True" } else { "False" })
}

/// The forward pass with its activations.
fn forward() -> String {
    FORWARD.replace("__ACTIVATIONS__", &activations(Activation::numpy))
}

/// The reader of a table's columns (the digits lab's images): the
/// columns named by the model's features, the `label`, and the `split`
/// when there is one; the input transform, then the standardisation.
const COLUMNS: &str = r#"

def read(path):
    """The lab's CSV export: a column per input, its label and its split
    (train, validation or test). A file without a split column is scored
    whole, every row under "all"."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    x = np.array([[float(r[c]) for c in MODEL["features"]] for r in rows], dtype=float).reshape(len(rows), -1)
    split = [r["split"] for r in rows] if "split" in (reader.fieldnames or []) else ["all"] * len(rows)
    return x, np.array([float(r["label"]) for r in rows]), split


def inputs(x):
    """The network's inputs: the input transform, then the standardisation."""
    t = MODEL["input_transform"]
    if t:
        x = (x - np.array(t["offset"])) * np.array(t["scale"])
    s = MODEL["standardization"]
    if s:
        x = (x - np.array(s["mean"])) / np.array(s["std"])
    return x
"#;

/// The main of a script on a table's columns, with its `forward`.
const COLUMNS_MAIN: &str = r#"

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python3 __NAME__ data.csv [--predictions out.csv]")
    x, target, split = read(sys.argv[1])
    outputs = forward(inputs(x))
    report(outputs, target, split)
    if "--predictions" in sys.argv:
        write(sys.argv[sys.argv.index("--predictions") + 1], outputs)
"#;

/// A NumPy script for a network on a table's columns (the digits lab's
/// images): it reads the CSV export's columns named by the model's
/// features, its `label` and `split`, applies the input transform and the
/// standardisation, and runs `file`'s network.
pub fn numpy_columns(file: &ModelFile) -> String {
    let main = COLUMNS_MAIN.replace("__NAME__", "digits_numpy.py");
    script(file, "NumPy", "", &format!("{COLUMNS}{}{main}", forward()))
}

/// The PyTorch version of [`numpy_columns`]: the same reader, the network
/// as an `nn.Sequential` with the trained weights.
pub fn pytorch_columns(file: &ModelFile) -> String {
    let torch = TORCH.replace("__ACTIVATIONS__", &activations(Activation::pytorch));
    let main = COLUMNS_MAIN.replace("__NAME__", "digits_pytorch.py");
    script(file, "PyTorch", "", &format!("{COLUMNS}{torch}{TORCH_FORWARD}{main}"))
}

/// The network's outputs computed by PyTorch, for a script's main.
const TORCH_FORWARD: &str = r#"

def forward(x):
    """The network's outputs for its inputs x, computed by PyTorch."""
    model = build().eval()
    with torch.no_grad():
        return head(model(torch.tensor(x, dtype=torch.float32))).numpy()
"#;

/// PyTorch's part of a script: the network as an `nn.Sequential`, its head
/// and the optimiser it trained with.
const TORCH: &str = r#"
from urllib.parse import parse_qs

import torch
from torch import nn

ACTIVATIONS = {
__ACTIVATIONS__}


def build():
    """The network as an nn.Sequential of Linear, BatchNorm1d, activation and
    Dropout layers, with the trained weights; it outputs the last layer's z."""
    modules = []
    for layer in MODEL["layers"]:
        weights = torch.tensor(layer["weights"], dtype=torch.float32)
        linear = nn.Linear(weights.shape[1], weights.shape[0])
        with torch.no_grad():
            linear.weight.copy_(weights)
            linear.bias.copy_(torch.tensor(layer["biases"]))
        modules.append(linear)
        bn = layer["batch_norm"]
        if bn:
            norm = nn.BatchNorm1d(weights.shape[0], eps=bn["epsilon"])
            with torch.no_grad():
                norm.weight.copy_(torch.tensor(bn["gamma"]))
                norm.bias.copy_(torch.tensor(bn["beta"]))
                norm.running_mean.copy_(torch.tensor(bn["running_mean"]))
                norm.running_var.copy_(torch.tensor(bn["running_var"]))
            modules.append(norm)
        modules.append(ACTIVATIONS[layer["activation"]]())
        if layer["dropout"] > 0:
            modules.append(nn.Dropout(layer["dropout"]))
    return nn.Sequential(*modules)


def head(z):
    """The head on the output layer's z."""
    name = MODEL["head"]
    if name == "sigmoid":
        return torch.sigmoid(z[:, 0])
    if name == "tanh":
        return torch.tanh(z[:, 0])
    if name == "softmax":
        return torch.softmax(z, dim=1)
    return z[:, 0]


def optimizer(model):
    """The optimiser the playground trained with. The playground decays the
    weights only: biases and batch norm's gamma and beta get no weight decay."""
    settings = {k: v[0] for k, v in parse_qs(MODEL["settings"]).items()}
    lr = float(settings.get("lr", 0.03))
    weights = [p for m in model if isinstance(m, nn.Linear) for p in [m.weight]]
    others = [p for p in model.parameters() if all(p is not w for w in weights)]
    decay = float(settings.get("weightDecay", 0.0)) if settings.get("optimizer") == "adamw" else 0.0
    groups = [{"params": weights, "weight_decay": decay}, {"params": others, "weight_decay": 0.0}]
    kind = settings.get("optimizer", "sgd")
    momentum = float(settings.get("momentum", 0.9))
    betas = (float(settings.get("beta1", 0.9)), float(settings.get("beta2", 0.999)))
    eps = float(settings.get("epsilon", 1e-8))
    if kind == "momentum":
        return torch.optim.SGD(groups, lr=lr, momentum=momentum)
    if kind == "nesterov":
        return torch.optim.SGD(groups, lr=lr, momentum=momentum, nesterov=True)
    if kind == "rmsprop":
        return torch.optim.RMSprop(groups, lr=lr, alpha=float(settings.get("rho", 0.9)), eps=eps)
    if kind == "adam":
        return torch.optim.Adam(groups, lr=lr, betas=betas, eps=eps)
    if kind == "adamw":
        return torch.optim.AdamW(groups, lr=lr, betas=betas, eps=eps)
    return torch.optim.SGD(groups, lr=lr)
"#;

/// A PyTorch script that rebuilds `file`'s network as an `nn.Sequential`.
pub fn pytorch(file: &ModelFile) -> String {
    let body = r#"

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python3 model_pytorch.py data.csv [--predictions out.csv]")
    model = build().eval()
    opt = optimizer(model)  # ready to train further
    x1, x2, target, split = read(sys.argv[1])
    with torch.no_grad():
        outputs = in_units(head(model(torch.tensor(inputs(x1, x2), dtype=torch.float32))).numpy())
    report(outputs, target, split)
    if "--predictions" in sys.argv:
        write(sys.argv[sys.argv.index("--predictions") + 1], outputs)
"#;
    let torch = TORCH.replace("__ACTIVATIONS__", &activations(Activation::pytorch));
    script(file, "PyTorch", &points(file), &format!("{torch}{body}"))
}

/// The body of a dictionary from each activation's name to its `spelling`.
fn activations(spelling: fn(Activation) -> String) -> String {
    Activation::ALL
        .iter()
        .map(|&a| format!("    \"{}\": {},\n", a.name(), spelling(a)))
        .collect()
}

/// The script: a docstring, the shared part with the model embedded, and `body`.
fn script(file: &ModelFile, library: &str, points: &str, body: &str) -> String {
    let json = serde_json::to_string(file).expect("a model file serialises");
    let head = format!(
        "#!/usr/bin/env python3\n\"\"\"A network trained in the neural-network playground, rebuilt with {library}.\n\n\
         Usage: python3 SCRIPT data.csv [--predictions out.csv]\n\n\
         Reads the data file as the playground read it (or the playground's CSV\n\
         export of it), maps its units as the playground did, computes the same\n\
         features and standardisation, runs the network and prints the accuracy\n\
         (classes) or the mean squared error (values) of each split, or of every\n\
         row when the file has no split column.\n\"\"\"\n"
    );
    // JSON holds no triple quote or backslash-quote a raw string would end on.
    format!("{head}{}{points}{OUTPUTS}{body}", MODEL.replace("__MODEL__", &json))
}

/// The project's Python with NumPy (`make setup-python`, or `PYTHON`), if
/// it is there; a test without it says it is skipped.
#[cfg(test)]
pub(crate) fn python() -> Option<String> {
    let python = std::env::var("PYTHON")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/pyenv/bin/python").into());
    if std::path::Path::new(&python).exists() {
        Some(python)
    } else {
        eprintln!("no Python with NumPy at {python}: skipped");
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::train::model::save;
    use crate::train::trainer::Trainer;

    #[test]
    fn the_scripts_embed_the_model_and_name_what_they_use() {
        let (settings, _) = Settings::from_query("dataset=circle&layers=4&batchNorm=1&dropout=0.1");
        let t = Trainer::new(&settings);
        let file = save(&t, &settings).expect("saved");
        let np = numpy(&file);
        assert!(np.contains("import numpy as np") && !np.contains("torch"));
        assert!(np.contains(&serde_json::to_string(&file).unwrap()));
        let pt = pytorch(&file);
        assert!(pt.contains("nn.BatchNorm1d") && pt.contains("nn.Dropout") && pt.contains("weight_decay"));
    }

    /// NumPy computes each activation as the core's exact f, when the
    /// project's Python (`make setup-python`, or `PYTHON`) is there.
    #[test]
    fn the_numpy_activations_are_the_exact_functions() {
        let Some(python) = python() else { return };
        let zs = [-3.5, -0.4, 0.0, 0.3, 2.2];
        let program = format!(
            "import numpy as np\nACTIVATIONS = {{\n{}}}\nfor name, f in ACTIVATIONS.items():\n    print(name, *f(np.array({zs:?})))\n",
            activations(Activation::numpy)
        );
        let out = std::process::Command::new(&python)
            .args(["-c", &program])
            .output()
            .expect("python runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let printed = String::from_utf8(out.stdout).unwrap();
        let mut names = Vec::new();
        for line in printed.lines() {
            let mut words = line.split_whitespace();
            let act: Activation = words.next().unwrap().parse().unwrap();
            names.push(act);
            for (&z, v) in zs.iter().zip(words) {
                let v: f64 = v.parse().unwrap();
                assert!(
                    (v - act.exact(z)).abs() < 1e-7,
                    "{act} at {z}: NumPy {v}, exact {}",
                    act.exact(z)
                );
            }
        }
        assert_eq!(names, Activation::ALL);
    }

    /// A file as a Czech spreadsheet writes it, in Windows-1250: the few
    /// letters these tests use, by hand (the page's reader decodes them).
    fn cp1250(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                'ř' => 0xF8,
                'í' => 0xED,
                'š' => 0x9A,
                'á' => 0xE1,
                'é' => 0xE9,
                'ý' => 0xFD,
                c if c.is_ascii() => c as u8,
                c => panic!("{c} is not in this test's table"),
            })
            .collect()
    }

    /// The exported NumPy script, run on the user's ORIGINAL file (not an
    /// export) written as each dialect writes it, maps its units, reports
    /// every row when there is no split column, and reproduces the
    /// engine's outputs.
    #[test]
    fn the_numpy_script_reads_the_original_file_in_its_dialect_and_reproduces_the_engine() {
        let Some(python) = python() else { return };
        use crate::data::units::{Range, Units};
        // Heights and weights in their own units; a curve of prices.
        let rows: Vec<[f32; 3]> = (0..40)
            .map(|i| {
                let h = 150.0 + (i * 7 % 40) as f32 * 1.25;
                let w = 45.5 + (i * 13 % 40) as f32 * 0.875;
                [h, w, if h + w > 230.0 { 1.0 } else { 0.0 }]
            })
            .collect();
        let dialect = |separator, decimal_comma, encoding, header: Option<&[&str]>, columns, names: &[&str]| Dialect {
            separator,
            decimal_comma,
            encoding,
            header: header.map(|h| h.iter().map(|s| s.to_string()).collect()),
            columns,
            class_names: names.iter().map(|s| s.to_string()).collect(),
        };
        let cases = [
            // Czech Excel: `;`, decimal commas, Windows-1250, a header, text labels, no split.
            (
                dialect(
                    ';',
                    true,
                    "cp1250",
                    Some(&["výška", "váha", "třída"]),
                    [0, 1, 2],
                    &["ne", "ano"],
                ),
                "own&layers=4&standardize=1",
            ),
            // Four columns, the label first, a tab, UTF-8 with a byte-order mark.
            (
                dialect(
                    '\t',
                    true,
                    "utf-8-sig",
                    Some(&["třída", "id", "a", "b"]),
                    [2, 3, 0],
                    &[],
                ),
                "own&layers=3",
            ),
            // A plain file with no header.
            (
                dialect(',', false, "utf-8", None, [0, 1, 2], &[]),
                "own&layers=3&features=x1,x2,x1x2",
            ),
            // A curve: y over x, its values mapped too.
            (
                dialect(';', true, "utf-8", Some(&["rok", "cena"]), [0, 1, 2], &[]),
                "own-curve&layers=5",
            ),
        ];
        let dir = std::env::temp_dir().join(format!("units-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (n, (d, query)) in cases.into_iter().enumerate() {
            let curve = query.starts_with("own-curve");
            let rows: Vec<[f32; 3]> = if curve {
                rows.iter().map(|r| [r[0] + 1850.0, 0.0, r[1] * 100.0 - 3.0]).collect()
            } else {
                rows.clone()
            };
            let (units, _) = Units::fit(&rows, curve, Range::Full, Some(d.clone()));
            let text: Vec<String> = rows.iter().map(|r| format!("{}:{}:{}", r[0], r[1], r[2])).collect();
            let link = format!(
                "dataset={query}&units={}&rows={}&seed=2",
                units.to_link(),
                text.join(",")
            );
            let (settings, errors) = crate::config::Settings::from_query(&link);
            assert!(errors.is_empty(), "{errors:?}");
            let mut t = Trainer::new(&settings);
            for _ in 0..5 {
                t.train_epoch();
            }
            // The file as the user has it.
            let number = |v: f32| {
                let s = v.to_string();
                if d.decimal_comma {
                    s.replace('.', ",")
                } else {
                    s
                }
            };
            let sep = d.separator.to_string();
            let mut file = String::new();
            if let Some(h) = &d.header {
                file.push_str(&h.join(&sep));
                file.push_str("\r\n");
            }
            for r in &rows {
                let label = match d.class_names.get(r[2] as usize) {
                    Some(name) if !curve => name.clone(),
                    _ => number(r[2]),
                };
                let mut fields = vec![String::new(); d.header.as_ref().map_or(3, |h| h.len())];
                let [a, b, c] = d.columns;
                fields[a] = number(r[0]);
                if curve {
                    fields[b] = number(r[2]);
                } else {
                    fields[b] = number(r[1]);
                    fields[c] = label;
                }
                file.push_str(&fields.join(&sep));
                file.push_str("\r\n");
            }
            let bytes = match d.encoding {
                "cp1250" => cp1250(&file),
                "utf-8-sig" => [b"\xEF\xBB\xBF".as_slice(), file.as_bytes()].concat(),
                _ => file.into_bytes(),
            };
            let (data, script, out) = (
                dir.join(format!("data{n}.csv")),
                dir.join("model.py"),
                dir.join("out.csv"),
            );
            std::fs::write(&data, bytes).unwrap();
            let model = save(&t, &settings).unwrap();
            std::fs::write(&script, numpy(&model)).unwrap();
            let run = std::process::Command::new(&python)
                .arg(&script)
                .arg(&data)
                .args(["--predictions", out.to_str().unwrap()])
                .output()
                .expect("python runs");
            assert!(
                run.status.success(),
                "case {n}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            let printed = String::from_utf8(run.stdout).unwrap();
            assert!(printed.starts_with("all: "), "case {n}: every row, no split: {printed}");
            assert!(printed.contains(&format!("on {} points", rows.len())), "{printed}");
            // The engine's outputs on the same rows, in the file's order.
            let points: Vec<[f32; 2]> = rows
                .iter()
                .map(|&r| {
                    let v = units.to_view(r);
                    [v[0], v[1]]
                })
                .collect();
            let mut x = Vec::new();
            t.data.featurize(&points, &mut x);
            let mut engine = Vec::new();
            t.predict(&x, points.len(), &mut engine);
            let k = t.members[0].mlp.outputs();
            let python_out: Vec<f32> = std::fs::read_to_string(&out)
                .unwrap()
                .lines()
                .flat_map(|l| l.split(',').map(|v| v.parse::<f32>().unwrap()).collect::<Vec<_>>())
                .collect();
            assert_eq!(python_out.len(), engine.len(), "case {n}");
            for (i, (&py, &ours)) in python_out.iter().zip(&engine).enumerate() {
                let ours = if curve { units.axes[2].to_file(ours) } else { ours };
                assert!(
                    (py - ours).abs() <= 1e-4 * ours.abs().max(1.0),
                    "case {n}, row {}, output {}: NumPy {py}, engine {ours}",
                    i / k,
                    i % k
                );
            }
        }
    }
}
