// When the core fails. A panic traps the wasm instance (release builds
// abort), so nothing may call it again: the page goes inert under a banner
// that says what happened, reloads with defaults, and copies a bug report.
import { t, language, onLanguage } from './i18n.js';
import { forgetStored } from './state.js';
import { $ } from './dom.js';

export class Failure {
  #ui;
  /** @type {string | null} */
  #message = null;
  #report = '';

  /**
   * `root` holds the banner's elements (by data-testid).
   * @param {HTMLElement} root
   */
  constructor(root) {
    this.#ui = { root, message: $(root, 'failure-message'), report: $(root, 'failure-report', HTMLTextAreaElement), copied: $(root, 'failure-copied') };
    $(root, 'failure-reload').addEventListener('click', () => Failure.reloadWithDefaults());
    $(root, 'failure-copy').addEventListener('click', () => this.#copy());
    onLanguage(() => { if (this.shown) this.#fill(); });
  }

  /** Whether the banner is up. */
  get shown() {
    return this.#message !== null;
  }

  /**
   * Shows the banner for the core's panic `message`; everything else goes inert.
   * @param {string} message
   */
  show(message) {
    if (this.shown) return;
    this.#message = message;
    const banner = this.#ui.root;
    for (const child of document.body.children) {
      if (child !== banner && child instanceof HTMLElement) child.inert = true;
    }
    banner.hidden = false;
    this.#fill();
    banner.querySelector('button')?.focus();
  }

  /** The report a user can paste into a bug: the link, the message, the browser. */
  #write() {
    return [
      t('failure.reportTitle'),
      `link: ${location.href}`,
      `message: ${this.#message}`,
      `browser: ${navigator.userAgent}`,
      `language: ${language()}`,
      `time: ${new Date().toISOString()}`,
    ].join('\n');
  }

  #fill() {
    this.#ui.message.textContent = t('failure.message', { error: this.#message });
    this.#report = this.#write();
    this.#ui.report.value = this.#report;
  }

  #copy() {
    const done = (/** @type {string} */ key) => { this.#ui.copied.textContent = t(key); };
    this.#ui.report.select();
    const copying = navigator.clipboard?.writeText(this.#report);
    if (!copying) {
      done('failure.selectToCopy');
      return;
    }
    copying.then(() => done('failure.copied'), () => done('failure.selectToCopy'));
  }

  /** Forgets what this page stored (settings, own points) and loads it with no link. */
  static reloadWithDefaults() {
    forgetStored();
    location.href = location.pathname;
  }
}
