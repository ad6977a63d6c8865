// Issue 17, items 8, 10, 13 and 14, and issue 18's long unbroken text: a real cluster of 30
// units, one with a name of 250 letters without a space and a criterion whose title is one
// 300-letter word, on a phone and on an office PC.
//
// - On a phone (360 × 740, and 360 × 400 with the on-screen keyboard's space taken), every
//   page of the head, a member and the council office, and the demo's pages with their data,
//   never scroll sideways (only a table may, inside its frame); the header and the menu leave
//   the page's content near the top; on the scoring page the total is one line and the first
//   score box is in view without scrolling.
// - The merged view of 30 units (their files made by `examples/member_files.rs` from the
//   head's set-up and imported as a head would): the criterion column and the header stay in
//   view while the table scrolls, and no title is cut.
// - Every printed document is the same with and without "background graphics": nothing in it
//   is drawn with a background.
// Screenshots of the scoring page, the merged view, bình xét and the review at 1280 and 360 px
// are written to tests/e2e/screenshots/phone/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openEmpty, openApp, SHOTS, text, norm, waitText, goto, downloadTo, scoreInput, typeInto,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const OUT = join(SHOTS, 'phone');
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const KEYBOARD = { width: 360, height: 400 };
const PC = { width: 1280, height: 800 };

const KHOI = 'Cụm thi đua các phường khu vực phía Nam';
const LONG_NAME = `Phường${'x'.repeat(244)}`; // 250 letters, no space
const LONG_TITLE = `Thực${'y'.repeat(296)}`; // 300 letters, no space
const NAMES = [
  'UBND phường Tân Mai', 'UBND phường Tương Mai', LONG_NAME,
  ...Array.from({ length: 27 }, (_, i) => `UBND phường Số ${i + 4}`),
];

let env;
before(async () => {
  env = await start();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
});
after(async () => { await env?.close(); });

const shot = (page, name) => page.screenshot({ path: join(OUT, `${name}.png`) });

/** The document's width and, when it passes the viewport, the elements that pass it. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth;
    if (wide <= width) return null;
    const culprits = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        // The outermost only: not inside a frame that scrolls.
        let p = el.parentElement; let inside = false;
        while (p && p !== document.body) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') { inside = true; break; }
          p = p.parentElement;
        }
        if (!inside) culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.dataset.testid ?? ''}] ${Math.round(r.right)}`);
      }
    }
    return { wide, culprits: culprits.slice(0, 8) };
  });
}

/** Asserts the page at its current size does not scroll sideways, and that the header and the
    menu leave its content near the top. */
async function fits(page, where) {
  const over = await overflow(page);
  assert.equal(over, null, `${where} scrolls sideways: ${JSON.stringify(over)}`);
  const { top, width } = await page.evaluate(() => ({
    top: document.querySelector('main#main').getBoundingClientRect().top + window.scrollY,
    width: window.innerWidth,
  }));
  if (width <= 400) assert.ok(top <= 130, `${where}: the header and the menu take ${top} px`);
}

/** Every tab of the page's part, and the given printed documents, at 360 × 740 and 360 × 400. */
async function everyPage(page, who, prints = []) {
  const slugs = await page.locator('nav a[data-page]').evaluateAll((as) => as.map((a) => a.dataset.page));
  assert.ok(slugs.length >= 2, `${who}: its pages`);
  for (const size of [PHONE.viewport, KEYBOARD]) {
    await page.setViewportSize(size);
    for (const slug of slugs) {
      if (slug === 'hoi-dong' && who !== 'council') continue; // another part: its own device
      await goto(page, slug);
      await page.waitForFunction((s) => location.hash === `#/${s}`, slug);
      await page.locator('main#main > *').first().waitFor();
      await page.waitForTimeout(50);
      await fits(page, `${who} #/${slug} at ${size.width}×${size.height}`);
    }
    for (const slug of prints) {
      await page.evaluate((s) => { location.hash = `#/${s}`; }, slug);
      await page.getByTestId('doc').waitFor();
      await fits(page, `${who} #/${slug} at ${size.width}×${size.height}`);
    }
  }
  await page.setViewportSize(PHONE.viewport);
}

