// The page is built from the core's schema: walked together, every setting
// has its control, each control's range and options are the core's, and
// a control shows exactly when the core says its setting applies. The
// page's scripts hold no list or limit of their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, open, byTestId } from './browser.mjs';
import { core } from './core.mjs';
import { Playground } from '../../www/pkg/neuroplay.js';
import { controlId } from '../../www/controls.js';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const PANEL = ['data', 'training'];

/** What the page shows for every setting's control: its kind, range and options, and whether its field is shown. */
function readControls(page) {
  return page.evaluate((ids) => {
    const out = {};
    for (const [key, id] of Object.entries(ids)) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) continue;
      const field = el.closest('[data-control]');
      out[key] = {
        tag: el.tagName.toLowerCase(),
        type: el.type,
        min: el.min,
        max: el.max,
        step: el.step,
        options: el.tagName === 'SELECT' ? [...el.options].map((o) => o.value) : null,
        disabled: el.tagName === 'SELECT' ? [...el.options].filter((o) => o.disabled).map((o) => o.value) : null,
        shown: Boolean(field && field.offsetParent !== null),
      };
    }
    return out;
  }, Object.fromEntries(core.schema.settings.map((s) => [s.key, controlId(s.key)])));
}

test('every setting of the core has a control whose range and options are the core\'s', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle`);
  const controls = await readControls(page);
  for (const spec of core.schema.settings) {
    const c = controls[spec.key];
    if (spec.type === 'layers' || spec.type === 'features') continue; // the diagram's own, below
    if (spec.type === 'rows') continue; // drawn on the output view and imported: own.test.mjs
    if (spec.key === 'units') continue; // the file's units, set by an import with its rows: units.test.mjs
    if (spec.type === 'edits') continue; // typed in on the diagram: classroom.test.mjs
    if (spec.group === 'replay') continue; // backpropagation's "apply": gd-backprop.test.mjs
    assert.ok(c, `${spec.key} has a control`);
    const scale = spec.unit === 'percent' ? 100 : 1;
    if (spec.type === 'choice' || spec.type === 'activations') {
      assert.deepEqual(c.options, spec.options.map((o) => o.value), `${spec.key}: the core's options`);
    } else if (spec.ticks) {
      assert.deepEqual(c.options.slice(0, spec.ticks.length), spec.ticks, `${spec.key}: the core's usual values`);
      for (const v of c.options) {
        assert.ok(Number(v) >= spec.min && Number(v) <= spec.max, `${spec.key}: ${v} within the core's limits`);
      }
    } else if (spec.type === 'flag') {
      assert.equal(c.type, 'checkbox', spec.key);
    } else {
      assert.equal(c.type, spec.type === 'whole' ? 'number' : 'range', spec.key);
      assert.equal(Number(c.min), spec.min * scale, `${spec.key}: min`);
      assert.equal(Number(c.max), spec.max * scale, `${spec.key}: max`);
    }
    if (PANEL.includes(spec.group)) {
      const inPanel = await page.$eval(byTestId(controlId(spec.key)), (el) => Boolean(el.closest('.controls')));
      assert.ok(inPanel, `${spec.key} sits in the settings panel`);
    }
  }
  // The limits the first round's page got wrong are the core's now.
  const momentum = core.schema.settings.find((s) => s.key === 'momentum');
  assert.equal(Number(controls.momentum.max), momentum.max);
  assert.ok(controls.weightDecay.options.includes('10'), 'weight decay reaches the core\'s 10');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a field shows exactly when the core says its setting applies, and only allowed options can be chosen', async () => {
  const links = [
    'dataset=circle&optimizer=sgd', 'dataset=blobs&classes=4&optimizer=momentum', 'dataset=sin&optimizer=nesterov',
    'dataset=spirals&optimizer=rmsprop&reg=l1', 'dataset=xor&optimizer=adam&patience=10', 'dataset=table&optimizer=adamw&reg=l2',
  ];
  for (const link of links) {
    const pg = new Playground(link);
    const state = pg.settings();
    pg.free();
    const { page, errors } = await open(env.browser, `${env.url}#${link}`);
    const controls = await readControls(page);
    for (const spec of core.schema.settings.filter((s) => PANEL.includes(s.group))) {
      assert.equal(controls[spec.key].shown, state[spec.key].applies, `${link}: ${spec.key} shown = applies`);
    }
    const disabled = controls.output.disabled;
    const allowed = state.output.allowed ?? core.schema.settings.find((s) => s.key === 'output').options.map((o) => o.value);
    assert.deepEqual(controls.output.options.filter((o) => !disabled.includes(o)), allowed, `${link}: heads`);
    // The diagram offers the inputs the data allows.
    const features = await page.$$eval('[data-testid^="feature-"]', (els) => els.map((e) => e.dataset.testid.slice(8)));
    const all = core.schema.settings.find((s) => s.key === 'features').options.map((o) => o.value);
    assert.deepEqual(features, state.features.allowed ?? all, `${link}: inputs`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the network header stops at the core\'s layer and neuron limits', async () => {
  const { maxLayers, maxNeurons } = core.schema.settings.find((s) => s.key === 'layers');
  const full = Array(maxLayers).fill(maxNeurons).join(',');
  const { page, errors } = await open(env.browser, `${env.url}#layers=${full}`);
  assert.equal(await page.isDisabled(byTestId('add-layer')), true, 'no layer beyond the limit');
  assert.equal(await page.isDisabled(byTestId('neurons-plus-0')), true, 'no neuron beyond the limit');
  await page.click(byTestId('remove-layer'));
  assert.equal(await page.isDisabled(byTestId('add-layer')), false);
  await page.click(byTestId('neurons-minus-0'));
  assert.equal(await page.isDisabled(byTestId('neurons-plus-0')), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every lab builds its controls from its own schema, with the core\'s options and ranges', async () => {
  for (const [name, schema] of Object.entries(core.labs)) {
    const { page, errors } = await open(env.browser, `${env.url}#lab=${name}`);
    for (const spec of schema.settings) {
      const id = `${name}-${controlId(spec.key)}`;
      // Points and neurons are set on a figure, three numbers (logits) in the lab's own fields (labs.test.mjs);
      // a setting whose group has no place on the page lives in the link alone.
      const placed = await page.$(`[data-lab-view="${name}"] [data-fields="${spec.group}"]`);
      const shown = Boolean(placed) && !['point', 'points', 'units', 'triple'].includes(spec.type);
      assert.equal(await page.isVisible(byTestId(id)), shown, `${id} shown`);
      if (!shown) continue;
      const c = await page.$eval(byTestId(id), (el) => ({
        type: el.type, min: el.min, max: el.max, options: el.tagName === 'SELECT' ? [...el.options].map((o) => o.value) : null,
      }));
      if (spec.type === 'choice') assert.deepEqual(c.options, spec.options.map((o) => o.value), `${id}: options`);
      else if (spec.ticks) assert.deepEqual(c.options, spec.ticks, `${id}: usual values`);
      else if (spec.type === 'flag') assert.equal(c.type, 'checkbox', id);
      // Text, and a lab's hidden layers typed as a link writes them (`128,64`).
      else if (spec.type === 'text' || spec.type === 'layers') assert.equal(c.type, 'text', id);
      else assert.deepEqual([c.type, Number(c.min), Number(c.max)], [spec.type === 'whole' ? 'number' : 'range', spec.min, spec.max], `${id}: range`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the page\'s scripts name no dataset, head, activation, optimiser or feature, and no limit of the core', () => {
  const www = new URL('../../www/', import.meta.url);
  const html = readFileSync(new URL('index.html', www), 'utf8');
  // A name that is also an element's test id ("step") may be quoted for the element.
  const ids = new Set([...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]));
  // The side-by-side lab's menu offers setting keys, which scripts may name.
  const keys = new Set(core.schema.settings.map((s) => s.key));
  const names = [core.schema, ...Object.values(core.labs)].flatMap((schema) => schema.settings)
    .filter((s) => s.options && !s.options.every((o) => keys.has(o.value) || o.value === 'none'))
    .flatMap((s) => s.options.map((o) => o.value))
    .filter((v) => v.length > 2 && !ids.has(v))
    // A name that is also an HTML element's ("table") may build that element.
    .filter((v) => v !== 'table');
  // Whole-number limits above ten: smaller numbers are digits of layout
  // and formatting too (the layer limit is checked by behaviour above).
  const limits = core.schema.settings.flatMap((s) => [s.max, s.maxNeurons])
    .filter((v) => Number.isInteger(v) && v > 10);
  // strings.js holds the words for each name.
  for (const file of readdirSync(www).filter((f) => f.endsWith('.js') && f !== 'strings.js')) {
    // A lab's section, built by its page module, names CSS classes ("square") that are no setting.
    const source = readFileSync(new URL(file, www), 'utf8').replace(/className: '[^']*'/g, '');
    for (const name of names) {
      assert.ok(!source.includes(`'${name}'`) && !source.includes(`"${name}"`), `${file} names "${name}"`);
    }
    for (const limit of limits) {
      assert.ok(!new RegExp(`[^\\w.]${String(limit).replace('.', '\\.')}(?![\\w.])`).test(source), `${file} holds the limit ${limit}`);
    }
  }
  assert.ok(!/<option/.test(html.replace(/<option value="(en|cs)">/g, '')), 'index.html lists no options but the languages');
});

/**
 * Whether each setting of `specs` finds, in the live page, a container of
 * fields for its group (in the lab's view, or for the playground outside
 * every lab's view) and its control inside that container.
 */
function placement(page, view, specs, prefix) {
  return page.evaluate(({ view, specs, prefix }) => {
    const root = view ? document.querySelector(`[data-lab-view="${view}"]`) : document;
    const ours = (el) => Boolean(view) || !el.closest('[data-lab-view]');
    return Object.fromEntries(specs.map(({ key, group, id }) => {
      const container = [...root.querySelectorAll(`[data-fields="${group}"]`)].find(ours);
      return [key, { container: Boolean(container), control: Boolean(container?.querySelector(`[data-testid="${prefix}${id}"]`)) }];
    }));
  }, { view, specs: specs.map((s) => ({ key: s.key, group: s.group, id: controlId(s.key) })), prefix });
}

test('every group of every schema has its container in the page, and every setting of it its control there', async () => {
  // The playground, then each lab's view; views that share a handle (the
  // recipe and the side-by-side comparison) share its schema, and a group
  // of that schema needs its container in one of them.
  const views = [[null, core.schema, ''], ...Object.entries(core.labs).map(([name, schema]) => [name, schema, `${name}-`])];
  const found = new Map(); // a schema's JSON -> key -> {container, control} in some view
  for (const [view, schema, prefix] of views) {
    const { page, errors } = await open(env.browser, `${env.url}#${view ? `lab=${view}` : 'dataset=circle'}`);
    const placed = await placement(page, view, schema.settings, prefix);
    const seen = found.get(JSON.stringify(schema)) ?? {};
    for (const spec of schema.settings) {
      if (!spec.fields) {
        assert.ok(!placed[spec.key].container, `${view ?? 'playground'}: ${spec.key}'s group "${spec.group}" has no fields, says the core, yet the page has a container for it`);
      }
      const was = seen[spec.key] ?? { container: false, control: false };
      seen[spec.key] = { container: was.container || placed[spec.key].container, control: was.control || placed[spec.key].control };
    }
    found.set(JSON.stringify(schema), seen);
    assert.deepEqual(errors, []);
    await page.close();
  }
  for (const [json, seen] of found) {
    for (const spec of JSON.parse(json).settings.filter((s) => s.fields)) {
      assert.ok(seen[spec.key].container, `the group "${spec.group}" of ${spec.key} has its container [data-fields="${spec.group}"]`);
      // Points and neurons are set on a figure; the network header holds menus only (its layers, inputs and edits are the diagram's).
      const control = spec.group === 'network' ? ['choice', 'activations'].includes(spec.type) : !['point', 'points', 'units', 'triple'].includes(spec.type);
      if (control) assert.ok(seen[spec.key].control, `${spec.key} has its control in its group's container`);
    }
  }
});
