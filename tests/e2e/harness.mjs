// Shared set-up for the end-to-end tests: serves the release build (dist/) on 127.0.0.1 and
// drives Debian's Chromium through playwright-core. Every test gets a fresh browser context,
// so its storage starts empty, and fails if the page logs an error.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '..', '..', 'dist');
export const SHOTS = join(here, 'screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

/** Starts the server and the browser; returns { url, browser, close }. */
export async function start() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no release build in ${DIST}: run trunk build --release first`);
  }
  await mkdir(SHOTS, { recursive: true });
  const server = await serve(DIST, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A fresh context and page at the app, which collects console errors and page errors.
 * `errors` must be empty at the end of a test.
 */
export async function openApp(env, options = {}) {
  const context = await env.browser.newContext({ locale: 'vi-VN', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await page.waitForSelector('.criterion');
  return { context, page, errors };
}

/** The score input of a criterion. */
export const scoreInput = (page, code) => page.locator(`input.score-input[data-code="${code}"]`);
export const evidenceInput = (page, code) => page.locator(`textarea.evidence-input[data-code="${code}"]`);
export const criterion = (page, code) => page.locator(`.criterion[data-code="${code}"]`);

/** Replaces a field's text the way a person does: select all, type. */
export async function typeInto(locator, text) {
  await locator.click();
  await locator.press('Control+A');
  if (text === '') await locator.press('Backspace');
  else await locator.pressSequentially(text);
}

export const stored = (page) => page.evaluate(() => localStorage.getItem('thidua.workspace'));

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}
