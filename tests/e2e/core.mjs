// The core's own description of itself, read from the release wasm in
// Node: the settings schema of the playground and of each lab, the keys
// of every message it can send, and the lecture's scenarios.
import { readFileSync } from 'node:fs';
import * as pkg from '../../www/pkg/neuroplay.js';

pkg.initSync({ module: readFileSync(new URL('../../www/pkg/neuroplay_bg.wasm', import.meta.url)) });

export const core = {
  schema: pkg.Playground.schema(),
  /** Every lab's schema, by name, in the core's order (its registry, `labs()`). */
  labs: Object.fromEntries(pkg.labs().map((lab) => [lab.name, pkg[lab.handle].schema()])),
  vocabulary: pkg.Playground.vocabulary(),
  /** The lecture's scenarios, as the page's menu reads them (`config/scenarios.rs`). */
  scenarios: pkg.scenarios(),
};

/** The labs' names, as a link's `lab=` gives them, in the order of the page's tabs. */
export const LABS = Object.keys(core.labs);
