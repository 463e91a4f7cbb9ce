//! A trained network as a file (`docs/model-format.md`): saved with the
//! settings link it was trained with, its input features and their
//! standardisation, and every layer's weights, biases and batch-norm
//! statistics; loaded back after checking every part, so that a saved and
//! reloaded model predicts bit for bit the same.

use super::trainer::Trainer;
use crate::config::Settings;
use crate::message::{Code, Message};
use crate::nn::mlp::{Mlp, RunningStats, BN_EPS};
use crate::nn::{Activation, Head};
use serde::{Deserialize, Serialize};

/// The format's name, in every file.
pub const FORMAT: &str = "neuroplay-model";
/// The format's version. Version 2 added [`ModelFile::input_transform`];
/// files of version 1 still load, with the identity transform.
pub const VERSION: u32 = 2;
/// The oldest version still read.
pub const OLDEST: u32 = 1;

/// A saved network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] when written; [`OLDEST`] to [`VERSION`] when read.
    pub version: u32,
    /// The playground link the network was trained with (its settings).
    pub settings: String,
    /// The input features, in input order (`x1`, `x2`, `x1sq`, …).
    pub features: Vec<String>,
    /// The map from a file's columns to the network's inputs, before the
    /// standardisation; none (and absent in version 1) is the identity.
    #[serde(default)]
    pub input_transform: Option<InputTransform>,
    /// Each feature's mean and standard deviation, when inputs are standardised.
    pub standardization: Option<Standardization>,
    /// The layers, hidden first, the output layer last.
    pub layers: Vec<LayerFile>,
    /// The output head: `sigmoid`, `softmax`, `tanh` or `identity`.
    pub head: String,
    /// Classes (0 for regression).
    pub classes: usize,
}

/// The inputs' standardisation: x′ = (x − mean) / std, per feature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standardization {
    /// Each feature's mean over the training points.
    pub mean: Vec<f32>,
    /// Each feature's standard deviation (1 for a constant one).
    pub std: Vec<f32>,
}

/// The input transform: input i = (column i − offset\[i\]) · scale\[i\],
/// column i being the file's column named `features[i]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputTransform {
    /// Subtracted from each column.
    pub offset: Vec<f32>,
    /// Then multiplied by.
    pub scale: Vec<f32>,
}

/// One dense layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerFile {
    /// The activation (`linear` for the output layer: the head acts on it).
    pub activation: String,
    /// `weights[j][i]`: from input i of the layer to its neuron j.
    pub weights: Vec<Vec<f32>>,
    /// `biases[j]`.
    pub biases: Vec<f32>,
    /// Batch normalisation before the activation, if the layer has it.
    pub batch_norm: Option<BatchNorm>,
    /// The probability of dropping each of the layer's outputs while training.
    pub dropout: f32,
}

/// A layer's batch normalisation: y = γ·(z − running mean)/√(running variance + ε) + β.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchNorm {
    /// γ, per neuron.
    pub gamma: Vec<f32>,
    /// β, per neuron.
    pub beta: Vec<f32>,
    /// The running mean of z, per neuron.
    pub running_mean: Vec<f32>,
    /// The running (unbiased) variance of z, per neuron.
    pub running_var: Vec<f32>,
    /// ε.
    pub epsilon: f32,
}

/// Why a model could not be saved or loaded.
pub fn refused(reason: &str) -> Message {
    Message::new(Code::ModelRefused).with("reason", reason)
}

/// The trainer's network as a file; refused for an ensemble (a file holds one network).
pub fn save(trainer: &Trainer, settings: &Settings) -> Result<ModelFile, Message> {
    if trainer.members.len() > 1 {
        return Err(Message::new(Code::ModelEnsemble));
    }
    let data = &trainer.data;
    let standardized = settings.data.standardize;
    let mlp = &trainer.members[0].mlp;
    let layers = layers(mlp);
    Ok(ModelFile {
        format: FORMAT.into(),
        version: VERSION,
        settings: crate::config::table::to_query(settings),
        features: data.features.to_string().split(',').map(String::from).collect(),
        input_transform: None,
        standardization: standardized.then(|| Standardization {
            mean: data.standardizer.mean.clone(),
            std: data.standardizer.std.clone(),
        }),
        layers,
        head: mlp.head.to_string(),
        classes: match trainer.task {
            crate::data::Task::Classification { classes } => classes,
            crate::data::Task::Regression => 0,
        },
    })
}

