//! A trained network as a self-contained Python script, in NumPy alone or
//! in PyTorch: the same features, standardisation, layers and head, the
//! model file embedded, reading the playground's CSV export and printing
//! the accuracy or the mean squared error.

use super::model::ModelFile;
use crate::nn::Activation;

/// What every script shares: the imports and the model.
const MODEL: &str = r#"import csv
import json
import sys

import numpy as np

# The model file the playground saved (its format: docs/model-format.md).
MODEL = json.loads(r"""__MODEL__""")
"#;

/// The playground's points: the features and the CSV reader.
const POINTS: &str = r#"
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
    """The network's inputs: the features, standardised as in training."""
    x = np.stack([FEATURES[f](x1, x2) for f in MODEL["features"]], axis=1)
    s = MODEL["standardization"]
    if s:
        x = (x - np.array(s["mean"])) / np.array(s["std"])
    return x


def read(path):
    """The playground's CSV export: x1,x2,label,split (or x,y,split for a curve)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if "x" in rows[0]:
        x1 = np.array([float(r["x"]) for r in rows])
        return x1, np.zeros_like(x1), np.array([float(r["y"]) for r in rows]), [r["split"] for r in rows]
    x1 = np.array([float(r["x1"]) for r in rows])
    x2 = np.array([float(r["x2"]) for r in rows])
    return x1, x2, np.array([float(r["label"]) for r in rows]), [r["split"] for r in rows]
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
    outputs = forward(inputs(x1, x2))
    report(outputs, target, split)
    if "--predictions" in sys.argv:
        write(sys.argv[sys.argv.index("--predictions") + 1], outputs)
"#;
    script(file, "NumPy", POINTS, &body.replace("__FORWARD__", &forward()))
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
        outputs = head(model(torch.tensor(inputs(x1, x2), dtype=torch.float32))).numpy()
    report(outputs, target, split)
    if "--predictions" in sys.argv:
        write(sys.argv[sys.argv.index("--predictions") + 1], outputs)
"#;
    let torch = TORCH.replace("__ACTIVATIONS__", &activations(Activation::pytorch));
    script(file, "PyTorch", POINTS, &format!("{torch}{body}"))
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
         Reads the playground's CSV export, computes the same features and\n\
         standardisation, runs the network and prints the accuracy (classes) or\n\
         the mean squared error (values) of each split.\n\"\"\"\n"
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
}
