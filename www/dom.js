// The page's one element lookup: elements are found by their data-testid,
// which the end-to-end tests read too, so a test id names an element once.

/** The element under `root` (a document or an element) with test id `id`; null when there is none. */
export const $ = (root, id) => root.querySelector(`[data-testid="${id}"]`);
