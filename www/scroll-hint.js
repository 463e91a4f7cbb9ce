// A box that scrolls sideways says which way more of it waits: its
// `data-more` names "left" and/or "right" (style.css draws the fade and
// arrow on a phone, where the tabs and the network overflow).

/** @param {HTMLElement} box */
function mark(box) {
  const more = [];
  if (box.scrollLeft > 1) more.push('left');
  if (box.scrollLeft + box.clientWidth < box.scrollWidth - 1) more.push('right');
  box.dataset.more = more.join(' ');
}

/**
 * Keeps `box`'s `data-more` current as it scrolls, resizes or its content changes.
 * @param {HTMLElement} box
 */
export function hintOverflow(box) {
  const update = () => mark(box);
  box.addEventListener('scroll', update, { passive: true });
  const sizes = new ResizeObserver(update);
  sizes.observe(box);
  new MutationObserver(update).observe(box, { childList: true, subtree: true, characterData: true });
  update();
}