/** On a phone with the keyboard up: the total in one line, the first score box in view. */
async function scoresOnAPhone(page, who) {
  await page.setViewportSize(KEYBOARD);
  await goto(page, 'cham-diem');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${who}-scoring-360x400`);
  const bar = await page.getByTestId('summary').boundingBox();
  assert.ok(bar.height <= 48, `${who}: the total bar is one line (${bar.height} px)`);
  const first = page.locator('input.score-input').first();
  const box = await first.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= KEYBOARD.height,
    `${who}: the first score box is in view without scrolling (${box.y}–${box.y + box.height} of ${KEYBOARD.height})`);
  // The menu opens over the page and closes when a page is chosen.
  await page.getByTestId('menu-toggle').click();
  assert.equal(await page.getByTestId('menu-toggle').getAttribute('aria-expanded'), 'true');
  await page.locator('nav a[data-page="ho-so"]').click();
  await page.waitForFunction(() => location.hash === '#/ho-so');
  assert.equal(await page.locator('nav a[data-page="cham-diem"]').isVisible(), false, 'the menu closed');
  assert.match(norm(await text(page.getByTestId('menu-toggle'))), /Gửi & nhận hồ sơ/);
  await goto(page, 'cham-diem');
  await page.setViewportSize(PHONE.viewport);
}

/** The criteria table of the real khối, with its second part's first criterion's title one
    long word. */
async function tableWithLongTitle(dir) {
  const table = JSON.parse(await readFile(join(here, 'fixtures', 'bang-tieu-chi-khoi-dang.json'), 'utf8'));
  table.groups[1].children[0].title = LONG_TITLE;
  const path = join(dir, 'bang-tieu-chi.json');
  await writeFile(path, JSON.stringify(table));
  return path;
}

/** Nothing in a printed document is drawn with a background (with "background graphics" on,
    Chromium prints backgrounds; the print must be the same either way). */
async function printsWithoutBackgrounds(page, where) {
  await page.emulateMedia({ media: 'print' });
  const painted = await page.evaluate(() => {
    const found = [];
    for (const el of [document.documentElement, document.body, ...document.querySelectorAll('body *')]) {
      const s = getComputedStyle(el);
      if (el.getClientRects().length === 0 && el !== document.documentElement) continue; // not drawn
      const bg = s.backgroundColor;
      const white = bg === 'rgba(0, 0, 0, 0)' || bg === 'rgb(255, 255, 255)' || bg === 'transparent';
      if (!white || s.backgroundImage !== 'none' || s.boxShadow !== 'none') {
        found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${bg} ${s.backgroundImage.slice(0, 40)} ${s.boxShadow}`);
      }
    }
    return found;
  });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(painted, [], `${where}: drawn with a background when printed`);
}

