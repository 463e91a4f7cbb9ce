// Damaged share links in the real page: every key is applied or named in
// the message, the message stays a few lines whatever the link holds (and
// the page its usual height), characters that would turn the text around
// are shown as code points, keys given twice are named, and links carry
// their format version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, params } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const message = (page, id = 'message') => page.textContent(byTestId(id));
const lines = (text) => text.split('\n');
const height = (page) => page.evaluate(() => document.documentElement.scrollHeight);

/** A hash of `n` unknown keys. */
const unknownKeys = (n) => Array.from({ length: n }, (_, i) => `bogus${i}=1`).join('&');

test('5,000 unknown keys: ten lines and a count of the rest, in English and Czech, at the page\'s usual height', async () => {
  const clean = await open(env.browser, `${env.url}#dataset=xor`);
  const usual = await height(clean.page);
  await clean.page.close();

  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&${unknownKeys(5000)}&lr=abc&speed=7`);
  const en = lines(await message(page));
  assert.equal(en.length, 12, `a header, ten notices and the count: ${en.slice(0, 3)}…`);
  assert.equal(en[0], 'Some settings in the link were ignored:');
  assert.match(en[1], /^Learning rate: "abc" is not valid/, 'what known keys got wrong comes before the unknown keys');
  assert.match(en[2], /^speed = "7"/);
  assert.equal(en[3], 'unknown setting "bogus0"');
  assert.equal(en[11], '…and 4,992 more');
  assert.ok(await height(page) <= usual + 250, `page ${await height(page)} px, ${usual} px without the keys`);
  assert.equal(await page.inputValue(byTestId('dataset')), 'xor', 'the valid key applies');
  // The count follows the language.
  await page.selectOption(byTestId('language'), 'cs');
  assert.match(lines(await message(page)).at(-1), /^…a dalších 4\s992$/);
  assert.deepEqual(errors, []);
  await page.close();

  // Czech plurals of the count: 2 to 4 take "další".
  const cs = await open(env.browser, `${env.url}#lang=cs&${unknownKeys(13)}`);
  assert.equal(lines(await message(cs.page)).at(-1), '…a další 3');
  await cs.page.close();
  // Eleven notices fit: a count line would hide only one.
  const eleven = await open(env.browser, `${env.url}#${unknownKeys(11)}`);
  assert.equal(lines(await message(eleven.page)).length, 12);
  assert.doesNotMatch(await message(eleven.page), /more/);
  await eleven.page.close();
});

test('bidirectional and control characters in a link are shown as code points, never obeyed', async () => {
  // U+202E (right-to-left override) in a core value, a core key and a page
  // value; a newline (%0A) in a key would add a line.
  const { page, errors } = await open(env.browser,
    `${env.url}#dataset=xor&lr=1%E2%80%AE0&%E2%80%AEevil%0Akey=1&speed=%E2%81%A75`);
  const text = await message(page);
  assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/, 'no bidirectional control reaches the page');
  assert.match(text, /lr: "1\\u\{202E\}0"|"1\\u\{202E\}0"/, text);
  assert.match(text, /unknown setting "\\u\{202E\}evil\\u\{000A\}key"/);
  assert.match(text, /speed = "\\u\{2067\}5"/);
  assert.equal(lines(text).length, 4, `a header and three notices: ${text}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('hide names only controls the page has, each once; a 100 kB value is quoted short', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&hide=play`);
  assert.match(await message(page), /hide = "play" is not valid/);
  await page.close();

  const huge = await open(env.browser, `${env.url}#dataset=xor&hide=${'a'.repeat(100_000)}`);
  const text = await message(huge.page);
  assert.equal(lines(text).length, 2);
  assert.ok(text.length < 200, `${text.length} characters`);
  assert.match(text, /hide = "a{40}…" is not valid/);
  assert.equal((await params(huge.page)).has('hide'), false, 'the refused value left the link');
  await huge.page.close();

  // A valid list still hides, and a repeat inside it is refused whole.
  const valid = await open(env.browser, `${env.url}#dataset=xor&hide=noise,optimizer`);
  assert.equal(await message(valid.page), '');
  assert.equal(await valid.page.isVisible(byTestId('noise')), false);
  await valid.page.close();
  const twice = await open(env.browser, `${env.url}#dataset=xor&hide=noise,noise`);
  assert.match(await message(twice.page), /hide = "noise,noise" is not valid/);
  assert.equal(await twice.page.isVisible(byTestId('noise')), true);
  await twice.page.close();
  assert.deepEqual([...errors, ...huge.errors, ...valid.errors, ...twice.errors], []);
});

test('a key given twice is named, core key or page key, and its last value counts', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#seed=1&seed=2&speed=2&speed=5&dataset=xor`);
  const text = await message(page);
  assert.match(text, /Seed is given 2 times: only the last, "2", counts/, 'a setting by its label');
  assert.match(text, /speed is given 2 times: only the last, "5", counts/);
  assert.equal(await page.inputValue(byTestId('speed')), '5');
  assert.equal((await params(page)).get('seed'), '2');
  assert.deepEqual(errors, []);
  await page.close();
});

test('values the core would have changed are refused with a message, in both languages', async () => {
  const cases = [
    ['dataset=sin&features=x2', /Inputs: "x2" is not available with the other settings/, /: "x2" nejde s ostatními nastaveními/],
    ['dataset=table&features=x2,x2sq', /Inputs: "x2" is not available/, /: "x2" nejde/],
    ['layers=4,,4', /layers: "4,,4"|"4,,4"/, /"4,,4"/],
    ['layers=,,,', /",,,"/, /",,,"/],
    ['features=x1,x1,x1', /feature names, each once/, /každý jednou/],
    ['features=x1,,x2', /feature names, each once/, /každý jednou/],
  ];
  for (const [link, en, cs] of cases) {
    for (const [lang, expected] of [['en', en], ['cs', cs]]) {
      const { page, errors } = await open(env.browser, `${env.url}#${link}&lang=${lang}`);
      const text = await message(page);
      assert.match(text, expected, `${link} in ${lang}: ${text}`);
      assert.equal(lines(text).length, 2, `${link}: one notice`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});

test('links carry format version 1; a link without one is version 1, a newer one is read as best it can', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor`);
  assert.equal(await message(page), '', 'no version is version 1: nothing to say');
  assert.match(await page.evaluate(() => location.hash), /^#v=1&dataset=xor&/);
  await page.close();

  const newer = await open(env.browser, `${env.url}#v=2&dataset=xor&lang=cs`);
  assert.match(await message(newer.page), /^Některá nastavení v odkazu byla vynechána:\nOdkaz je v novějším formátu \(v = "2"\)/);
  assert.equal(await newer.page.inputValue(byTestId('dataset')), 'xor', 'the rest of the link applies');
  assert.equal((await params(newer.page)).get('v'), '1', 'the page writes the format it knows');
  await newer.page.close();

  // A lab's link too.
  const lab = await open(env.browser, `${env.url}#lab=gd&v=9&lr=0.1`);
  assert.match(await message(lab.page, 'gd-message'), /newer format \(v = "9"\)/);
  assert.equal((await params(lab.page)).get('v'), '1');
  assert.equal((await params(lab.page)).get('lr'), '0.1');
  await lab.page.close();
  assert.deepEqual([...errors, ...newer.errors, ...lab.errors], []);
});
