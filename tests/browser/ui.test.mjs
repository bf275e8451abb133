// Browser tests: a person working in koppel, in headless Chromium, against the demo region.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { base, password, shots, browser, login, checkAccessibleBasics, askForContact } from './harness.mjs';

// A name as a regular expression that matches it literally.
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a consultant logs in, searches candidates and opens one', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, 'consultant1.ijmondwerkt@demo.koppel.nl', 'verkeerd');
  await assert.doesNotReject(page.getByText('Onjuist e-mailadres of wachtwoord.').waitFor());
  await checkAccessibleBasics(page);
  await login(page, 'consultant1.ijmondwerkt@demo.koppel.nl');
  await page.getByRole('heading', { name: /Goedendag/ }).waitFor();
  await page.getByRole('link', { name: 'Kandidaten', exact: true }).click();
  await page.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  await checkAccessibleBasics(page);
  const orgs = await page.$$eval('tbody tr td:nth-child(5)', (tds) => [...new Set(tds.map((td) => td.textContent.trim()))]);
  assert.deepEqual(orgs, ['IJmond Werkt!'], 'a consultant sees only their own organisation');
  await page.getByLabel('Doelgroep').selectOption('pwet');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.waitForURL(/targetGroup=pwet/);
  const first = page.locator('tbody tr td:first-child a').first();
  const name = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('heading', { name }).waitFor();
  assert.ok(await page.getByText('P-wet').first().isVisible());
  await page.screenshot({ path: `${shots}/kandidaat.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an adviser registers an employer, corrects a mistake, and sees it saved', async () => {
  const page = await browser.newPage();
  await login(page, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await page.getByRole('link', { name: 'Werkgevers', exact: true }).click();
  await page.getByRole('link', { name: 'Nieuwe werkgever' }).click();
  await checkAccessibleBasics(page);
  await page.getByLabel('Naam').fill('Fietsenmakerij Testduin');
  await page.getByLabel('KvK-nummer').fill('1234');
  await page.getByLabel('Sector').selectOption('handel');
  await page.getByLabel('Postcode').fill('2012 xx');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Er is een probleem met uw invoer' }).waitFor();
  assert.equal(await page.getByLabel('Naam').inputValue(), 'Fietsenmakerij Testduin', 'the form keeps what was typed');
  assert.ok(await page.locator('#kvkNumber-fout').isVisible());
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), 'focus moves to the error summary');
  assert.equal(await page.getAttribute('#kvkNumber', 'aria-describedby'), 'kvkNumber-hint kvkNumber-fout');
  await page.screenshot({ path: `${shots}/werkgever-fout.png`, fullPage: true });
  await page.getByLabel('KvK-nummer').fill('87651234');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Fietsenmakerij Testduin' }).waitFor();
  assert.ok(await page.getByText('87651234').isVisible());
  assert.ok(await page.getByText('2012XX').isVisible());
  await page.getByRole('link', { name: 'Contactpersoon toevoegen' }).click();
  await page.getByLabel('Naam').fill('Joost Kok');
  await page.getByLabel('E-mailadres').fill('joost@testduin.nl');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('cell', { name: 'Joost Kok' }).waitFor();
  await page.screenshot({ path: `${shots}/werkgever.png`, fullPage: true });
  await page.close();
});

test('an adviser takes a vacancy, proposes a shared candidate and records the placement', async () => {
  const page = await browser.newPage();
  await login(page, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await page.goto(`${base}/kandidaten?targetGroup=ww`);
  const link = page.locator('tbody tr td:first-child a').first();
  const candidateName = (await link.textContent()).trim();
  // Take a vacancy at an employer, then nominate the candidate for it.
  await page.goto(`${base}/werkgevers/1`);
  await page.getByRole('link', { name: 'Vacature toevoegen' }).click();
  await page.getByLabel('Functietitel').fill('Medewerker seizoenswerk');
  await page.getByLabel('Uren per week').fill('24');
  await page.getByLabel('Status').selectOption('open');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Medewerker seizoenswerk' }).waitFor();
  // The candidate is chosen by name in the autocomplete; nobody types a number.
  await page.getByRole('combobox', { name: /^Kandidaat/ }).fill(candidateName);
  await page.getByRole('option', { name: new RegExp(`^${escaped(candidateName)}`) }).first().click();
  await page.screenshot({ path: `${shots}/kiezen-kandidaat.png`, fullPage: true });
  await page.getByRole('button', { name: 'Voordragen' }).click();
  await page.getByRole('heading', { name: `Voordracht van ${candidateName}` }).waitFor();
  for (const state of ['interested', 'interview', 'offer']) {
    await page.getByLabel('Nieuwe status').selectOption(state);
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await page.waitForLoadState();
  }
  await page.getByLabel('Contractvorm').selectOption('temporary');
  await page.getByLabel('Uren per week').fill('24');
  await page.getByLabel('Startdatum').fill('2026-01-05');
  await page.getByRole('button', { name: 'Plaatsing vastleggen' }).click();
  await page.getByRole('heading', { name: `Plaatsing van ${candidateName}` }).waitFor();
  assert.ok(await page.getByText('05-01-2026').isVisible());
  // After-care appears at +2 and +5 months, with a form for the first one.
  await page.getByRole('cell', { name: '05-03-2026' }).waitFor();
  await page.getByRole('cell', { name: '05-06-2026' }).waitFor();
  assert.ok(await page.getByRole('heading', { name: 'Nazorg van 05-03-2026 vastleggen' }).isVisible());
  await page.getByLabel('Uitkomst').selectOption('going_well');
  await page.getByRole('button', { name: 'Nazorg opslaan' }).click();
  await page.getByRole('cell', { name: 'Gaat goed' }).waitFor();
  await page.screenshot({ path: `${shots}/plaatsing.png`, fullPage: true });
  await page.close();
});

test('an adviser adds what VUM carries beyond the vacancy form: hours as a range, courses, transport, contract forms, the sector by name', async () => {
  const page = await browser.newPage();
  await login(page, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await page.goto(`${base}/vacatures`);
  await page.locator('tbody tr td:first-child a').first().click();
  const title = (await page.locator('h1').textContent()).trim();
  await page.getByRole('link', { name: 'VUM-gegevens' }).click();
  await page.getByRole('heading', { name: `VUM-gegevens van de vacature ${title}` }).waitFor();
  await checkAccessibleBasics(page);
  await page.getByLabel('Minimaal aantal uren per week').fill('8');
  await page.getByLabel('Onregelmatig werk of ploegendienst').selectOption('1');
  await page.getByLabel('Gevraagde cursussen').fill('VCA\nHeftruck');
  await page.getByLabel('Openbaar vervoer').check();
  await page.getByLabel('Bepaalde tijd', { exact: true }).check();
  await page.getByLabel('Soort overeenkomst').selectOption({ label: 'Werkervaringsplaats' });
  await page.getByLabel('Sector').fill('detailhandel');
  await page.screenshot({ path: `${shots}/vum-gegevens.png`, fullPage: true });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByRole('link', { name: 'VUM-gegevens' }).click();
  assert.equal(await page.getByLabel('Gevraagde cursussen').inputValue(), 'VCA\nHeftruck');
  assert.ok(await page.getByLabel('Openbaar vervoer').isChecked());
  assert.ok(await page.getByLabel('Bepaalde tijd', { exact: true }).isChecked());
  assert.equal(await page.getByLabel('Sector').inputValue(), "47 Detailhandel (niet in auto's)");
  await page.close();
});

test('an employer asks for contact and an adviser answers it within the deadline', async () => {
  await askForContact({
    company: 'Strandtent De Branding', person: 'Noor Visser', email: 'noor@branding.nl',
    question: 'Wij zoeken vier medewerkers voor het seizoen.', check: checkAccessibleBasics,
  });

  const page = await browser.newPage();
  await login(page, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await page.getByRole('link', { name: 'Werkgevers', exact: true }).click();
  const employerName = (await page.locator('tbody tr td:first-child a').first().textContent()).trim();
  await page.getByRole('link', { name: 'Contactverzoeken' }).click();
  await page.getByRole('link', { name: 'Strandtent De Branding' }).click();
  await page.getByText(/^nog 2[34] u/).waitFor();
  // The request's forms are folded under their headings; the employer is chosen by typing its
  // name in the autocomplete.
  await page.getByRole('heading', { name: 'Koppelen aan een werkgever' }).click();
  await page.getByRole('combobox', { name: /^Werkgever/ }).pressSequentially(employerName, { delay: 10 });
  await page.getByRole('option', { name: new RegExp(`^${escaped(employerName)}`) }).first().click();
  await page.screenshot({ path: `${shots}/kiezen-werkgever.png`, fullPage: true });
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await page.getByRole('link', { name: /Naar de werkgever/ }).click();
  // The employer's forms are folded away under their headings; the adviser opens the one needed.
  await page.getByRole('heading', { name: 'Contactmoment vastleggen' }).click();
  await page.getByLabel('Soort contact').selectOption('call');
  await page.getByLabel('Niveau').selectOption('operational');
  await page.getByLabel('Onderwerp').fill('Teruggebeld over seizoenswerk');
  await page.getByRole('button', { name: 'Contactmoment opslaan' }).click();
  await page.getByRole('cell', { name: 'Teruggebeld over seizoenswerk' }).waitFor();
  await page.screenshot({ path: `${shots}/werkgever-tijdlijn.png`, fullPage: true });
  await page.goto(`${base}/contactverzoeken?alle=1`);
  const row = page.getByRole('row', { name: /Strandtent De Branding/ });
  assert.match(await row.innerText(), /beantwoord in/);
  await page.close();
});

test('an adviser hands a contact request to a named colleague with a note; the administrator sees the e-mail', async () => {
  await askForContact({
    company: 'Garage Duinzicht', person: 'Karim Bakker', email: 'karim@duinzicht.nl',
    question: 'Wij zoeken een monteur.',
  });

  const page = await browser.newPage();
  await login(page, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await page.goto(`${base}/contactverzoeken`);
  await page.getByRole('link', { name: 'Garage Duinzicht' }).click();
  await page.getByRole('heading', { name: 'Overdragen aan een collega' }).click();
  const colleague = page.getByLabel(/^Collega/);
  const name = (await colleague.locator('option').nth(1).textContent()).trim();
  await colleague.selectOption({ index: 1 });
  await page.getByLabel('Notitie voor uw collega').fill('Wil graag een BBL-monteur; belt liever na 16 uur.');
  await page.getByRole('button', { name: 'Overdragen' }).click();
  await page.getByText('Wil graag een BBL-monteur; belt liever na 16 uur.').waitFor();
  assert.ok((await page.locator('dl').innerText()).includes(name.split(' (')[0]), 'the colleague now handles it');
  await page.screenshot({ path: `${shots}/overdracht.png`, fullPage: true });
  await page.close();

  const admin = await browser.newPage();
  await login(admin, 'admin1.werkcentrum@demo.koppel.nl');
  await admin.goto(`${base}/beheer/e-mail`);
  await checkAccessibleBasics(admin);
  await admin.getByRole('cell', { name: 'karim@duinzicht.nl' }).waitFor();
  await admin.getByRole('cell', { name: 'Contactverzoek van Garage Duinzicht is aan u overgedragen' }).waitFor();
  await admin.screenshot({ path: `${shots}/e-mail-beheer.png`, fullPage: true });
  await admin.close();
});

test('an adviser searches candidates for a vacancy and nominates from the explained results', async () => {
  const page = await browser.newPage();
  await login(page, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await page.goto(`${base}/vacatures?status=open`);
  await page.locator('tbody tr td:first-child a').first().click();
  await page.getByRole('link', { name: 'Kandidaten zoeken' }).click();
  await page.getByRole('heading', { name: /^Kandidaten voor/ }).waitFor();
  await checkAccessibleBasics(page);
  const first = page.locator('li.match').first();
  await first.getByText(/% passend/).waitFor();
  assert.ok(await first.getByText('Voldoet aan').isVisible(), 'every result is explained');
  const name = (await first.locator('h2 a').textContent()).trim();
  await first.getByRole('button', { name: 'Voordragen' }).click();
  await page.getByRole('heading', { name: `Voordracht van ${name}` }).waitFor();
  await page.close();
});

test('a partner sees no personal data', async () => {
  const page = await browser.newPage();
  await login(page, 'partner1.haarlem@demo.koppel.nl');
  await page.getByRole('heading', { name: /Goedendag/ }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Kandidaten', exact: true }).count(), 0);
  const res = await page.goto(`${base}/kandidaten`);
  assert.equal(res.status(), 403);
  await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
  await page.goto(`${base}/werkgevers/1`);
  assert.equal(await page.getByRole('heading', { name: 'Contactpersonen' }).count(), 0);
  await page.close();
});

test('a manager reads the factsheet of the first half of 2025 and downloads it', async () => {
  const page = await browser.newPage();
  await login(page, 'manager1.spaarnewerkt@demo.koppel.nl');
  await page.getByRole('link', { name: 'Cijfers', exact: true }).click();
  await page.getByLabel('Van', { exact: true }).fill('2025-01-01');
  await page.getByLabel('Tot en met', { exact: true }).fill('2025-06-30');
  await page.getByRole('button', { name: 'Toon' }).click();
  // The factsheet's parts are folded, with a table of contents; the manager opens the one needed.
  const heading = page.getByRole('heading', { name: 'Plaatsingen tegen het doel' });
  await heading.waitFor();
  assert.ok(await page.getByRole('navigation', { name: 'Inhoud van de factsheet' }).isVisible());
  const part = page.locator('details.report-section', { has: heading });
  if ((await part.getAttribute('open')) === null) await heading.click();
  await checkAccessibleBasics(page);
  const chart = page.getByRole('img', { name: 'Plaatsingen per doelgroep tegen het doel van de periode' });
  assert.equal(await chart.count(), 1, 'the chart is an image with a name');
  const total = page.locator('table.figures tr', { hasText: 'Totaal' }).first();
  const cells = await total.locator('td').allInnerTexts();
  assert.equal(cells[2], '425', 'the yearly targets add up to 425');
  assert.ok(Number(cells[0].replace('.', '')) > 100, `placements in the first half year: ${cells[0]}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  await page.screenshot({ path: `${shots}/factsheet.png`, fullPage: true });
  await page.close();
});

