// What the playground's first load fetches, gzipped: the page, everything
// it names (styles, icons, a manifest and the icons in it, a service
// worker and every file it caches), and every module its scripts import,
// statically or when they boot (the labs' page modules), with the wasm the
// core's glue loads. Data a lab fetches when it is opened (www/data/) is
// counted apart, even though the service worker caches it on the first visit.
//
//   node tools/size.mjs [ROOT]    prints each file and the total (`make size`)
//
// tests/e2e/size.test.mjs checks this list against what Chromium fetches
// when it opens the page, and the total against BUDGET_KIB.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, posix } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The most the first load may weigh, gzipped, in KiB (issue 26). */
export const BUDGET_KIB = 350;

/** `text` without its comments: JSDoc's `import('./x.js').Type` is no import. */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

/**
 * The files `file` (a path under `root`) makes the browser fetch, as paths
 * under `root`: a page's links and scripts, a module's imports (a template
 * such as `./lab-${name}.js` stands for every file it matches), URLs built
 * on `import.meta.url`, a registered service worker, a stylesheet's url()s,
 * a manifest's icons.
 * @param {string} root
 * @param {string} file
 * @returns {string[]}
 */
function references(root, file) {
  const text = readFileSync(join(root, file), 'utf8');
  const here = posix.dirname(file);
  /** @type {string[]} relative to the file itself */
  const fromFile = [];
  /** @type {string[]} relative to the page */
  const fromPage = [];
  if (file.endsWith('.html')) {
    for (const m of text.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"/g)) fromFile.push(m[1]);
  } else if (file.endsWith('.js') || file.endsWith('.mjs')) {
    const js = code(text);
    for (const m of js.matchAll(/^\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/gm)) fromFile.push(m[1]);
    for (const m of js.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) fromFile.push(m[1]);
    for (const m of js.matchAll(/\bimport\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) fromFile.push(m[1]);
    for (const m of js.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) fromFile.push(m[1]);
    for (const m of js.matchAll(/importScripts\(\s*['"]([^'"]+)['"]/g)) fromFile.push(m[1]);
    for (const m of js.matchAll(/\.register\(\s*['"]([^'"]+\.js)['"]/g)) fromPage.push(m[1]);
    // The service worker's list (tools/precache.mjs), relative to the page; './' is the page.
    const precache = /self\.PRECACHE\s*=\s*(\{[\s\S]*\});/.exec(text);
    if (precache) fromPage.push(...JSON.parse(precache[1]).files.map((/** @type {string} */ f) => (f === './' ? 'index.html' : f)));
  } else if (file.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) fromFile.push(m[1]);
  } else if (file.endsWith('.webmanifest') || file.endsWith('manifest.json')) {
    for (const icon of JSON.parse(text).icons ?? []) fromFile.push(icon.src);
  }
  const local = (/** @type {string} */ ref) => !/^[a-z]+:/i.test(ref) && !ref.startsWith('#');
  const clean = (/** @type {string} */ ref) => ref.split(/[?#]/)[0];
  return [
    ...fromFile.filter(local).flatMap((ref) => expand(root, posix.normalize(posix.join(here, clean(ref))))),
    ...fromPage.filter(local).flatMap((ref) => expand(root, posix.normalize(clean(ref).replace(/^\.\//, '')))),
  ];
}

/** `path`, or with a `${…}` in it every file of its folder it matches. */
function expand(root, path) {
  if (!path.includes('${')) return [path];
  const dir = posix.dirname(path);
  const pattern = new RegExp(`^${posix.basename(path).split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
  return readdirSync(join(root, dir)).filter((f) => pattern.test(f)).map((f) => posix.join(dir, f));
}

/** Where the data a lab loads when it opens lives: counted apart. */
export const isLabData = (/** @type {string} */ path) => path.startsWith('data/');

/**
 * Every file the first visit fetches under `root` (the site, www/), from
 * index.html, with its size and gzipped size (level 9) in bytes; the labs'
 * data among them (`isLabData`) does not count towards the budget.
 * @param {string} [root]
 * @returns {{ path: string, bytes: number, gzipped: number }[]}
 */
export function fetched(root = 'www') {
  const seen = new Set(['index.html']);
  const queue = ['index.html'];
  while (queue.length) {
    for (const ref of references(root, /** @type {string} */ (queue.shift()))) {
      if (seen.has(ref)) continue;
      if (!existsSync(join(root, ref))) throw new Error(`${ref} is fetched but not in ${root}`);
      seen.add(ref);
      queue.push(ref);
    }
  }
  return [...seen].map((path) => {
    const bytes = readFileSync(join(root, path));
    return { path, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
}

/** The first load the budget counts: what the first visit fetches but the labs' data. */
export const firstLoad = (root = 'www') => fetched(root).filter((f) => !isLabData(f.path));

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const root = process.argv[2] ?? 'www';
  const files = firstLoad(root);
  for (const f of files) console.log(`  ${join(root, f.path).padEnd(40)} ${String(f.gzipped).padStart(7)} B gzipped`);
  const total = files.reduce((s, f) => s + f.gzipped, 0);
  const data = existsSync(join(root, 'data'))
    ? readdirSync(join(root, 'data')).filter((f) => !f.endsWith('.md'))
      .map((f) => `${f} ${Math.round(gzipSync(readFileSync(join(root, 'data', f)), { level: 9 }).length / 1024)} KiB`)
    : [];
  console.log(`First load: ${(total / 1024).toFixed(1)} KiB gzipped (HTML, JS, CSS, wasm, manifest, service worker and what they fetch; ${files.length} files), budget ${BUDGET_KIB} KiB`);
  if (data.length) console.log(`Labs' data, apart: ${data.join(', ')} gzipped`);
}