/// Every layer of `mlp` as written in a file.
pub fn layers(mlp: &Mlp) -> Vec<LayerFile> {
    mlp.layers
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            let (n, m) = (layer.outputs, layer.inputs);
            let p = &mlp.params;
            LayerFile {
                activation: layer.activation.to_string(),
                weights: (0..n)
                    .map(|j| p[layer.weights + j * m..layer.weights + (j + 1) * m].to_vec())
                    .collect(),
                biases: p[layer.biases..layer.biases + n].to_vec(),
                batch_norm: layer.norm.map(|(g, b)| {
                    let stats = mlp.running[l].as_ref().expect("a batch-norm layer has running stats");
                    BatchNorm {
                        gamma: p[g..g + n].to_vec(),
                        beta: p[b..b + n].to_vec(),
                        running_mean: stats.mean.clone(),
                        running_var: stats.var.clone(),
                        epsilon: BN_EPS,
                    }
                }),
                dropout: layer.dropout,
            }
        })
        .collect()
}

/// Reads a model file's text as a file of this format and a version this
/// code reads, before any check of what it holds. Text that is not JSON is
/// refused with where it breaks; JSON of another shape with the parser's reason.
pub fn parse(text: &str) -> Result<ModelFile, Message> {
    let file: ModelFile = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => Message::new(Code::ModelNotJson)
            .with("line", e.line())
            .with("column", e.column()),
        _ => refused(&first_line(&e.to_string())),
    })?;
    if file.format != FORMAT || !(OLDEST..=VERSION).contains(&file.version) {
        return Err(refused(&format!(
            "not a {FORMAT} file of version {OLDEST} to {VERSION}"
        )));
    }
    Ok(file)
}

/// The lab a file was saved in (its settings' `lab=NAME`), or None for the playground.
pub fn saved_in(file: &ModelFile) -> Option<&str> {
    file.settings.split('&').find_map(|pair| pair.strip_prefix("lab="))
}

/// Reads a model file's text: its settings, and the file itself once every
/// part is checked against them. A bad file is refused with the reason.
pub fn read(text: &str) -> Result<(Settings, ModelFile), Message> {
    let file = parse(text)?;
    if let Some(lab) = saved_in(&file) {
        return Err(Message::new(Code::ModelElsewhere).with("from", lab));
    }
    let (settings, errors) = Settings::from_query(&file.settings);
    if let Some(e) = errors.first() {
        return Err(refused(&format!("its settings: {e}")));
    }
    Ok((settings, file))
}

/// Puts the file's network into `trainer` (made from the file's settings),
/// after checking that every shape, name and number fits. On refusal the
/// trainer is left as it was.
pub fn load(trainer: &mut Trainer, file: &ModelFile) -> Result<(), Message> {
    let mlp = &trainer.members[0].mlp;
    let data = &trainer.data;
    let features = data.features.to_string();
    if file.features.join(",") != features {
        return Err(refused(&format!(
            "features {} do not match {features}",
            file.features.join(",")
        )));
    }
    if file.input_transform.is_some() {
        return Err(refused("an input transform, which the playground does not apply"));
    }
    if let Some(s) = &file.standardization {
        if s.mean != data.standardizer.mean || s.std != data.standardizer.std {
            return Err(refused("its standardisation does not match its data"));
        }
    }
    let (params, running) = checked_layers(mlp, file)?;
    let m = &mut trainer.members[0].mlp;
    m.params = params;
    m.running = running;
    trainer.version += 1;
    Ok(())
}

/// The parameters and batch-norm statistics `mlp` gets from the file's
/// layers, after checking each layer's activation, shapes and numbers
/// against it (and the head and the number of layers).
pub fn checked_layers(mlp: &Mlp, file: &ModelFile) -> Result<(Vec<f32>, Vec<Option<RunningStats>>), Message> {
    if file.head != mlp.head.to_string() {
        return Err(refused(&format!("head {} does not match {}", file.head, mlp.head)));
    }
    if file.layers.len() != mlp.layers.len() {
        return Err(refused(&format!(
            "{} layers, the settings make {}",
            file.layers.len(),
            mlp.layers.len()
        )));
    }
    let mut params = mlp.params.clone();
    let mut running = mlp.running.clone();
    for (l, (layer, saved)) in mlp.layers.iter().zip(&file.layers).enumerate() {
        let (n, m) = (layer.outputs, layer.inputs);
        let at = |what: &str| format!("layer {}: {what}", l + 1);
        if saved.activation.parse::<Activation>().ok() != Some(layer.activation) {
            return Err(refused(&at(&format!("activation {} does not match", saved.activation))));
        }
        if saved.weights.len() != n || saved.weights.iter().any(|row| row.len() != m) || saved.biases.len() != n {
            return Err(refused(&at(&format!("weights must be {n} × {m}, biases {n}"))));
        }
        let numbers = saved.weights.iter().flatten().chain(&saved.biases);
        if numbers.clone().any(|v| !v.is_finite()) {
            return Err(refused(&at("a weight or bias is not a finite number")));
        }
        for (j, row) in saved.weights.iter().enumerate() {
            params[layer.weights + j * m..layer.weights + (j + 1) * m].copy_from_slice(row);
        }
        params[layer.biases..layer.biases + n].copy_from_slice(&saved.biases);
        match (layer.norm, &saved.batch_norm, running[l].as_mut()) {
            (Some((g, b)), Some(bn), Some(stats)) => {
                let parts = [&bn.gamma, &bn.beta, &bn.running_mean, &bn.running_var];
                if parts.iter().any(|p| p.len() != n || p.iter().any(|v| !v.is_finite()))
                    || bn.running_var.iter().any(|v| *v < 0.0)
                {
                    return Err(refused(&at("batch normalisation's numbers do not fit")));
                }
                params[g..g + n].copy_from_slice(&bn.gamma);
                params[b..b + n].copy_from_slice(&bn.beta);
                stats.mean.clone_from(&bn.running_mean);
                stats.var.clone_from(&bn.running_var);
            }
            (None, None, _) => {}
            _ => return Err(refused(&at("batch normalisation does not match the settings"))),
        }
    }
    Ok((params, running))
}

