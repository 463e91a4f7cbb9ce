//! Optimisers over the flat parameter vector, each owning its state.

/// Which update rule turns a gradient into a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// w ← w − α·g.
    Sgd,
    /// Classic (heavy-ball) momentum (Polyak, 1964): v ← μv + g, w ← w − α·v.
    Momentum,
    /// Nesterov momentum (Sutskever et al., 2013, as PyTorch writes it):
    /// v ← μv + g, w ← w − α·(g + μv).
    Nesterov,
    /// RMSProp (Hinton, 2012): s ← ρs + (1 − ρ)g², w ← w − α·g / (√s + ε).
    RmsProp,
    /// Adam (Kingma & Ba, 2015), with bias correction.
    Adam,
    /// AdamW (Loshchilov & Hutter, 2019): Adam plus decoupled weight decay
    /// w ← w − α·λ·w on the weights.
    AdamW,
}

named_enum!(OptimizerKind, "optimizer", [Sgd => "sgd", Momentum => "momentum", Nesterov => "nesterov", RmsProp => "rmsprop", Adam => "adam", AdamW => "adamw"]);

/// Hyperparameters of every optimiser. Each reads only its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptimizerConfig {
    /// The update rule.
    pub kind: OptimizerKind,
    /// Learning rate α.
    pub learning_rate: f32,
    /// Momentum μ (momentum, Nesterov). Default 0.9.
    pub momentum: f32,
    /// Decay ρ of the squared-gradient average (RMSProp). Default 0.9.
    pub rho: f32,
    /// Adam's β₁, decay of the gradient average. Default 0.9.
    pub beta1: f32,
    /// Adam's β₂, decay of the squared-gradient average. Default 0.999.
    pub beta2: f32,
    /// ε in the denominators. Default 1e-8.
    pub epsilon: f32,
    /// AdamW's decoupled weight decay λ. Default 0.01.
    pub weight_decay: f32,
}

impl Default for OptimizerConfig {
    fn default() -> Self {
        OptimizerConfig {
            kind: OptimizerKind::Sgd,
            learning_rate: 0.03,
            momentum: 0.9,
            rho: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            weight_decay: 0.01,
        }
    }
}

/// An optimiser's state: first and second moments and the step count.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Optimizer {
    /// Velocity (momentum, Nesterov) or first moment m (Adam, AdamW).
    first: Vec<f32>,
    /// Squared-gradient average (RMSProp) or second moment v (Adam, AdamW).
    second: Vec<f32>,
    /// Steps taken, t in Adam's bias correction.
    steps: u32,
    /// The kind the state belongs to; switching kinds starts afresh.
    kind: Option<OptimizerKind>,
}

impl Optimizer {
    /// Takes one step on `params` along `grads`. `decayed` holds the ranges
    /// of parameters that are weights (AdamW decays only those).
    pub fn step(
        &mut self,
        cfg: &OptimizerConfig,
        params: &mut [f32],
        grads: &[f32],
        decayed: &[std::ops::Range<usize>],
    ) {
        if self.kind != Some(cfg.kind) || self.first.len() != params.len() {
            self.reset(cfg.kind, params.len());
        }
        self.steps += 1;
        let lr = cfg.learning_rate;
        match cfg.kind {
            OptimizerKind::Sgd => {
                for (w, g) in params.iter_mut().zip(grads) {
                    *w -= lr * g;
                }
            }
            OptimizerKind::Momentum | OptimizerKind::Nesterov => {
                let mu = cfg.momentum;
                let nesterov = cfg.kind == OptimizerKind::Nesterov;
                for ((w, &g), v) in params.iter_mut().zip(grads).zip(&mut self.first) {
                    *v = mu * *v + g;
                    *w -= lr * if nesterov { g + mu * *v } else { *v };
                }
            }
            OptimizerKind::RmsProp => {
                let rho = cfg.rho;
                for ((w, &g), s) in params.iter_mut().zip(grads).zip(&mut self.second) {
                    *s = rho * *s + (1.0 - rho) * g * g;
                    *w -= lr * g / (s.sqrt() + cfg.epsilon);
                }
            }
            OptimizerKind::Adam | OptimizerKind::AdamW => {
                if cfg.kind == OptimizerKind::AdamW {
                    let shrink = 1.0 - lr * cfg.weight_decay;
                    for range in decayed {
                        params[range.clone()].iter_mut().for_each(|w| *w *= shrink);
                    }
                }
                let (b1, b2) = (cfg.beta1, cfg.beta2);
                let correction1 = 1.0 - b1.powi(self.steps as i32);
                let correction2 = 1.0 - b2.powi(self.steps as i32);
                for (((w, &g), m), v) in params.iter_mut().zip(grads).zip(&mut self.first).zip(&mut self.second) {
                    *m = b1 * *m + (1.0 - b1) * g;
                    *v = b2 * *v + (1.0 - b2) * g * g;
                    let m_hat = *m / correction1;
                    let v_hat = *v / correction2;
                    *w -= lr * m_hat / (v_hat.sqrt() + cfg.epsilon);
                }
            }
        }
    }

    /// Forgets all state, as at the start of training.
    pub fn reset(&mut self, kind: OptimizerKind, len: usize) {
        self.first.clear();
        self.first.resize(len, 0.0);
        self.second.clear();
        self.second.resize(len, 0.0);
        self.steps = 0;
        self.kind = Some(kind);
    }

