// Exits 0 when node_modules holds every package of package-lock.json at its
// locked version, 1 otherwise (`make setup-npm` then runs `npm ci`): a new or
// changed dev dependency is installed on a machine that has the old ones.
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')).packages;
try {
  const locked = read('package-lock.json');
  const installed = read('node_modules/.package-lock.json');
  const stale = Object.keys(locked).filter((k) => k
    && (installed[k]?.version !== locked[k].version || !existsSync(new URL(`../${k}/package.json`, import.meta.url))));
  process.exit(stale.length ? 1 : 0);
} catch {
  process.exit(1);
}
