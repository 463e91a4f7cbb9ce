// The page's one element lookup: elements are found by their data-testid,
// which the end-to-end tests read too, so a test id names an element once.

/**
 * The element under `root` (a document or an element) with test id `id`, an
 * HTMLElement; throws when there is none, so a missing element fails where
 * it is looked up.
 * @overload
 * @param {ParentNode} root
 * @param {string} id
 * @returns {HTMLElement}
 */
/**
 * The element under `root` with test id `id`, an instance of `type`; throws
 * when there is none or it is of another kind.
 * @template {Element} E
 * @overload
 * @param {ParentNode} root
 * @param {string} id
 * @param {new () => E} type
 * @returns {E}
 */
/**
 * @param {ParentNode} root
 * @param {string} id
 * @param {new () => Element} [type]
 * @returns {Element}
 */
export function $(root, id, type = HTMLElement) {
  const found = find(root, id, type);
  if (!found) throw new Error(`the page has no ${type.name} [data-testid="${id}"]`);
  return found;
}

/**
 * As `$`, but null when `root` has no such element (for a piece of the page
 * that may be left out).
 * @template {Element} E
 * @param {ParentNode} root
 * @param {string} id
 * @param {new () => E} type
 * @returns {E | null}
 */
export function find(root, id, type) {
  const found = root.querySelector(`[data-testid="${id}"]`);
  return found instanceof type ? found : null;
}
