// The static server: it serves its root and nothing beside it (a sibling
// folder whose name starts with the root's included), with the types a
// browser needs (wasm as application/wasm).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';

let dir;
let server;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'neuroplay-serve-'));
  mkdirSync(join(dir, 'www'));
  mkdirSync(join(dir, 'www-private'));
  writeFileSync(join(dir, 'www', 'index.html'), '<!doctype html><title>root</title>');
  writeFileSync(join(dir, 'www', 'tiny.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(dir, 'www-private', 'x'), 'secret');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  server = await serve(join(dir, 'www'), 0);
});

after(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** GETs a raw request path (no client-side normalisation); resolves to { status, type, body }. */
function fetchRaw(path) {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: server.address().port, path }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks).toString() }));
    }).on('error', reject);
  });
}

test('serves the root, its index and wasm as application/wasm', async () => {
  const index = await fetchRaw('/');
  assert.equal(index.status, 200);
  assert.match(index.type, /^text\/html/);
  assert.match(index.body, /<title>root<\/title>/);
  const wasm = await fetchRaw('/tiny.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, 'application/wasm');
});

test('nothing outside the root: not a sibling folder with the same prefix, not the parent', async () => {
  for (const path of [
    '/..%2Fwww-private%2Fx',
    '/%2e%2e%2Fwww-private%2Fx',
    '/..%5Cwww-private%5Cx',
    '/../www-private/x',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/a/..%2F..%2Fsecret.txt',
    '/%E0%A4%A', // not valid percent-encoding
    '/missing.html',
  ]) {
    const res = await fetchRaw(path);
    assert.equal(res.status, 404, `${path} is refused`);
    assert.doesNotMatch(res.body, /secret/, `${path} leaks nothing`);
  }
});
