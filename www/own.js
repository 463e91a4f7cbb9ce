// Your own data and models: points drawn on the output view, CSV in (a
// file or dropped on the page) and out, the network saved and loaded as a
// model file, the network as a NumPy or PyTorch script, and figures as PNG
// at twice the screen's resolution. The core reads, checks and writes every
// file; this module picks files and hands out downloads.
import { t, num } from './i18n.js';
import { el } from './controls.js';
import { describe } from './messages.js';
import { $ } from './dom.js';
import { grabRadius } from './pkg/neuroplay.js';
import { rowsTooLong } from './state.js';

/** The scripts the core writes. */
const CODE = ['numpy', 'pytorch'];

/**
 * Offers `content` (text or a Blob) as a download named `name`.
 * @param {string} name
 * @param {string | Blob} content
 */
export function download(name, content, type = 'text/plain') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * How a CSV file was read, in words: separator, decimal mark and encoding;
 * the columns read when the file named them; the classes' names.
 * @param {import('./pkg/neuroplay.js').Dialect} d
 * @param {boolean} oneD
 */
function readAs(d, oneD) {
  const separator = t(`csv.separator.${d.separator === '\t' ? 'tab' : d.separator}`);
  const lines = [t('csv.read', { separator, mark: t(`csv.mark.${d.decimal_comma ? 'comma' : 'point'}`), encoding: t(`csv.encoding.${d.encoding}`) })];
  if (d.header) {
    const [x1, x2, y] = d.columns.map((c) => d.header?.[c] ?? '');
    lines.push(oneD ? t('csv.columns.curve', { x: x1, y: x2 }) : t('csv.columns', { x1, x2, y, label: t('own.columns.label') }));
  }
  if (d.class_names.length) lines.push(t('csv.classes', { names: d.class_names.join(', ') }));
  return lines;
}

export class OwnData {
  #session;
  #hooks;
  #ui;
  drawing = false;

  /**
   * `hooks`: `changed()` after the data or network changed (the page syncs
   * and redraws), `say(what)` shows a message, `guard(fn)` runs a call into
   * the core, `showTest()` whether test points are shown, `network` the
   * network view (for its PNG).
   * @param {Document} root
   * @param {import('./session.js').Session} session
   * @param {{ changed: () => void, say: (what: import('./messages.js').Said) => void, guard: (fn: () => void) => void, showTest: () => boolean, network: import('./network.js').Network }} hooks
   */
  constructor(root, session, hooks) {
    this.#session = session;
    this.#hooks = hooks;
    const ui = {
      'draw-toggle': $(root, 'draw-toggle'), 'draw-class': $(root, 'draw-class', HTMLSelectElement),
      'draw-class-field': $(root, 'draw-class-field'), 'draw-value': $(root, 'draw-value', HTMLInputElement),
      'draw-value-field': $(root, 'draw-value-field'), 'clear-points': $(root, 'clear-points'),
      'edit-points': $(root, 'edit-points'), 'robust-offer': $(root, 'robust-offer'), 'map-robust': $(root, 'map-robust'),
      'rows-kept': $(root, 'rows-kept'),
      'import-data': $(root, 'import-data', HTMLInputElement), 'export-data': $(root, 'export-data'),
      'export-png-output': $(root, 'export-png-output'), 'export-model': $(root, 'export-model'),
      'import-model': $(root, 'import-model', HTMLInputElement), 'code-kind': $(root, 'code-kind', HTMLSelectElement),
      'export-code': $(root, 'export-code'), 'export-png-network': $(root, 'export-png-network'),
      'points-layer': $(root, 'points-layer', HTMLCanvasElement), plot: $(root, 'plot'),
      'columns-field': $(root, 'columns-field'), 'column-x1': $(root, 'column-x1', HTMLSelectElement),
      'column-x2': $(root, 'column-x2', HTMLSelectElement), 'column-label': $(root, 'column-label', HTMLSelectElement),
      'columns-import': $(root, 'columns-import'), 'class-legend': $(root, 'class-legend'),
    };
    this.#ui = ui;
    // As many classes as the core allows, named for the page.
    const classes = session.schema.settings.find((s) => s.key === 'classes');
    ui['draw-class'].replaceChildren(...Array.from({ length: Number(classes?.max) }, (_, i) => new Option(String(i + 1), String(i))));
    ui['code-kind'].replaceChildren(...CODE.map((k) => el('option', { value: k, textContent: t(`own.code.${k}`), dataset: { i18n: `own.code.${k}` } })));
    this.#wire(root);
  }

