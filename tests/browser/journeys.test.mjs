// Browser journeys of the roles that work with candidates towards jobs: the jobhunter, the
// Oekraïnebalie, and the adviser's short path from an employer's contact request to a placement.
// Nobody types an id or a URI; every reference is chosen by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { shots, browser, login, checkAccessibleBasics, pageLoads, askForContact } from './harness.mjs';

// The page loads the request-to-placement journey may take: the employer's form and its thanks
// (2), logging in (2), the request, the employer made from it (2), the vacancy (2), the ranked
// candidates, the nomination, its three steps and the placement.
const REQUEST_TO_PLACEMENT = 15;
// Dates typed in forms: today, so a consent or an assessment never ages past its validity.
const today = new Date().toISOString().slice(0, 10);

/** From a vacancy's page: ranks the candidates and nominates the first; returns their name. */
async function nominateTheBest(page) {
  await page.getByRole('link', { name: 'Kandidaten zoeken' }).click();
  const first = page.locator('li.match').first();
  await first.getByText(/% passend/).waitFor();
  // The card says what the score is made of, and the ranking can be narrowed and sorted.
  assert.ok(await first.getByText('Opbouw van de score').isVisible());
  assert.ok(await page.getByLabel('Sorteren op').isVisible());
  await page.screenshot({ path: `${shots}/kandidaten-zoeken.png`, fullPage: true });
  const name = (await first.locator('h2 a').textContent()).trim();
  await first.getByRole('button', { name: 'Voordragen' }).click();
  await page.getByRole('heading', { name: `Voordracht van ${name}` }).waitFor();
  return name;
}

/** Takes a nomination through its steps to an offer, and records the placement from it. */
async function placeFromNomination(page, candidateName) {
  for (const state of ['interested', 'interview', 'offer']) {
    await page.getByLabel('Nieuwe status').selectOption(state);
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await page.waitForLoadState();
  }
  await page.getByLabel('Contractvorm').selectOption('temporary');
  await page.getByLabel('Uren per week').fill('32');
  await page.getByLabel('Startdatum').fill('2027-01-04');
  await page.getByRole('button', { name: 'Plaatsing vastleggen' }).click();
  await page.getByRole('heading', { name: `Plaatsing van ${candidateName}` }).waitFor();
}

test('a jobhunter starts from the newest vacancies, nominates, places and supports on the shop floor', async () => {
  const page = await browser.newPage();
  await login(page, 'jobhunter1.spaarnewerkt@demo.koppel.nl');
  await page.getByRole('heading', { name: /Goedendag/ }).waitFor();
  await checkAccessibleBasics(page);
  const newest = page.locator('section', { has: page.getByRole('heading', { name: 'Nieuwste open vacatures' }) });
  const vacancy = newest.locator('tbody tr td:first-child a').first();
  const title = (await vacancy.textContent()).trim();
  await page.screenshot({ path: `${shots}/start-jobhunter.png`, fullPage: true });
  await vacancy.click();
  await page.getByRole('heading', { name: title }).waitFor();
  const name = await nominateTheBest(page);
  await placeFromNomination(page, name);
  // Support on the shop floor: the first after-care check is recorded on the placement.
  await page.getByLabel('Uitkomst').selectOption('going_well');
  await page.getByRole('button', { name: 'Nazorg opslaan' }).click();
  await page.getByRole('cell', { name: 'Gaat goed' }).waitFor();
  await page.screenshot({ path: `${shots}/jobhunter-nazorg.png`, fullPage: true });
  await page.close();
});

