// The gids's day at the Werkcentrum's desk: a resident walks in, the gids records the
// conversation with their consent and refers them warmly to UWV; UWV finds the referral on its
// start page and accepts it; the gids sees it landed. Everything is picked by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, shots, browser, login, checkAccessibleBasics } from './harness.mjs';

test('a gids registers a walk-in visit, refers to UWV, and sees it accepted', async () => {
  const visitor = await browser.newPage();
  await visitor.goto(`${base}/spreekuren`);
  const hours = visitor.getByRole('cell', { name: 'maandag en woensdag 9.30-12.30 uur' });
  assert.ok(await hours.isVisible(), 'the public page lists the walk-in hours');
  await visitor.close();

  const page = await browser.newPage();
  await login(page, 'gids1.werkcentrum@demo.koppel.nl');
  await page.getByRole('heading', { name: /Goedendag/ }).waitFor();
  await page.screenshot({ path: `${shots}/start-gids.png`, fullPage: true });
  await page.getByRole('link', { name: 'Gesprek vastleggen' }).first().click();
  await checkAccessibleBasics(page);
  await page.getByLabel('Kanaal').selectOption({ label: 'Spreekuur (binnengelopen)' });
  await page.getByLabel('Locatie').selectOption({ label: 'Stadsschouwburg Velsen (IJmuiden)' });
  await page.getByLabel(/^Vraag/).selectOption({ label: 'Uitkering' });
  await page.getByLabel('Wie vraagt').selectOption({ label: 'Inwoner (werkzoekend)' });
  await page.getByLabel('Gegeven advies').fill('Na ontslag bij de staalfabriek: WW aanvragen bij UWV.');
  await page.getByLabel('Naam inwoner').fill('Noor Hoekstra');
  await page.getByLabel('Geboortedatum', { exact: true }).fill('14-02-1990');
  await page.getByLabel('Telefoon').fill('0623456789');
  // Without consent nothing is stored, and the form says why.
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('alleen met diens toestemming').first().waitFor();
  await page.getByLabel(/geeft toestemming/).check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Noor Hoekstra' }).waitFor();

  await page.getByLabel('Naar organisatie').selectOption({ label: 'UWV' });
  await page.getByLabel('Notitie voor de ontvanger').fill('Wil WW aanvragen; belt liefst na 15.00 uur.');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await page.getByRole('heading', { name: 'Doorverwijzing van Noor Hoekstra' }).waitFor();
  await page.screenshot({ path: `${shots}/doorverwijzing.png`, fullPage: true });

  const uwv = await browser.newContext();
  const receiver = await uwv.newPage();
  await login(receiver, 'consultant1.uwv@demo.koppel.nl');
  const waiting = receiver.locator('section', { has: receiver.getByRole('heading', { name: 'Doorverwijzingen naar uw organisatie' }) });
  await waiting.getByRole('link', { name: 'Noor Hoekstra' }).first().click();
  assert.ok(await receiver.getByText('belt liefst na 15.00 uur').isVisible());
  await receiver.getByRole('button', { name: 'Aannemen' }).click();
  await receiver.getByText('Aangenomen').first().waitFor();
  await uwv.close();

  await page.reload();
  assert.ok(await page.getByText('Aangenomen').first().isVisible(), 'the gids sees it landed');
  await page.close();
});
