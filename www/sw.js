// The service worker: after one visit the playground and every lab open
// with no network. It caches the files the build lists in pkg/precache.js,
// all of one build together under that build's version, and answers from
// that cache first, so a page never mixes files of two builds. A new build
// changes precache.js, which makes the browser install this worker again:
// it caches the new files, takes over, and drops the old build's cache;
// the page then says that a reload brings the new version.
// The page's type check knows the DOM, not a worker's globals.
const worker = /** @type {any} */ (self);
worker.importScripts('pkg/precache.js');

/** @type {{ version: string, files: string[] }} */
const PRECACHE = worker.PRECACHE;
const PREFIX = 'neuroplay-';
const CACHE = PREFIX + PRECACHE.version;

worker.addEventListener('install', (/** @type {any} */ event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Past the browser's HTTP cache: the build's own bytes, not an older copy.
    await cache.addAll(PRECACHE.files.map((file) => new Request(file, { cache: 'reload' })));
    await worker.skipWaiting();
  })());
});

worker.addEventListener('activate', (/** @type {any} */ event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await worker.clients.claim();
  })());
});

worker.addEventListener('fetch', (/** @type {any} */ event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page opened by any link (its settings are in the hash, never sent)
    // is the page itself.
    const hit = request.mode === 'navigate'
      ? await cache.match('./', { ignoreSearch: true })
      : await cache.match(request, { ignoreSearch: true });
    return hit ?? fetch(request);
  })());
});
