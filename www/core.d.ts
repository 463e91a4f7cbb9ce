// The shapes of what the core (www/pkg/neuroplay.js) returns as JSON, for
// the page's type check (tsconfig.json). wasm-bindgen declares these
// results `any`; the doc comments of the Rust handles describe them, and so
// do these types, by the same names, until the core's own generated
// declarations give them: then each import of './core.js' becomes one of
// './pkg/neuroplay.js'. Types only: no page loads this file.

/** A message from the core: a code and its named parameters, written by messages.js's describe(). */
export interface CoreMessage {
  code: string;
  [parameter: string]: unknown;
}

/** An option of a choice: its link value, and its family when the menu groups them. */
export interface SettingOption {
  value: string;
  family?: string;
  usesX2?: boolean;
}

/**
 * One setting as `schema()` describes it (config::table's `describe`): the
 * fields beyond `key`…`effect` depend on `type`.
 */
export interface SettingSpec {
  key: string;
  group: string;
  type: 'choice' | 'flag' | 'whole' | 'real' | 'layers' | 'activations' | 'point' | 'points' | 'rows' | 'edits' | 'text' | 'units' | 'features';
  default: string;
  effect: 'live' | 'reset';
  options?: SettingOption[];
  min?: number;
  max?: number;
  step?: number;
  /** Usual values, in link form. */
  ticks?: string[];
  /** 'percent', or '' (a real). */
  unit?: string;
  /** Most items (points, rows, edits, units) or characters (text). */
  most?: number;
  extent?: number;
  maxLayers?: number;
  minNeurons?: number;
  maxNeurons?: number;
}

/** `schema()` of the playground or a lab. */
export interface Schema {
  settings: SettingSpec[];
}

/** A setting's state now: its value in link form, whether it applies, the options allowed (all when absent). */
export interface SettingState {
  value: string;
  applies: boolean;
  allowed?: string[] | null;
}

/** `settings()`: every setting's state, by key. */
export type SettingsState = Record<string, SettingState>;

/** Why the core refused a call; nothing changed. */
export interface Refused {
  refused: CoreMessage;
}

/** A result that is `T` when the core took the call, else why it refused it. */
export type Taken<T> = (T & { refused?: undefined }) | (Refused & { [K in keyof T]?: undefined });

/** `set(key, value)`: the setting taken (a reset started training over), or why not. */
export type SetResult = Taken<{ effect: 'live' | 'reset' }>;

/** The playground's `readouts()`: a figure that does not exist is null. */
export interface Readouts {
  epoch: number;
  steps: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  trainLoss: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  penalty: number | null;
  objective: number | null;
  bestEpoch: number | null;
  restoredEpoch: number | null;
}

/** `hints()`: why the run is not learning, and whether a lower learning rate is the likely cure. */
export interface Hints {
  hints: CoreMessage[];
  lowerRate: boolean;
}

/** `lowerLearningRate()`: what the rate went from and to. */
export type Lowered = Taken<{ lowered: CoreMessage }>;

/** `translateLink(link)`: a TensorFlow Playground link in this playground's terms. */
export interface Translated {
  hash: string;
  notices: CoreMessage[];
}

/** `ownData()`: what a drawn point takes from the page, and how many points there are. */
export interface OwnData {
  classes: boolean;
  values: boolean;
  rows: number;
}

/** How one column of an imported CSV was mapped into the view. */
export interface Axis {
  offset: number;
  scale: number;
}

/** `importData(text)`: how x1, x2 and the target were mapped into the view. */
export type Imported = Taken<{ axes: [Axis, Axis, Axis]; kind: string; oneD: boolean }>;

/** `importModel(text)`: the settings, in link form. */
export type ModelLoaded = Taken<{ link: string }>;

/** `exportModel()`: the model file. */
export type ModelFile = Taken<{ json: string }>;

/** `exportCode(kind)`: the Python script. */
export type Script = Taken<{ code: string }>;

/** `hoverEdge(x, y)`: the weight under the pointer. */
export interface Edge {
  layer: number;
  to: number;
  from: number;
  weight: number;
}

/** `refreshView(units)`. */
export interface ViewProgress {
  ran: number;
  completed: boolean;
}

/** `activationStats(layer)`. */
export interface ActivationStats {
  smallShare: number;
  meanSlope: number;
  dead: number;
  neurons: number;
}

/** `lossAt` and `accuracyAt`: the epoch under a pixel column of a chart (validation null without early stopping). */
export interface EpochAt {
  epoch: number;
  train: number;
  validation: number | null;
  test: number;
  column: number;
}

/** `gradientsAt`: each layer's mean |∂L/∂w| at the epoch under a pixel column, input side first. */
export interface GradientsAt {
  epoch: number;
  sizes: number[];
  column: number;
}

/** `activationAt`: what lies under a pixel column of the activation chart. */
export interface ActivationAt {
  z: number;
  f: number;
  slope: number;
  share: number;
  column: number;
}

/** What every lab's handle offers the page (labs.js). */
export interface LabHandle {
  free(): void;
  /** The core's messages about the link the lab was opened with. */
  notices(): CoreMessage[];
  query(): string;
  get(key: string): string | undefined;
  set(key: string, value: string): SetResult;
  settings(): SettingsState;
}

/** A lab's handle class, made from the lab's keys in a link. */
export interface LabClass<H> {
  new (query: string): H;
  schema(): Schema;
}

/** The handle class of a lab on the playground's own network, made from the playground and the lab's keys. */
export interface SessionLabClass<H> {
  new (pg: import('./pkg/neuroplay.js').Playground, query: string): H;
  schema(): Schema;
  /** The training steps the lab's keys name, replayed before the handle is made. */
  requestedSteps(query: string): number;
}