test('the Oekraïnebalie registers an intake with skills as chips and nominates for a suggested vacancy', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, 'ukraine-desk1.spaarnewerkt@demo.koppel.nl');
  await page.getByRole('link', { name: 'Oekraïense kandidaat inschrijven' }).click();
  await page.getByRole('heading', { name: 'Oekraïense kandidaat inschrijven' }).waitFor();
  await checkAccessibleBasics(page);
  assert.equal(await page.getByRole('combobox', { name: /^Doelgroep/ }).inputValue(), 'oekraine');
  await page.getByLabel('Voornaam').fill('Olena');
  await page.getByLabel('Achternaam').fill('Kovalenko');
  await page.getByLabel('Woonplaats').fill('Haarlem');
  await page.getByLabel('Toestemming om te delen met alle partners van het WSP').check();
  await page.getByLabel('Datum toestemming').fill(today);
  await page.getByLabel('Toestemming geldt voor').selectOption({ index: 1 });
  await page.getByLabel('Talen').fill('Oekraïens goed, Nederlands matig');
  // Skills are chosen by name or synonym and shown as chips; one is removed again.
  const skills = page.getByRole('combobox', { name: 'Vaardigheden' });
  // Each chosen by its exact name: the order of the options may differ between databases, and
  // the last one is asked for by open vacancies of the demo region, so she has suggestions.
  const skillChoices = [
    ['schoonma', 'schoonmaken'],
    ['voertuigen test', 'voertuigen testen'],
    ['afval en puin', 'verwijderen van niet-gevaarlijke afval en puin'],
  ];
  for (const [typed, chosen] of skillChoices) {
    await skills.pressSequentially(typed, { delay: 10 });
    const option = page.locator('.autocomplete__option', { hasText: new RegExp(`^${chosen}$`) }).first();
    await option.click();
  }
  const chips = page.getByRole('list', { name: 'Vaardigheden' }).getByRole('listitem');
  assert.equal(await chips.count(), 3);
  await page.getByRole('button', { name: 'voertuigen testen weghalen' }).click();
  assert.equal(await chips.count(), 2);
  await page.screenshot({ path: `${shots}/oekraine-intake.png`, fullPage: true });
  // A level that does not exist is a clear error, and the chips chosen are still there.
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Er is een probleem met uw invoer' }).waitFor();
  await page.getByText(/niet 'Nederlands matig'/).first().waitFor();
  assert.equal(await chips.count(), 2, 'the chosen skills survive the error');
  await page.getByLabel('Talen').fill('Oekraïens uitstekend, Nederlands redelijk');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Olena Kovalenko' }).waitFor();
  const saved = await page.getByRole('definition').locator('li.chip').allTextContents();
  assert.ok(saved.includes('schoonmaken'), `chips on the page: ${saved}`);
  assert.ok(!saved.includes('voertuigen testen'));
  assert.equal(saved.length, 2);
  assert.ok(!(await page.locator('main').innerText()).includes('http'), 'no URI on the page');
  await page.screenshot({ path: `${shots}/oekraine-kandidaat.png`, fullPage: true });
  // Vacancies are proposed once she is work-ready, and the page says so; the desk records it.
  await page.getByRole('link', { name: 'Passende vacatures' }).click();
  await page.getByText(/nog niet werkfit/).waitFor();
  await page.goBack();
  await page.getByRole('link', { name: 'Bewerken' }).click();
  await page.getByLabel('Werkfit', { exact: true }).check();
  await page.getByLabel('Werkfit beoordeeld op').fill(today);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Olena Kovalenko' }).waitFor();
  await page.getByRole('link', { name: 'Passende vacatures' }).click();
  const first = page.locator('li.match').first();
  await first.getByText(/% passend/).waitFor();
  const title = (await first.locator('h2 a').textContent()).trim();
  await first.getByRole('button', { name: 'Voordragen' }).click();
  await page.getByRole('heading', { name: 'Voordracht van Olena Kovalenko' }).waitFor();
  assert.ok(await page.getByText(title).first().isVisible());
  assert.deepEqual(errors, []);
  await page.close();
});

test('from an employer\'s contact request to a placement, in few page loads', async () => {
  await askForContact({
    company: 'Bakkerij Het Zoete Duin', person: 'Fenna de Wit', email: 'fenna@zoeteduin.nl',
    question: 'Wij zoeken een medewerker voor de inpak en de schoonmaak.',
  });

  const page = await browser.newPage();
  await login(page, 'adviser2.spaarnewerkt@demo.koppel.nl');
  // The request is on the start page; the employer is made from it.
  await page.getByRole('link', { name: 'Bakkerij Het Zoete Duin' }).click();
  await page.getByRole('link', { name: 'Werkgever aanmaken uit dit verzoek' }).click();
  assert.equal(await page.getByLabel('Naam').inputValue(), 'Bakkerij Het Zoete Duin');
  await page.getByLabel('Sector').selectOption('handel');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Bakkerij Het Zoete Duin' }).waitFor();
  await page.getByRole('link', { name: 'Vacature toevoegen' }).click();
  await page.getByLabel('Functietitel').fill('Medewerker inpak en schoonmaak');
  await page.getByLabel('Uren per week').fill('32');
  await page.getByLabel('Status').selectOption('open');
  const skills = page.getByRole('combobox', { name: 'Vereiste vaardigheden' });
  await skills.pressSequentially('schoonma', { delay: 10 });
  await page.locator('.autocomplete__option', { hasText: /^schoonmaken$/ }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Medewerker inpak en schoonmaak' }).waitFor();
  assert.deepEqual(await page.getByRole('definition').locator('li.chip').allTextContents(), ['schoonmaken']);
  const name = await nominateTheBest(page);
  await placeFromNomination(page, name);
  await page.screenshot({ path: `${shots}/verzoek-tot-plaatsing.png`, fullPage: true });
  assert.ok(pageLoads() <= REQUEST_TO_PLACEMENT, `${pageLoads()} page loads, at most ${REQUEST_TO_PLACEMENT}`);
  await page.close();
});
