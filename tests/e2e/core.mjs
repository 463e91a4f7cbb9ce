// The core's own description of itself, read from the release wasm in
// Node: the settings schema of the playground and of each lab, and the
// keys of every message it can send.
import { readFileSync } from 'node:fs';
import { initSync, Playground, GdLab, RegressionLab, NeuronLab, BackpropLab, ApproxLab, LandscapeLab, CompareLab } from '../../www/pkg/neuroplay.js';

initSync({ module: readFileSync(new URL('../../www/pkg/neuroplay_bg.wasm', import.meta.url)) });

export const core = {
  schema: Playground.schema(),
  labs: {
    gd: GdLab.schema(), regression: RegressionLab.schema(), neuron: NeuronLab.schema(),
    backprop: BackpropLab.schema(), approx: ApproxLab.schema(), landscape: LandscapeLab.schema(),
    recipe: CompareLab.schema(), compare: CompareLab.schema(),
  },
  vocabulary: Playground.vocabulary(),
};
