// Text alternatives of the figures drawn on canvases, kept current: what a
// figure shows now (a loss, a position, a gradient) in its aria-label. While
// training changes it every frame, the label changes at most every
// ALT_EVERY_MS, so that a screen reader reading it is not flooded.

/** The least time between two changes of one figure's label (ms). */
export const ALT_EVERY_MS = 500;

/** @type {WeakMap<Element, { at: number, text: string, timer: number }>} */
const labels = new WeakMap();

/**
 * Makes `text` the aria-label of `figure`: now, or once ALT_EVERY_MS has
 * passed since its last change (the latest text then).
 * @param {Element} figure
 * @param {string} text
 */
export function altText(figure, text) {
  const last = labels.get(figure) ?? { at: -Infinity, text: '', timer: 0 };
  labels.set(figure, last);
  last.text = text;
  if (last.timer) return;
  const write = () => {
    last.timer = 0;
    last.at = performance.now();
    if (figure.getAttribute('aria-label') !== last.text) figure.setAttribute('aria-label', last.text);
  };
  const wait = last.at + ALT_EVERY_MS - performance.now();
  if (wait <= 0) write();
  else last.timer = window.setTimeout(write, wait);
}
