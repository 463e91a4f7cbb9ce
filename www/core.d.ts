// What the page asks of every lab's handle, for the type check
// (tsconfig.json). The objects the core returns are declared by the core
// itself (www/pkg/neuroplay.d.ts, generated); what is here is the common
// face of its lab classes, which the core has no one type for. Types
// only: no page loads this file.
import type { Changed, Message, Schema, SettingsState, Playground } from './pkg/neuroplay.js';

/** What every lab's handle offers the page (labs.js). */
export interface LabHandle {
  free(): void;
  /** The core's messages about the link the lab was opened with. */
  notices(): Message[];
  query(): string;
  get(key: string): string | undefined;
  set(key: string, value: string): Changed;
  settings(): SettingsState;
}

/** A lab's handle class, made from the lab's keys in a link. */
export interface LabClass<H> {
  new (query: string): H;
  schema(): Schema;
}

/** The handle class of a lab on the playground's own network, made from the playground and the lab's keys. */
export interface SessionLabClass<H> {
  new (pg: Playground, query: string): H;
  schema(): Schema;
  /** The training steps the lab's keys name, replayed before the handle is made. */
  requestedSteps(query: string): number;
}
