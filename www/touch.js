// Touches on a lab's plot: the page scrolls under a swipe (the plots' CSS
// is `touch-action: pan-y`), and only a tap, or a drag that starts on a
// point or a handle (within the core's grab radius), edits.

/** How far (CSS px) a pointer may move between down and up and still be a tap. */
export const TAP_SLOP = 10;

/**
 * Calls `fn` with the pointer's down event when it comes up again within
 * TAP_SLOP of where it went down, not cancelled (a swipe the browser took
 * to scroll is cancelled) and with no drag started on the way.
 * @param {HTMLElement} target
 * @param {(down: PointerEvent) => void} fn
 */
export function onTap(target, fn) {
  /** @type {PointerEvent | null} */
  let down = null;
  target.addEventListener('pointerdown', (e) => { down = e.isPrimary ? e : null; });
  target.addEventListener('pointermove', (e) => {
    if (down && e.pointerId === down.pointerId && Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) > TAP_SLOP) down = null;
  });
  target.addEventListener('pointercancel', () => { down = null; });
  target.addEventListener('pointerup', (e) => {
    const first = down;
    down = null;
    if (first && e.pointerId === first.pointerId && Math.hypot(e.clientX - first.clientX, e.clientY - first.clientY) <= TAP_SLOP) fn(first);
  });
}

/**
 * Keeps a touch from scrolling the page while `dragging()` holds: a drag
 * that started on a point or handle (its pointerdown runs before the
 * touch events) moves it in every direction; any other touch pans.
 * @param {HTMLElement} target
 * @param {() => boolean} dragging
 */
export function holdDrags(target, dragging) {
  const hold = (/** @type {TouchEvent} */ e) => { if (dragging() && e.cancelable) e.preventDefault(); };
  target.addEventListener('touchstart', hold, { passive: false });
  target.addEventListener('touchmove', hold, { passive: false });
}
