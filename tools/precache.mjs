// Writes www/pkg/precache.js: the list of files the service worker (www/sw.js)
// caches for offline use, and a version that is the hash of their contents,
// so that every build that changes a byte installs a new cache and drops the
// old one. Run by `make build` after wasm-bindgen and wasm-opt.
// Usage: node tools/precache.mjs [root]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the site serves: everything but types, notes and the list itself. */
const SERVED = /\.(html|js|css|svg|png|wasm|webmanifest|bin)$/;
const SKIPPED = /(\.d\.ts$|^sw\.js$|^pkg\/precache\.js$|^pkg\/.*\.d\.ts$)/;

/** Every served file under `dir`, relative to `root`, sorted. */
function files(root, dir = root) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(root, path);
    const rel = relative(root, path).split('\\').join('/');
    return SERVED.test(rel) && !SKIPPED.test(rel) ? [rel] : [];
  });
}

const root = process.argv[2] ?? 'www';
const list = files(root);
const hash = createHash('sha256');
for (const file of list) hash.update(file).update('\0').update(readFileSync(join(root, file)));
// sw.js itself is fetched and compared by the browser; its hash joins the version too.
hash.update(readFileSync(join(root, 'sw.js')));
const version = hash.digest('hex').slice(0, 16);
// './' is the page itself, as a link without a file name opens it.
const precache = { version, files: ['./', ...list] };
writeFileSync(join(root, 'pkg/precache.js'), `// Written by tools/precache.mjs at build time.\nself.PRECACHE = ${JSON.stringify(precache, null, 1)};\n`);
console.log(`Offline cache: ${list.length} files, version ${version}`);
