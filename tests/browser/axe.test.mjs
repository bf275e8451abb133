// Every page a person of each role reaches from their start page, checked with axe for WCAG 2.1 A
// and AA at 1280 px (a laptop) and 390 px (a phone), with a screenshot of each at both widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { base, shots, browser, login } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [1280, 390];
const PER_ROLE = 20;

// One page per shape of address: /werkgevers/12 and /werkgevers/13 are the same page.
const shape = (path) => path.split('?')[0].replace(/\d+/g, 'n');
const skip = (path) => /^\/(static|kiezen|afmelden)|\.(csv|xlsx|pdf|xml|json)$|export|download|mailto:/.test(path);

async function check(page, path, who, found) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}${path}`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    for (const v of result) found.push(`${who} ${path} @${width}px ${v}`);
    const name = `${who}${shape(path).replace(/[^a-z0-9]+/gi, '-')}-${width}`.replace(/-+/g, '-');
    await page.screenshot({ path: `${shots}/pagina/${name}.png`, fullPage: true });
  }
}

async function crawl(page, who, start, found) {
  const seen = new Set();
  const queue = [start];
  let checked = 0;
  while (queue.length > 0 && checked < PER_ROLE) {
    const path = queue.shift();
    if (seen.has(shape(path)) || skip(path)) continue;
    seen.add(shape(path));
    await check(page, path, who, found);
    checked += 1;
    const links = await page.$$eval('main a[href^="/"], header a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) if (!seen.has(shape(href))) queue.push(href);
  }
  return checked;
}

test('every page of every role has no WCAG 2.1 A/AA violation at 1280 and 390 px', async () => {
  mkdirSync(`${shots}/pagina`, { recursive: true });
  const found = [];
  let pages = 0;
  // axe is put into each page as a script of the test's own: the context lets it past koppel's
  // Content-Security-Policy (which allows no inline script), nothing else changes.
  const context = await browser.newContext({ bypassCSP: true });
  const visitor = await context.newPage();
  pages += await crawl(visitor, 'publiek', '/contact', found);
  pages += await crawl(visitor, 'publiek', '/vacaturekrant', found);
  pages += await crawl(visitor, 'publiek', '/spreekuren', found);
  await visitor.close();
  for (const [who, email] of [
    ['adviseur', 'adviser1.spaarnewerkt@demo.koppel.nl'],
    ['consulent', 'consultant1.ijmondwerkt@demo.koppel.nl'],
    ['jobhunter', 'jobhunter1.spaarnewerkt@demo.koppel.nl'],
    ['oekraine', 'ukraine-desk1.spaarnewerkt@demo.koppel.nl'],
    ['manager', 'manager1.spaarnewerkt@demo.koppel.nl'],
    ['beheerder', 'admin1.werkcentrum@demo.koppel.nl'],
    ['gids', 'gids1.werkcentrum@demo.koppel.nl'],
    ['partner', 'partner1.haarlem@demo.koppel.nl'],
  ]) {
    const page = await context.newPage();
    await context.clearCookies();
    await login(page, email);
    await page.waitForURL(`${base}/`);
    pages += await crawl(page, who, '/', found);
    await page.close();
  }
  await context.close();
  assert.ok(pages >= 40, `only ${pages} pages checked`);
  assert.deepEqual(found, [], `${found.length} violations on ${pages} pages`);
});