/// The first line of a parser's error, which names the place.
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").chars().take(120).collect()
}

/// The head's name as a [`Head`] (for code export).
pub fn head(file: &ModelFile) -> Option<Head> {
    file.head.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trained(query: &str) -> (Settings, Trainer) {
        let (settings, errors) = Settings::from_query(query);
        assert!(errors.is_empty(), "{errors:?}");
        let mut t = Trainer::new(&settings);
        for _ in 0..3 {
            t.train_epoch();
        }
        (settings, t)
    }

    fn predictions(t: &mut Trainer) -> Vec<f32> {
        let x = t.data.test.x.clone();
        let mut out = Vec::new();
        t.predict(&x, t.data.test.len(), &mut out);
        out
    }

    #[test]
    fn a_saved_and_reloaded_model_predicts_bit_for_bit_the_same() {
        for query in [
            "dataset=spirals&classes=4&layers=8,6&activation=relu&output=softmax&standardize=1&features=x1,x2,x1sq,sinx2",
            "dataset=circle&layers=5&batchNorm=1&dropout=0.2&activation=elu",
            "dataset=sin&layers=6,4&activation=tanh",
            "dataset=xor&layers=&output=tanh",
        ] {
            let (settings, mut t) = trained(query);
            let file = save(&t, &settings).expect("saved");
            let text = serde_json::to_string(&file).expect("json");
            let (again, read_back) = read(&text).expect("read");
            let mut fresh = Trainer::new(&again);
            load(&mut fresh, &read_back).expect("loaded");
            assert_eq!(predictions(&mut fresh), predictions(&mut t), "{query}");
        }
    }

    #[test]
    fn a_bad_file_is_refused_and_the_network_stays() {
        let (settings, t) = trained("dataset=xor&layers=3");
        let good = serde_json::to_value(save(&t, &settings).unwrap()).unwrap();
        let refuse = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut v = good.clone();
            edit(&mut v);
            let text = v.to_string();
            match read(&text) {
                Err(m) => m,
                Ok((s, file)) => {
                    let mut target = Trainer::new(&s);
                    let before = target.members[0].mlp.params.clone();
                    let e = load(&mut target, &file).expect_err("refused");
                    assert_eq!(target.members[0].mlp.params, before, "untouched");
                    e
                }
            }
        };
        assert_eq!(refuse(&|v| v["format"] = "other".into()).code, Code::ModelRefused);
        refuse(&|v| v["layers"][0]["weights"][0] = serde_json::json!([1.0]));
        refuse(&|v| v["layers"][0]["activation"] = "relu".into());
        refuse(&|v| v["head"] = "softmax".into());
        refuse(&|v| v["settings"] = "layers=9,9".into());
        refuse(&|v| v["extra"] = 1.into());
        refuse(&|v| v["version"] = (VERSION + 1).into());
        refuse(&|v| v["input_transform"] = serde_json::json!({"offset": [0.0, 0.0], "scale": [0.5, 0.5]}));
        assert_eq!(read("{").unwrap_err().code, Code::ModelNotJson);
        let (settings, ensemble) = trained("dataset=xor&layers=3&ensemble=2");
        assert_eq!(save(&ensemble, &settings).unwrap_err().code, Code::ModelEnsemble);
    }

    #[test]
    fn a_version_1_file_without_an_input_transform_still_loads() {
        let (settings, mut t) = trained("dataset=spirals&classes=3&layers=6&standardize=1");
        let mut v = serde_json::to_value(save(&t, &settings).unwrap()).unwrap();
        assert_eq!(v["version"], VERSION);
        assert!(v["input_transform"].is_null());
        v["version"] = 1.into();
        v.as_object_mut().unwrap().remove("input_transform");
        let (again, file) = read(&v.to_string()).expect("version 1 read");
        assert_eq!(file.input_transform, None);
        let mut fresh = Trainer::new(&again);
        load(&mut fresh, &file).expect("version 1 loaded");
        assert_eq!(predictions(&mut fresh), predictions(&mut t));
    }
}
