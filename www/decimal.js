// A field for a decimal number, written and read by the core's number
// formatter (view::number) rather than the browser's: a number input
// writes "0.1" and "-0.003" whatever the page's language, and reads only
// its own mark. This one shows the language's mark and minus, reads either
// mark and either minus, and steps with the arrow keys as a number input does.
import { el } from './controls.js';
import { t, fieldText, readNumber } from './i18n.js';

/**
 * A text field for a decimal number (`inputmode=decimal`, so a phone shows
 * its number pad). ArrowUp and ArrowDown step the value by `step` (ten
 * steps with Shift) and fire `input` and `change`, as a number input does.
 * @param {Partial<Omit<HTMLInputElement, 'dataset'>> & { dataset?: Record<string, string> }} props
 * @param {number} [step]
 */
export function decimalField(props, step = 1) {
  const input = el('input', { ...props, type: 'text', inputMode: 'decimal', autocomplete: 'off', spellcheck: false });
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const x = readNumber(input.value || '0');
    if (x === undefined) return;
    e.preventDefault();
    const by = (e.key === 'ArrowUp' ? step : -step) * (e.shiftKey ? 10 : 1);
    // Rounded to the step's decimals: 0.1 + 0.2 is 0.3 here.
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    input.value = fieldText(Number((x + by).toFixed(decimals + 6)));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return input;
}

/**
 * Writes `x` into `field` as the page writes a field's number.
 * @param {HTMLInputElement} field
 * @param {number} x
 */
export function showNumber(field, x) {
  field.value = fieldText(x);
}

/**
 * The numbers typed into `fields`, or the sentence that refuses the first
 * that is not one (in the current language, for `Messages.say`).
 * @param {HTMLInputElement[]} fields
 * @returns {{ numbers: number[] } | { refused: () => string }}
 */
export function readFields(fields) {
  /** @type {number[]} */
  const numbers = [];
  for (const field of fields) {
    const x = readNumber(field.value);
    if (x === undefined) {
      const text = field.value;
      return { refused: () => t('field.notNumber', { text, example: fieldText(-0.5) }) };
    }
    numbers.push(x);
  }
  return { numbers };
}
