// The core's own description of itself, read from the release wasm in
// Node: the settings schema and the keys of every message it can send.
import { readFileSync } from 'node:fs';
import { initSync, Playground } from '../../www/pkg/neuroplay.js';

initSync({ module: readFileSync(new URL('../../www/pkg/neuroplay_bg.wasm', import.meta.url)) });

export const core = {
  schema: Playground.schema(),
  vocabulary: Playground.vocabulary(),
};
