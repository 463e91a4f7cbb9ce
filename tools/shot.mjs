// Screenshots of the page for looking at it: node tools/shot.mjs OUT.png '#hash' [width height] [lang-locale]
import { launch, open } from '../tests/e2e/browser.mjs';

const [out, hash = '', width = '1280', height = '720', locale = 'en-US', play = '0'] = process.argv.slice(2);
const env = await launch({ locale });
try {
  const { page, errors } = await open(env.browser, `${env.url}${hash}`, { width: Number(width), height: Number(height) });
  if (Number(play) > 0) {
    await page.click('[data-testid="play"]');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="epoch"]').textContent) >= n, Number(play), { timeout: 60000 });
    await page.click('[data-testid="play"]');
  }
  await page.waitForTimeout(200);
  await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
  console.log(JSON.stringify({ errors, message: await page.textContent('[data-testid="message"]') }));
} finally {
  await env.close();
}