  get #pg() {
    return this.#session.live;
  }

  /** @param {Document} root */
  #wire(root) {
    const ui = this.#ui;
    const guard = this.#hooks.guard;
    ui['draw-toggle'].onclick = () => guard(() => {
      this.drawing = !this.drawing;
      // Drawing starts empty, on the current view: a drawing fits in a link.
      if (this.drawing && !this.#own()) {
        this.#pg.makeOwn();
        this.#hooks.changed();
      }
      this.sync();
    });
    // "Edit these points" copies the current dataset into the user's own points, to draw on.
    ui['edit-points'].onclick = () => guard(() => {
      this.drawing = true;
      this.#pg.editPoints();
      this.#hooks.changed();
    });
    ui['map-robust'].onclick = () => guard(() => this.#taken(this.#pg.mapRobust()));
    ui['clear-points'].onclick = () => guard(() => {
      this.#pg.clearPoints();
      this.#hooks.changed();
    });
    // A click on the output view draws a point; shift or the right button removes the nearest.
    const layer = ui['points-layer'];
    ui.plot.addEventListener('contextmenu', (e) => { if (this.drawing) e.preventDefault(); });
    ui.plot.addEventListener('pointerdown', (e) => {
      if (!this.drawing) return;
      guard(() => {
        const box = layer.getBoundingClientRect();
        const scale = layer.width / box.width;
        const [x, y] = [(e.clientX - box.left) * scale, (e.clientY - box.top) * scale];
        const changed = e.button === 2 || e.shiftKey
          ? this.#pg.removePoint(layer, x, y, grabRadius(layer))
          : this.#pg.addPoint(layer, x, y, this.#target());
        if (changed) this.#hooks.changed();
      });
    });
    ui['import-data'].onchange = () => this.#read(ui['import-data'], (file) => file.arrayBuffer().then((b) => guard(() => this.importData(new Uint8Array(b)))));
    ui['import-model'].onchange = () => this.#read(ui['import-model'], (file) => file.text().then((text) => guard(() => this.importModel(text))));
    ui['columns-import'].onclick = () => guard(() => {
      if (!this.#wide) return;
      const chosen = this.#columnSelects().map((select) => Number(select.value));
      this.importData(this.#wide, chosen);
    });
    ui['export-data'].onclick = () => guard(() => download('data.csv', this.#pg.exportData(), 'text/csv'));
    ui['export-model'].onclick = () => guard(() => {
      const r = this.#pg.exportModel();
      if ('refused' in r) this.#hooks.say(r.refused);
      else download('model.json', r.json, 'application/json');
    });
    ui['export-code'].onclick = () => guard(() => {
      const kind = ui['code-kind'].value;
      const r = this.#pg.exportCode(kind);
      if ('refused' in r) this.#hooks.say(r.refused);
      else download(`model_${kind}.py`, r.code, 'text/x-python');
    });
    ui['export-png-output'].onclick = () => guard(() => this.#outputPng());
    ui['export-png-network'].onclick = () => guard(() => this.#networkPng());
    // A CSV file dropped anywhere on the page is imported.
    root.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
    root.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      file.arrayBuffer().then((b) => guard(() => this.importData(new Uint8Array(b))));
    });
  }

  /** Whether the data is the user's own. */
  #own() {
    return this.#pg.ownData() !== null;
  }

  /** The target a drawn point gets: the chosen class, or the chosen value. */
  #target() {
    return this.#pg.ownData()?.classes ? Number(this.#ui['draw-class'].value) : Number(this.#ui['draw-value'].value);
  }

  /**
   * Reads the file an input picked (then forgets it, so the same file can be picked again).
   * @param {HTMLInputElement} input
   * @param {(file: File) => void} use
   */
  #read(input, use) {
    const file = input.files?.[0];
    input.value = '';
    if (file) use(file);
  }

  /**
   * The bytes of a file too wide to read without a choice of columns,
   * kept until the user chooses.
   * @type {Uint8Array | null}
   */
  #wide = null;

  /**
   * Imports a CSV file's bytes, the columns `columns` (x1, x2, label,
   * counted from 0) when chosen; says how it was read and mapped into the
   * view, or why it was refused. A file with more columns than it names
   * offers the choice.
   * @param {Uint8Array} bytes
   * @param {number[]} [columns]
   */
  importData(bytes, columns) {
    this.#taken(this.#pg.importData(bytes, columns), bytes);
  }

  /**
   * Says how imported points were read and mapped into the view (the axis
   * a few far points squeeze, with the offer of a robust range), or why
   * they were refused; a file too wide offers the choice of its columns.
   * @param {import('./pkg/neuroplay.js').DataImport} r
   * @param {Uint8Array | null} [bytes] the file's bytes, when `r` read one
   */
  #taken(r, bytes = null) {
    this.#ui['robust-offer'].hidden = true;
    if ('refused' in r) {
      if (bytes && r.refused.reason === 'chooseColumns') this.#offerColumns(bytes, String(r.refused.columns).split(', '));
      this.#hooks.say(r.refused);
      return;
    }
    this.#offerColumns(null, []);
    const dropped = this.#pg.droppedEdits();
    this.#hooks.changed();
    const [a1, a2, ay] = r.axes;
    const names = r.names;
    const named = (/** @type {number} */ i, /** @type {string} */ fallback) => names?.[i] || fallback;
    const axis = (/** @type {string} */ name, /** @type {import('./pkg/neuroplay.js').Axis} */ a) =>
      t('own.axis', { name, sign: a.offset < 0 ? '+' : '−', offset: num(Math.abs(a.offset), 4), scale: num(a.scale, 4) });
    const lines = r.oneD ? [axis(named(0, 'x'), a1), axis(named(2, 'y'), ay)] : [axis(named(0, 'x₁'), a1), axis(named(1, 'x₂'), a2)];
    const squeezed = r.squeezed ?? null;
    const rows = this.#pg.ownData()?.rows ?? 0;
    this.#ui['robust-offer'].hidden = squeezed === null;
    const fallback = ['x₁', 'x₂', r.oneD ? 'y' : 'x₂'];
    const edits = dropped ? [describe(dropped, this.#session.schema)] : [];
    const dialect = r.dialect;
    this.#hooks.say(() => [
      t(`own.imported.${r.kind}`, { rows }),
      ...lines,
      ...(dialect ? readAs(dialect, r.oneD) : []),
      ...(r.leftOut > 0 ? [t('own.leftOut', { rows: r.leftOut })] : []),
      ...(squeezed === null ? [] : [t('own.squeezed', { axis: named(squeezed, fallback[squeezed]) })]),
      ...edits,
    ].join('\n'));
  }

  /** The choices of the columns read as x1, x2 and the label. */
  #columnSelects() {
    const ui = this.#ui;
    return [ui['column-x1'], ui['column-x2'], ui['column-label']];
  }

  /**
   * Shows the choice of columns, each named as the file names it, or
   * hides it (`bytes` null).
   * @param {Uint8Array | null} bytes
   * @param {string[]} names
   */
  #offerColumns(bytes, names) {
    const ui = this.#ui;
    this.#wide = bytes;
    ui['columns-field'].hidden = !bytes;
    this.#columnSelects().forEach((select, k) => {
      select.replaceChildren(...names.map((n, i) => new Option(n, String(i))));
      // The first two columns as inputs and the last as the label, to start from.
      select.value = String(k < 2 ? k : names.length - 1);
    });
  }

  /**
   * Loads a model file; its settings and network replace the current ones.
   * @param {string} text
   */
  importModel(text) {
    const r = this.#pg.importModel(text);
    if ('refused' in r) {
      this.#hooks.say(r.refused);
      return;
    }
    this.#session.replaced();
    this.#hooks.changed();
    this.#hooks.say(() => t('own.loaded'));
  }

  /** Shows the draw tools that fit the data, and the classes' names when a file named them. */
  sync() {
    const ui = this.#ui;
    const own = this.#pg.ownData();
    const legend = own?.legend ?? [];
    ui['class-legend'].replaceChildren(...legend.map((c) => {
      const dot = el('span', { className: 'dot' });
      dot.style.background = c.color;
      return el('span', { className: 'class-key' }, dot, ` ${c.name}`);
    }));
    Array.from(ui['draw-class'].options).forEach((o, i) => { o.textContent = legend[i]?.name ?? String(i + 1); });
    ui['draw-toggle'].setAttribute('aria-pressed', String(this.drawing));
    ui['draw-class-field'].hidden = !this.drawing || !own?.classes;
    ui['draw-value-field'].hidden = !this.drawing || !own?.values;
    ui['clear-points'].hidden = !this.drawing;
    ui['edit-points'].hidden = own !== null;
    if (own === null) ui['robust-offer'].hidden = true;
    ui.plot.classList.toggle('drawing', this.drawing);
    // Points too many or too precise for a link live in this browser: say so in words.
    const kept = own !== null && rowsTooLong(this.#pg.query());
    ui['rows-kept'].hidden = !kept;
    ui['rows-kept'].textContent = kept ? t('own.kept', { rows: own.rows }) : '';
  }

  /** The output view at twice the screen's resolution: the model's output under the points. */
  #outputPng() {
    const shown = this.#ui.plot.getBoundingClientRect();
    const size = (/** @type {HTMLCanvasElement} */ c) => Object.assign(c, { width: Math.round(shown.width * 2), height: Math.round(shown.height * 2) });
    const [map, points, curve, out] = [el('canvas'), el('canvas'), el('canvas'), el('canvas')].map(size);
    const pg = this.#pg;
    pg.paintPixels(false);
    pg.drawOutput(map);
    pg.drawPoints(points, this.#hooks.showTest());
    pg.drawOverlay(curve, false);
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D context for the output figure');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(map, 0, 0);
    ctx.drawImage(points, 0, 0);
    ctx.drawImage(curve, 0, 0);
    out.toBlob((blob) => { if (blob) download('output.png', blob); });
  }

  /** The network view's edges and neurons at twice the screen's resolution. */
  #networkPng() {
    const network = this.#hooks.network;
    const out = network.render(2);
    out.toBlob((blob) => { if (blob) download('network.png', blob); });
    network.draw(); // back to the screen's layout
  }
}