    /// Steps taken since the state was last reset.
    pub fn steps(&self) -> u32 {
        self.steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: OptimizerKind, grads: &[[f32; 2]]) -> [f32; 2] {
        let cfg = OptimizerConfig {
            kind,
            learning_rate: 0.1,
            ..OptimizerConfig::default()
        };
        let mut w = [1.0_f32, -2.0];
        let mut opt = Optimizer::default();
        for g in grads {
            // Only the first parameter is a weight (decayed by AdamW).
            #[allow(clippy::single_range_in_vec_init)]
            opt.step(&cfg, &mut w, g, &[0..1]);
        }
        w
    }

    fn close(a: [f32; 2], b: [f64; 2]) -> bool {
        (a[0] as f64 - b[0]).abs() < 1e-5 && (a[1] as f64 - b[1]).abs() < 1e-5
    }

    const G: [[f32; 2]; 2] = [[0.5, -1.0], [0.2, 0.4]];

    #[test]
    fn sgd_steps_against_the_gradient() {
        // w − 0.1·g, twice.
        assert!(close(
            run(OptimizerKind::Sgd, &G),
            [1.0 - 0.05 - 0.02, -2.0 + 0.1 - 0.04]
        ));
    }

    #[test]
    fn momentum_accumulates_velocity() {
        // v1 = g1; v2 = 0.9·g1 + g2.
        let v1 = [0.5, -1.0];
        let v2 = [0.9 * 0.5 + 0.2, -0.9 + 0.4];
        let w = [1.0 - 0.1 * (v1[0] + v2[0]), -2.0 - 0.1 * (v1[1] + v2[1])];
        assert!(close(run(OptimizerKind::Momentum, &G), w));
    }

    #[test]
    fn nesterov_looks_ahead() {
        // Step k moves by α·(g_k + μ·v_k).
        let v1 = [0.5, -1.0];
        let v2 = [0.9 * 0.5 + 0.2, -0.9 + 0.4];
        let s1 = [0.5 + 0.9 * v1[0], -1.0 + 0.9 * v1[1]];
        let s2 = [0.2 + 0.9 * v2[0], 0.4 + 0.9 * v2[1]];
        let w = [1.0 - 0.1 * (s1[0] + s2[0]), -2.0 - 0.1 * (s1[1] + s2[1])];
        assert!(close(run(OptimizerKind::Nesterov, &G), w));
    }

    #[test]
    fn rmsprop_divides_by_the_root_mean_square() {
        // s1 = 0.1·g1²; step 1 = α·g1/√s1 = α·sign(g1)/√0.1.
        let s1 = [0.1 * 0.25, 0.1 * 1.0];
        let w1 = [1.0 - 0.1 * 0.5 / f64::sqrt(s1[0]), -2.0 + 0.1 * 1.0 / f64::sqrt(s1[1])];
        assert!(close(run(OptimizerKind::RmsProp, &G[..1]), w1));
        let s2 = [0.9 * s1[0] + 0.1 * 0.04, 0.9 * s1[1] + 0.1 * 0.16];
        let w2 = [w1[0] - 0.1 * 0.2 / s2[0].sqrt(), w1[1] - 0.1 * 0.4 / s2[1].sqrt()];
        assert!(close(run(OptimizerKind::RmsProp, &G), w2));
    }

    #[test]
    fn adam_first_step_has_the_learning_rate_as_size() {
        // After bias correction m̂ = g, v̂ = g², so the step is α·sign(g).
        assert!(close(run(OptimizerKind::Adam, &G[..1]), [0.9, -1.9]));
    }

    #[test]
    fn adam_second_step_matches_hand_computation() {
        let (b1, b2) = (0.9_f64, 0.999_f64);
        let mut w = [1.0_f64, -2.0];
        let (mut m, mut v) = ([0.0_f64; 2], [0.0_f64; 2]);
        for (t, g) in G.iter().enumerate() {
            for i in 0..2 {
                let g = g[i] as f64;
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                v[i] = b2 * v[i] + (1.0 - b2) * g * g;
                let m_hat = m[i] / (1.0 - b1.powi(t as i32 + 1));
                let v_hat = v[i] / (1.0 - b2.powi(t as i32 + 1));
                w[i] -= 0.1 * m_hat / (v_hat.sqrt() + 1e-8);
            }
        }
        assert!(close(run(OptimizerKind::Adam, &G), w));
    }

    #[test]
    fn adamw_decays_only_weights_before_the_adam_step() {
        // Weight: 1·(1 − 0.1·0.01) − 0.1; the second parameter is not decayed.
        assert!(close(run(OptimizerKind::AdamW, &G[..1]), [0.999 - 0.1, -1.9]));
    }

    #[test]
    fn switching_kind_resets_state() {
        let cfg = OptimizerConfig {
            kind: OptimizerKind::Momentum,
            ..OptimizerConfig::default()
        };
        let mut opt = Optimizer::default();
        let mut w = [0.0_f32];
        opt.step(&cfg, &mut w, &[1.0], &[]);
        assert_eq!(opt.steps(), 1);
        opt.step(
            &OptimizerConfig {
                kind: OptimizerKind::Adam,
                ..cfg
            },
            &mut w,
            &[1.0],
            &[],
        );
        assert_eq!(opt.steps(), 1);
    }
}
