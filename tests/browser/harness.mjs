// The harness of the browser tests: one koppel with the demo region (started before the tests of a
// file and stopped after them), one headless Chromium, logging in, and the checks every page gets.
import { before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { chromium } from 'playwright-core';

export const port = 18000 + Math.floor(Math.random() * 2000);
export const base = `http://127.0.0.1:${port}`;
export const password = 'koppel-demo-2025';
export const shots = process.env.KOPPEL_SCREENSHOTS || 'target/browser';
let server;
export let browser;

let exited = null;

// Page loads per test (every navigation of a page's main frame, logging in included): how long
// a journey is for the person doing it. Written to page-loads-<file>.json beside the screenshots.
const loads = new Map();
let current = null;
beforeEach((t) => {
  current = t.name;
  loads.set(current, 0);
});

/** The pages loaded so far by the running test. */
export function pageLoads() {
  return loads.get(current) ?? 0;
}

async function waitForHealth() {
  for (let i = 0; i < 240 && exited === null; i++) {
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(exited === null ? 'koppel did not start' : `koppel exited: ${exited}`);
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = spawn(process.env.KOPPEL_BIN, ['serve', '--demo', '--addr', `127.0.0.1:${port}`, '--db', process.env.KOPPEL_BROWSER_DB], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: '', RUST_LOG: 'warn' },
  });
  server.on('exit', (code, signal) => { exited = `${code ?? signal}`; });
  server.on('error', (e) => { exited = e.message; });
  await waitForHealth();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && current) loads.set(current, loads.get(current) + 1);
    });
    return page;
  };
});

after(async () => {
  const file = basename(process.argv.find((a) => a.endsWith('.test.mjs')) || 'tests', '.test.mjs');
  writeFileSync(`${shots}/page-loads-${file}.json`, JSON.stringify(Object.fromEntries(loads), null, 1));
  await browser?.close();
  server?.kill('SIGINT');
});

export async function login(page, email, pw = password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(pw);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/** An employer asks for contact through the public form, and sees it received. */
export async function askForContact({ company, person, email, question, check }) {
  const employer = await browser.newPage();
  await employer.goto(`${base}/contact`);
  if (check) await check(employer);
  await employer.getByLabel('Bedrijfsnaam').fill(company);
  await employer.getByLabel('Naam contactpersoon').fill(person);
  await employer.getByLabel('E-mailadres').fill(email);
  await employer.getByLabel('Waarmee kunnen we helpen?').fill(question);
  await new Promise((r) => setTimeout(r, 2500)); // a person takes a moment; robots do not
  await employer.getByRole('button', { name: 'Versturen' }).click();
  await employer.getByRole('heading', { name: 'Bedankt, uw verzoek is ontvangen' }).waitFor();
  await employer.close();
}

/** Every visible form control has a label, and the page says it is Dutch. */
export async function checkAccessibleBasics(page) {
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    els.filter((el) => !el.hidden && !(el.id && document.querySelector(`label[for="${el.id}"]`)) && !el.closest('label')).map((el) => el.name));
  assert.deepEqual(unlabelled, [], 'controls without a label');
  assert.ok(await page.locator('h1').count() >= 1, 'a page heading');
}