test('a consultant imports candidates in the browser and follows the import to its report', async () => {
  const page = await browser.newPage();
  await login(page, 'consultant1.ijmondwerkt@demo.koppel.nl');
  await page.getByRole('heading', { name: /Goedendag/ }).waitFor();
  await page.goto(`${base}/importeren`);
  await checkAccessibleBasics(page);
  await page.getByLabel('Wat importeert u?').selectOption('candidates');
  const csv = 'Voornaam;Achternaam;Doelgroep;E-mail\nNoor;Browsertest;WW;noor.browsertest@voorbeeld.nl\nTim;;P-wet;\n';
  await page.getByLabel('Bestand').setInputFiles({ name: 'kandidaten.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  // First only checked (the default), then for real.
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.getByRole('heading', { name: 'Verslag van de proefimport' }).waitFor({ timeout: 15000 });
  assert.match(await page.locator('.import-report [role=status]').innerText(), /1 te importeren/);
  await page.getByLabel('Wat importeert u?').selectOption('candidates');
  await page.getByLabel('Bestand').setInputFiles({ name: 'kandidaten.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel(/Alleen controleren/).uncheck();
  await page.getByRole('button', { name: 'Importeren' }).click();
  // The import runs in the background; its page follows it until the report is there.
  assert.match(page.url(), /\/importeren\/[0-9a-f]+$/);
  await page.getByRole('heading', { name: 'Verslag van de import' }).waitFor({ timeout: 15000 });
  await checkAccessibleBasics(page);
  const status = await page.locator('.import-report [role=status]').innerText();
  assert.match(status, /1 geïmporteerd/);
  assert.match(status, /1 afgekeurd/);
  // The import is kept with the user's imports, its page read from the database.
  assert.match(page.url(), /\/importeren\/[0-9]+$/);
  assert.match(await page.locator('table', { hasText: 'kandidaten.csv' }).innerText(), /Klaar/);
  await page.goto(`${base}/kandidaten?q=Browsertest`);
  await page.getByRole('link', { name: /Browsertest/ }).first().waitFor();
  await page.close();
});

/** Base32 (RFC 4648) to bytes, for the authenticator below. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** An authenticator app: the RFC 6238 code (SHA-1, 6 digits, 30 s) of a secret at a moment. */
function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).toString().padStart(6, '0');
}

test('an administrator adds a colleague, who sets up a second factor and a read-only token; the administrator deactivates them', async () => {
  const admin = await browser.newPage();
  await login(admin, 'admin1.werkcentrum@demo.koppel.nl');
  await admin.getByRole('link', { name: 'Beheer' }).click();
  await admin.getByRole('link', { name: 'Gebruiker toevoegen' }).click();
  await checkAccessibleBasics(admin);
  await admin.getByLabel('Naam').fill('Sanne Testbeheer');
  await admin.getByLabel('E-mailadres').fill('sanne.test@demo.koppel.nl');
  await admin.getByLabel('Organisatie').selectOption('IJmond Werkt!');
  await admin.getByLabel('Rol').selectOption('consultant');
  await admin.getByLabel('Eerste wachtwoord').fill('een-lang-testwachtwoord');
  await admin.getByRole('button', { name: 'Toevoegen' }).click();
  await admin.getByRole('heading', { name: 'Sanne Testbeheer' }).waitFor();
  await admin.screenshot({ path: `${shots}/beheer-gebruiker.png`, fullPage: true });

  // The colleague sets up an authenticator app and then always logs in with a code.
  const user = await browser.newPage();
  await login(user, 'sanne.test@demo.koppel.nl', 'een-lang-testwachtwoord');
  await user.getByRole('heading', { name: /Goedendag/ }).waitFor();
  await user.goto(`${base}/tweede-factor`);
  await checkAccessibleBasics(user);
  assert.ok(await user.locator('figure.qr svg').isVisible(), 'a QR code to scan');
  const secret = (await user.locator('figcaption code').textContent()).trim();
  await user.getByLabel('Code', { exact: true }).fill('000000');
  await user.getByRole('button', { name: 'Bevestigen' }).click();
  await user.getByText('Deze code klopt niet').waitFor();
  await user.getByLabel('Code', { exact: true }).fill(totp(secret));
  await user.getByRole('button', { name: 'Bevestigen' }).click();
  await user.getByRole('heading', { name: 'Tweede factor ingesteld' }).waitFor();
  assert.equal(await user.locator('.recovery-codes li').count(), 10);
  await user.screenshot({ path: `${shots}/tweede-factor.png`, fullPage: true });
  await user.context().clearCookies(); // the next working day, in a fresh browser
  await login(user, 'sanne.test@demo.koppel.nl', 'een-lang-testwachtwoord');
  await user.getByRole('heading', { name: 'Code uit uw authenticator-app' }).waitFor();
  // A code is accepted once: wait for the next 30-second step.
  await new Promise((r) => setTimeout(r, 30_500 - (Date.now() % 30_000)));
  await user.getByLabel('Code', { exact: true }).fill(totp(secret));
  await user.getByRole('button', { name: 'Bevestigen' }).click();
  await user.getByRole('heading', { name: /Goedendag/ }).waitFor();

  // A read-only token, shown once, reads but never writes, and is revoked.
  await user.getByRole('link', { name: 'Sanne Testbeheer' }).click();
  await user.getByRole('heading', { name: 'Instellingen' }).waitFor();
  await user.getByLabel('Waarvoor is het token?').fill('Rapportage');
  await user.getByLabel('Geldig').selectOption('30');
  await user.getByLabel(/Alleen lezen/).check();
  await user.getByRole('button', { name: 'Token aanmaken' }).click();
  const token = (await user.locator('code.secret').textContent()).trim();
  assert.ok(await user.getByRole('cell', { name: 'Alleen lezen' }).isVisible());
  await user.screenshot({ path: `${shots}/instellingen-token.png`, fullPage: true });
  const auth = { Authorization: `Bearer ${token}` };
  assert.equal((await fetch(`${base}/api/v1/employers`, { headers: auth })).status, 200);
  const write = await fetch(`${base}/api/v1/employers`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"name":"Nooit","sector":"bouw"}' });
  assert.equal(write.status, 403, 'a read-only token writes nothing');
  await user.getByRole('button', { name: /Intrekken/ }).click();
  await user.getByRole('cell', { name: 'Ingetrokken' }).waitFor();
  assert.equal((await fetch(`${base}/api/v1/employers`, { headers: auth })).status, 401);

  // The administrator deactivates the account: the session ends and logging in fails.
  await admin.reload();
  await admin.getByRole('button', { name: 'Deactiveren' }).click();
  await admin.getByText('Gedeactiveerd').waitFor();
  await user.goto(`${base}/kandidaten`);
  await user.waitForURL(/\/login$/);
  await login(user, 'sanne.test@demo.koppel.nl', 'een-lang-testwachtwoord');
  await user.getByText('Onjuist e-mailadres of wachtwoord.').waitFor();
  await admin.close();
  await user.close();
});

test('on a phone and a laptop the pages fit the screen and the header stays one block', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await login(phone, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await phone.getByRole('heading', { name: /Goedendag/ }).waitFor();
  for (const path of ['/', '/werkgevers', '/vacatures', '/kandidaten', '/cijfers', '/voordrachten']) {
    await phone.goto(`${base}${path}`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${path} is ${width} px wide on a 390 px screen`);
  }
  await phone.goto(`${base}/werkgevers`);
  await phone.locator('tbody tr td a').first().click();
  await phone.locator('h1').waitFor();
  const employerWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(employerWidth <= 390, `an employer's page is ${employerWidth} px wide`);
  assert.ok(await phone.getByRole('link', { name: 'Cijfers' }).isVisible(), 'the whole menu is reachable');
  await phone.screenshot({ path: `${shots}/telefoon-werkgever.png`, fullPage: false });
  await phone.close();
  const laptop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await login(laptop, 'adviser1.spaarnewerkt@demo.koppel.nl');
  await laptop.getByRole('heading', { name: /Goedendag/ }).waitFor();
  const header = await laptop.locator('header.top').boundingBox();
  assert.ok(header.height <= 72, `the header is one row at 1280 px (${header.height} px high)`);
  await laptop.screenshot({ path: `${shots}/laptop-start.png` });
  await laptop.close();
});