test('a real cluster of 30 units on a phone and a PC: no page scrolls sideways, the merged view stays readable, prints carry no background', async () => {
  const dir = join(OUT, 'files');
  await mkdir(dir, { recursive: true });
  // ── The head sets up the cluster on a PC. ──
  const head = await openEmpty(env, { acceptDownloads: true, viewport: PC });
  const hp = head.page;
  await hp.getByTestId('start-new-cluster').click();
  await hp.getByTestId('cluster-name').fill(KHOI);
  await hp.getByTestId('cluster-year').fill('2026');
  await hp.getByTestId('cluster-council').fill('Hội đồng Thi đua - Khen thưởng quận');
  await hp.getByTestId('units-paste').fill(NAMES.join('\n'));
  await hp.getByTestId('units-add').click();
  await hp.locator('li.unit-row').nth(29).waitFor();
  const ids = await hp.locator('li.unit-row').evaluateAll((ls) => ls.map((l) => l.dataset.unit));
  await hp.getByTestId('cluster-head').selectOption(ids[0]);
  await hp.getByTestId('cluster-deputy').selectOption(ids[1]);
  await hp.getByTestId('table-file').setInputFiles(await tableWithLongTitle(dir));
  await hp.getByTestId('create-cluster').click();
  await hp.getByTestId('head-setup').waitFor();
  await hp.getByTestId('head-setup').locator('input[type="date"]').first().fill('2026-12-15');
  const setup = await downloadTo(dir, hp, hp.getByTestId('make-setup'));

  // ── Its 29 members' files, made from the set-up as their devices would, received. ──
  const files = join(dir, 'members');
  execFileSync('cargo', ['run', '--quiet', '--example', 'member_files', '--', setup.path, files],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const received = (await readdir(files)).map((f) => join(files, f));
  assert.equal(received.length, 29);
  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles(received);
  await hp.getByTestId('import-report').locator('tbody tr').nth(28).waitFor();
  const outcomes = await hp.getByTestId('import-report').locator('tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.outcome));
  assert.deepEqual([...new Set(outcomes)], ['accepted']);

  // ── The merged view of 30 units on the PC: frozen column and header, titles whole. ──
  await goto(hp, 'tong-hop');
  const merged = hp.locator('.merged-table');
  await merged.waitFor();
  assert.equal(await merged.locator('thead th.unit-col').count(), 30);
  await fits(hp, 'merged view at 1280');
  const frame = hp.locator('.merged .table-wrap');
  const wrap = await frame.boundingBox();
  assert.ok(wrap.height <= PC.height, `the table's frame fits the window (${wrap.height} px)`);
  await frame.evaluate((el) => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; });
  await hp.waitForTimeout(100);
  const crit = await merged.locator('tbody tr[data-code="3.2"] td').first().boundingBox();
  assert.ok(Math.abs(crit.x - wrap.x) <= 2, `the criterion column stays at the left (${crit.x} vs ${wrap.x})`);
  const headRow = await merged.locator('thead th').first().boundingBox();
  assert.ok(Math.abs(headRow.y - wrap.y) <= 2, `the header stays at the top (${headRow.y} vs ${wrap.y})`);
  const lastUnit = await merged.locator('thead th.unit-col').last().boundingBox();
  assert.ok(lastUnit.x + lastUnit.width <= wrap.x + wrap.width + 2, 'scrolled to the last unit, it is in view');
  // No title is cut: every criterion cell shows its whole text.
  const cut = await merged.locator('tbody td:first-child').evaluateAll((tds) =>
    tds.filter((td) => td.scrollWidth > td.clientWidth + 1 || td.scrollHeight > td.clientHeight + 1).map((td) => td.innerText.slice(0, 40)));
  assert.deepEqual(cut, [], 'criterion titles cut');
  await frame.evaluate((el) => { el.scrollLeft = 0; el.scrollTop = 0; });
  await shot(hp, 'merged-30-1280');
  await hp.setViewportSize(PHONE.viewport);
  await fits(hp, 'merged view at 360');
  await shot(hp, 'merged-30-360');

  // ── Every page of the head, and its prints, on a phone. ──
  await everyPage(hp, 'head', ['in-bang-tong-hop', 'in-danh-sach-de-nghi', 'in-danh-sach-dang-ky']);
  for (const slug of ['in-bang-tong-hop', 'in-danh-sach-de-nghi', 'in-danh-sach-dang-ky']) {
    await hp.evaluate((s) => { location.hash = `#/${s}`; }, slug);
    await hp.getByTestId('doc').waitFor();
    await printsWithoutBackgrounds(hp, slug);
  }
  await scoresOnAPhone(hp, 'head');

  // ── A member with the long name, on its phone. ──
  const member = await openEmpty(env, { ...PHONE, acceptDownloads: true });
  const mp = member.page;
  await fits(mp, 'start screen');
  await mp.getByTestId('join-file').setInputFiles(setup.path);
  await mp.getByTestId('join-preview').waitFor();
  await fits(mp, 'the set-up opened on a phone');
  await mp.locator(`input[data-testid="join-unit"][value="${ids[2]}"]`).check();
  await mp.getByTestId('join-confirm').click();
  await mp.waitForSelector('.criterion');
  assert.match(norm(await text(mp.getByTestId('device-unit'))), /Máy này làm việc cho: Phườngx+/);
  await typeInto(scoreInput(mp, '1.1'), '190');
  await mp.keyboard.press('Tab');
  await waitText(mp.getByTestId('total'), '190');
  await scoresOnAPhone(mp, 'member');
  await shot(mp, 'scoring-360');
  await mp.setViewportSize(KEYBOARD);
  await shot(mp, 'scoring-360x400');
  await everyPage(mp, 'member');
  await mp.setViewportSize(PC);
  await goto(mp, 'cham-diem');
  await shot(mp, 'scoring-1280');

  // ── The council office, on its phone. ──
  const council = await openEmpty(env, PHONE);
  const cp = council.page;
  await cp.getByTestId('start-council-office').click();
  await cp.getByTestId('council-start').waitFor();
  await fits(cp, 'council start');
  await cp.getByTestId('council-start-name').fill('Hội đồng Thi đua - Khen thưởng quận');
  await cp.getByTestId('council-start-clusters').fill(`${KHOI}\n${LONG_NAME}`);
  await cp.getByTestId('council-start-save').click();
  await cp.getByTestId('council-files').waitFor();
  await everyPage(cp, 'council');

  for (const who of [head, member, council]) {
    assert.deepEqual(who.errors, []);
    await who.context.close();
  }
});

test('the demo\'s pages, with their reviews and results, on a phone and a PC', async () => {
  const { context, page, errors } = await openApp(env, PHONE);
  await everyPage(page, 'demo head', ['in-bang-tong-hop', 'in-danh-sach-de-nghi', 'in-danh-sach-dang-ky', 'in-bao-cao']);
  for (const [slug, name] of [['tham-dinh', 'review'], ['binh-xet', 'results'], ['tong-hop', 'merged-demo']]) {
    await goto(page, slug);
    await page.locator('main#main > *').first().waitFor();
    await page.setViewportSize(PHONE.viewport);
    await shot(page, `${name}-360`);
    await page.setViewportSize(PC);
    await shot(page, `${name}-1280`);
    await page.setViewportSize(PHONE.viewport);
  }
  for (const slug of ['in-bang-tong-hop', 'in-danh-sach-de-nghi', 'in-bao-cao']) {
    await page.evaluate((s) => { location.hash = `#/${s}`; }, slug);
    await page.getByTestId('doc').waitFor();
    await printsWithoutBackgrounds(page, `demo ${slug}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
