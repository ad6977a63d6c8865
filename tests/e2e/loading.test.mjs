// index.html's own loading screen, end to end: what a first visit sees while the part's wasm
// arrives (3 to 6 s on a phone's 3G). On a slow network, at phone width: the app's name and
// "Đang tải ứng dụng…" at once, the bar moving as the wasm arrives, then "opening the stored
// data", then the start screen with the loading screen gone. A part whose wasm cannot be
// fetched says so in Vietnamese (the stored data untouched), and its reload button starts the
// app once the network is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Records, in the page, every phase the loading screen shows (`data-phase` on #loading). */
function recordPhases() {
  window.__phases = [];
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.target.id === 'loading' && c.attributeName === 'data-phase') {
        window.__phases.push(c.target.dataset.phase);
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-phase'] });
}

async function freshPage(options = {}) {
  const context = await env.browser.newContext({ locale: 'vi-VN', ...options });
  await context.addInitScript(recordPhases);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

test('a first visit on a slow network sees the loading screen and its bar move, then the start screen', async () => {
  const { context, page, errors } = await freshPage({ viewport: { width: 360, height: 740 } });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // About 400 KB/s: the member's wasm (about 1.4 MB as served here) takes a few seconds.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: 400_000, uploadThroughput: 400_000,
  });
  await page.goto(env.url, { waitUntil: 'commit' });
  const loading = page.getByTestId('loading');
  await loading.getByText('Đang tải ứng dụng: chỉ lần đầu').waitFor();
  await page.screenshot({ path: join(SHOTS, 'loading-360.png') });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(fits, 'the loading screen scrolls sideways at 360 px');
  // The bar, read while the wasm arrives: at least one value between empty and full.
  const seen = new Set();
  while (await loading.count() > 0) {
    const v = await page.evaluate(() => document.getElementById('loading-bar')?.value ?? null).catch(() => null);
    if (v !== null) seen.add(v);
    await page.waitForTimeout(50);
    if (await page.getByTestId('start-screen').count() > 0) break;
  }
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await page.getByTestId('start-screen').waitFor();
  assert.ok([...seen].some((v) => v > 0 && v < 1), `the bar moved: values seen ${[...seen].join(', ')}`);
  assert.equal(await loading.count(), 0, 'the loading screen is gone once the part shows');
  const phases = await page.evaluate(() => window.__phases);
  assert.deepEqual(phases, ['download', 'open'], 'the phases shown, in order');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a part that cannot be fetched says so in Vietnamese, and its button reloads once the network is back', async () => {
  const { context, page, errors } = await freshPage();
  await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  await page.goto(env.url);
  const alert = page.getByTestId('loading').getByRole('alert').filter({ hasText: 'Không tải được ứng dụng' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /kiểm tra kết nối mạng rồi tải lại trang\. Dữ liệu đã lưu trên máy không bị ảnh hưởng\.\s+The app could not be loaded/);
  assert.equal(await page.getByText('Đang tải ứng dụng: chỉ lần đầu').isVisible(), false, 'no "loading" beside the failure');
  assert.ok(errors.length > 0, 'the failure is in the console too');
  await page.unroute('**/*.wasm');
  await page.getByRole('button', { name: 'Tải lại trang / Reload' }).click();
  await page.getByTestId('start-screen').waitFor();
  assert.equal(await page.getByTestId('loading').count(), 0);
  await context.close();
});
