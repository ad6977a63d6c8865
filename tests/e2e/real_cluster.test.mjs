// Issue 13 end to end: a real cluster starts its year from empty browsers, with no demo at any
// point. The head sets up a 6-unit khối from a list pasted from Excel, adopts its own criteria
// table (tests/e2e/fixtures/bang-tieu-chi-khoi-dang.json, a 1000-point table of whole points),
// sends the set-up; two member devices open it, are bound to their units (no switcher, no head
// page), score and send; the head imports, merges, reviews, evaluates and prints, and signs the
// result; the council office, started from its own empty browser with its own list of
// clusters, receives it. No demo unit, sample criterion or sample cluster appears on any page
// of any of the four browsers. Then the demo, tried on a member's device, leaves its real data
// exactly as it was; the head's later edit goes out as the next set-up, and the member's
// backup restores on an empty browser from its start screen.
// The head's documents download as Word files (.docx: the score summary, the award proposals,
// a meeting's invitation and minutes, the annual report), each opened with python-docx
// (read_docx.py) and checked for its texts and for the Decree 30/2020 layout; the council,
// with a second real khối's result (examples/council_scenario.rs --real) and a third listed
// khối that sent nothing, prints its report across clusters and downloads it as .docx and
// .xlsx (read_xlsx.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openEmpty, shot, stored, storedStore, SHOTS, text, norm, waitText, goto, downloadTo, scoreInput, typeInto,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const TABLE = join(here, 'fixtures', 'bang-tieu-chi-khoi-dang.json');
const OUT = join(SHOTS, 'real-cluster');
const run = promisify(execFile);
const PY_ENV = {
  ...process.env,
  PYTHONPATH: [join(ROOT, 'scripts', 'tools', 'py'), process.env.PYTHONPATH].filter(Boolean).join(':'),
};
/** A file as python-docx (read_docx.py) or openpyxl (read_xlsx.py) reads it. */
async function python(script, file) {
  const { stdout } = await run('python3', [join(here, script), file], { env: PY_ENV, maxBuffer: 1 << 24 });
  return JSON.parse(stdout);
}
const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * A Word file as python-docx reads it, checked for the layout of Decree 30/2020: the heading a
 * 2-column table with the superior body and the issuer (bold, upper case) and "Số:" on the left,
 * the national heading and motto (bold) and the place and date (italics) on the right; the
 * footer's last cell the signature, its position in bold; A4, margins top and bottom 20–25 mm,
 * left 30–35 mm, right 15–20 mm; Times New Roman 13–14 pt. Returns the document and all its
 * text.
 */
async function wordFile(file, { superior, issuer, number, place, signature }) {
  const d = await python('read_docx.py', file.path);
  assert.ok(d.tables.length >= 2, `${file.name}: a heading and a footer table`);
  const heading = d.tables[0];
  assert.equal(heading.length, 1, `${file.name}: the heading is one row`);
  assert.equal(heading[0].length, 2, `${file.name}: of two columns`);
  const [left, right] = heading[0];
  if (superior) assert.ok(left.text.startsWith(superior.toUpperCase()), `${file.name}: superior ${left.text}`);
  assert.ok(left.bold.includes(issuer.toUpperCase()), `${file.name}: the issuer bold, upper case: ${JSON.stringify(left)}`);
  assert.match(left.text, new RegExp(`\\nSố: ${number}$`), `${file.name}: the number under the issuer`);
  assert.deepEqual(right.bold, [NATIONAL, MOTTO], `${file.name}: the national heading and motto in bold`);
  assert.ok(!left.text.includes(NATIONAL) && !right.text.includes('Số:'), `${file.name}: each on its side`);
  assert.equal(right.italic.length, 1, `${file.name}: the place and date in italics`);
  assert.match(right.italic[0], new RegExp(`^${place}, ngày \\d{2} tháng \\d{1,2} năm \\d{4}$`));
  const footer = d.tables.at(-1)[0];
  const sign = footer.at(-1);
  assert.ok(sign.bold.includes(signature), `${file.name}: the signature's position in bold, right: ${JSON.stringify(sign)}`);
  assert.equal(d.sections.length, 1);
  const s = d.sections[0];
  assert.ok(Math.abs(s.width_mm - 210) < 0.5 && Math.abs(s.height_mm - 297) < 0.5, `${file.name}: A4 ${JSON.stringify(s)}`);
  assert.ok(s.top_mm >= 20 && s.top_mm <= 25 && s.bottom_mm >= 20 && s.bottom_mm <= 25, JSON.stringify(s));
  assert.ok(s.left_mm >= 30 && s.left_mm <= 35 && s.right_mm >= 15 && s.right_mm <= 20, JSON.stringify(s));
  assert.equal(d.font.name, 'Times New Roman');
  assert.ok(d.font.size_pt >= 13 && d.font.size_pt <= 14);
  const all = [
    ...d.paragraphs,
    ...d.tables.flatMap((t) => t.flatMap((row) => row.map((c) => c.text))),
  ].join('\n');
  return { d, all, footer };
}

const KHOI = 'Khối thi đua các cơ quan Đảng huyện Mỹ Đức';
const COUNCIL = 'Hội đồng Thi đua - Khen thưởng huyện Mỹ Đức';
// As copied from an Excel sheet with its STT column: the numbers are not part of the names.
const PASTED = [
  '1\tVăn phòng Huyện ủy',
  '2\tBan Tổ chức Huyện ủy',
  '3\tBan Tuyên giáo và Dân vận Huyện ủy',
  '4\tỦy ban Kiểm tra Huyện ủy',
  '5\tTrung tâm Chính trị huyện',
  '6\tĐảng ủy cơ quan Đảng huyện',
].join('\r\n');
const UNITS = {
  head: { id: 'van-phong-huyen-uy', name: 'Văn phòng Huyện ủy' },
  deputy: { id: 'ban-to-chuc-huyen-uy', name: 'Ban Tổ chức Huyện ủy' },
  a: { id: 'ban-tuyen-giao-va-dan-van-huyen-uy', name: 'Ban Tuyên giáo và Dân vận Huyện ủy' },
  b: { id: 'uy-ban-kiem-tra-huyen-uy', name: 'Ủy ban Kiểm tra Huyện ủy' },
};
// What only the demo shows: its wards, its cluster and its sample table.
const DEMO = [
  'Hà Cầu', 'Kiến Hưng', 'Phú La', 'Vạn Phúc', 'Văn Quán', 'Mộ Lao', 'La Khê', 'Phúc La',
  'Cụm thi đua số 3', 'mẫu dùng thử', 'MẪU', 'Hà Đông 2025', 'dự toán thu ngân sách',
];

let env;
before(async () => {
  env = await start();
  await rm(OUT, { recursive: true, force: true });
});
after(async () => { await env?.close(); });

/** Fails if the page shows anything of the demo, or the demo's banner. */
async function noDemo(page, where) {
  const body = await page.evaluate(() => document.body.innerText);
  for (const word of DEMO) {
    assert.ok(!body.includes(word), `${where}: “${word}” of the demo is shown:\n${body.slice(0, 2000)}`);
  }
  assert.equal(await page.getByTestId('demo-banner').count(), 0, `${where}: the demo banner`);
}

/** Visits each tab of the page's part and checks it for the demo. */
async function everyPage(page, who) {
  const slugs = await page.locator('nav a[data-page]').evaluateAll((as) => as.map((a) => a.dataset.page));
  for (const slug of slugs) {
    if (slug === 'hoi-dong') continue; // another part: visited by the council's own browser
    await goto(page, slug);
    await page.locator('main#main > *').first().waitFor();
    await noDemo(page, `${who} #/${slug}`);
  }
}

/** A member's device: opens the set-up, picks its unit, is bound to it. */
async function joinAs(setup, unit, headFingerprint) {
  const m = await openEmpty(env, { acceptDownloads: true });
  const p = m.page;
  await noDemo(p, 'start screen');
  await p.getByTestId('join-file').setInputFiles(setup.path);
  await p.getByTestId('join-preview').waitFor();
  assert.match(norm(await text(p.getByTestId('join-preview'))), new RegExp(`${KHOI} năm 2026, do Văn phòng Huyện ủy \\(cụm trưởng\\) ký`));
  assert.equal(await text(p.getByTestId('join-fingerprint')), headFingerprint, 'the head key to compare by phone');
  // The head's unit is not offered: the head works on its own device.
  const offered = await p.getByTestId('join-unit').evaluateAll((rs) => rs.map((r) => r.value));
  assert.equal(offered.length, 5);
  assert.ok(!offered.includes(UNITS.head.id));
  await p.locator(`input[data-testid="join-unit"][value="${unit.id}"]`).check();
  await waitText(p.getByTestId('join-confirm'), `Xác nhận: máy này chấm điểm cho ${unit.name}`);
  await p.getByTestId('join-confirm').click();
  await p.waitForSelector('.criterion');
  // Bound: its unit named in the header, no unit switcher, no head page, no other sheet.
  assert.equal(norm(await text(p.getByTestId('device-unit'))), `Máy này làm việc cho: ${unit.name}`);
  assert.equal(await p.getByTestId('unit-select').count(), 0);
  assert.equal(await p.locator('nav a[data-page="nhan-ho-so"]').count(), 0);
  assert.equal(await p.locator('nav a[data-page="cum-thi-dua"]').count(), 0);
  assert.equal(await p.locator('.criterion').count(), 9);
  const ws = JSON.parse(await stored(p));
  assert.equal(ws.unit_id, unit.id);
  assert.deepEqual(Object.keys(ws.identities), [unit.id], 'its key was made when it was bound');
  return m;
}

/** The head's device sets up the khối from the start screen, quickly. */
async function newKhoi(hp) {
  await hp.getByTestId('start-new-cluster').click();
  await hp.getByTestId('cluster-name').fill(KHOI);
  await hp.getByTestId('cluster-year').fill('2026');
  await hp.getByTestId('cluster-council').fill(COUNCIL);
  await hp.getByTestId('units-paste').fill(PASTED);
  await hp.getByTestId('units-add').click();
  await hp.getByTestId('cluster-head').selectOption(UNITS.head.id);
  await hp.getByTestId('cluster-deputy').selectOption(UNITS.deputy.id);
  await hp.getByTestId('table-file').setInputFiles(TABLE);
  await hp.getByTestId('create-cluster').click();
  await hp.getByTestId('head-setup').waitFor();
}

async function score(p, scores) {
  for (const [code, value] of Object.entries(scores)) await typeInto(scoreInput(p, code), value);
  await p.keyboard.press('Tab');
}

test('issue 13: a real khối from empty browsers to the council, with no demo anywhere', async () => {
  // ── The head sets up the khối. ──
  const head = await openEmpty(env, { acceptDownloads: true });
  const hp = head.page;
  await noDemo(hp, 'start screen');
  await hp.getByTestId('start-new-cluster').click();
  await hp.getByTestId('new-cluster').waitFor();
  await noDemo(hp, 'new cluster form');
  // Every field is checked at the field: nothing entered yet.
  await hp.getByTestId('table-file').setInputFiles(TABLE);
  await waitText(hp.getByTestId('table-chosen'), /Bảng tiêu chí chấm điểm thi đua Khối các cơ quan Đảng năm 2026 \(9 tiêu chí\)/);
  await hp.getByTestId('create-cluster').click();
  await waitText(hp.getByTestId('cluster-name-error'), 'Cụm thi đua chưa có tên.');
  await hp.getByTestId('cluster-head-error').waitFor();
  assert.equal(await stored(hp), null, 'nothing stored');

  await hp.getByTestId('cluster-name').fill(KHOI);
  await hp.getByTestId('cluster-kind').selectOption('khoi');
  await hp.getByTestId('cluster-year').fill('2026');
  await hp.getByTestId('cluster-council').fill(COUNCIL);
  await hp.getByTestId('units-paste').fill(PASTED);
  await waitText(hp.getByTestId('units-add'), 'Thêm 6 đơn vị');
  await hp.getByTestId('units-add').click();
  await hp.locator('li.unit-row').nth(5).waitFor();
  const ids = await hp.locator('li.unit-row').evaluateAll((ls) => ls.map((l) => l.dataset.unit));
  assert.deepEqual(ids.slice(0, 2), [UNITS.head.id, UNITS.deputy.id]);
  assert.ok(ids.includes(UNITS.b.id), `ids made from the names: ${ids}`);
  // A name given twice is refused at the list, and changes nothing.
  await hp.getByTestId('units-paste').fill('Văn phòng Huyện ủy');
  await hp.getByTestId('units-add').click();
  await hp.getByTestId('units-error').waitFor();
  assert.equal(await hp.locator('li.unit-row').count(), 6);
  await hp.getByTestId('cluster-head').selectOption(UNITS.head.id);
  await hp.getByTestId('cluster-deputy').selectOption(UNITS.head.id);
  await hp.getByTestId('cluster-deputy-error').waitFor();
  await hp.getByTestId('cluster-deputy').selectOption(UNITS.deputy.id);
  await shot(hp, 'real-new-cluster');
  await hp.getByTestId('create-cluster').click();

  // The head's device is the head unit's: the cluster page, then the set-up.
  await hp.getByTestId('head-setup').waitFor();
  assert.match(norm(await text(hp.locator('.cluster-line'))), new RegExp(`^${KHOI} · Năm 2026 · Cụm trưởng: Văn phòng Huyện ủy · Cụm phó: Ban Tổ chức Huyện ủy$`));
  assert.equal(norm(await text(hp.getByTestId('device-unit'))), 'Máy này làm việc cho: Văn phòng Huyện ủy');
  assert.equal(await hp.getByTestId('unit-select').count(), 0, 'no unit switcher on a real device');
  const headWs = JSON.parse(await stored(hp));
  assert.equal(headWs.cluster.kind, 'khoi');
  assert.equal(headWs.cluster.id, 'khoi-thi-dua-cac-co-quan-dang-huyen-my-duc');
  assert.equal(headWs.table.id, 'khoi-co-quan-dang-2026');
  await hp.getByTestId('head-setup').locator('input[type="date"]').first().fill('2026-12-15');
  const setup = await downloadTo(OUT, hp, hp.getByTestId('make-setup'));
  assert.equal(setup.name, '2026_khoi-thi-dua-cac-co-quan-dang-huyen-my-duc_thiet-lap.thidua.json');
  await goto(hp, 'ho-so');
  const headFingerprint = await text(hp.getByTestId('fingerprint'));
  await everyPage(hp, 'head');

  // ── Two members open it, are bound, score and send. ──
  const a = await joinAs(setup, UNITS.a, headFingerprint);
  await score(a.page, { '1.1': '190', '1.2': '280', '2.1': '150', '2.2': '140', '3.1': '95', '3.2': '100', 'T.1': '10' });
  await waitText(a.page.getByTestId('total'), '965');
  await everyPage(a.page, 'member a');
  await goto(a.page, 'ho-so');
  const fromA = await downloadTo(join(OUT, 'a'), a.page, a.page.getByTestId('send-button'));
  await shot(a.page, 'real-member-sent');

  const b = await joinAs(setup, UNITS.b, headFingerprint);
  await score(b.page, { '1.1': '180', '1.2': '250', '2.1': '140', '2.2': '130', '3.1': '90', '3.2': '90', 'K.2': '5' });
  await waitText(b.page.getByTestId('total'), '875');
  await goto(b.page, 'ho-so');
  const fromB = await downloadTo(join(OUT, 'b'), b.page, b.page.getByTestId('send-button'));
  await everyPage(b.page, 'member b');

  // ── The head imports, merges, reviews, evaluates and prints. ──
  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles([fromA.path, fromB.path]);
  const imported = hp.getByTestId('import-report').locator('tbody tr');
  await imported.nth(1).waitFor();
  for (let i = 0; i < 2; i += 1) {
    assert.equal(await imported.nth(i).getAttribute('data-outcome'), 'accepted', await text(imported.nth(i)));
  }
  // The head's own score goes straight into its inbox: its own key needs no checking by phone,
  // a member's does.
  await goto(hp, 'cham-diem');
  await score(hp, { '1.1': '195' });
  await goto(hp, 'ho-so');
  await downloadTo(join(OUT, 'head'), hp, hp.getByTestId('send-button'));
  await goto(hp, 'nhan-ho-so');
  await hp.locator(`[data-testid="keys"] tr[data-unit="${UNITS.head.id}"] [data-testid="own-key"]`).waitFor();
  assert.equal(await hp.locator(`[data-testid="keys"] tr[data-unit="${UNITS.head.id}"] button`).count(), 0);
  assert.equal(await hp.locator(`[data-testid="keys"] tr[data-unit="${UNITS.a.id}"] button`).count(), 1);
  // On a phone a fingerprint breaks only between its groups of four digits, on two lines at most.
  await hp.setViewportSize({ width: 360, height: 740 });
  const lines = await hp.locator('[data-testid="key-fingerprint"]').evaluateAll((cells) => cells.map((c) => {
    const node = c.firstChild;
    const tops = (from, to) => {
      const r = document.createRange();
      r.setStart(node, from);
      r.setEnd(node, to);
      return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
    };
    const groups = [0, 5, 10, 15, 20].map((at) => tops(at, at + 4));
    return { text: node.textContent, groups, whole: tops(0, node.textContent.length) };
  }));
  assert.equal(lines.length, 3);
  for (const l of lines) {
    assert.ok(l.groups.every((n) => n === 1), `a group broken: ${JSON.stringify(l)}`);
    assert.ok(l.whole <= 2, `more than two lines: ${JSON.stringify(l)}`);
  }
  await shot(hp, 'real-keys-360');
  await hp.setViewportSize({ width: 1280, height: 800 });

  await goto(hp, 'tong-hop');
  const merged = norm(await text(hp.locator('main#main')));
  assert.match(merged, /Ban Tuyên giáo và Dân vận Huyện ủy/);
  assert.match(merged, /Ủy ban Kiểm tra Huyện ủy/);

  await goto(hp, 'tham-dinh');
  await hp.getByTestId('review-unit').selectOption(UNITS.b.id);
  await waitText(hp.getByTestId('review-totals'), /^Điểm tự chấm \(Lần gửi 1\): 875 · /);
  const row = hp.locator('[data-testid="review-table"] tr[data-code="1.2"]');
  // As typed, before leaving the field: the totals follow and the reason is marked required.
  const reviewed = row.locator('input.review-input');
  await reviewed.click();
  await reviewed.press('Control+A');
  await reviewed.pressSequentially('240');
  await waitText(hp.getByTestId('review-totals'), 'Điểm tự chấm (Lần gửi 1): 875 · Điểm thẩm định: 865');
  await row.getByTestId('reason-required').waitFor();
  assert.equal(await row.locator('input.reason-input').getAttribute('aria-invalid'), 'true');
  await row.locator('input.reason-input').pressSequentially('Chậm hoàn thành 01 nhiệm vụ trọng tâm (Báo cáo số 12-BC/HU).');
  await row.getByTestId('reason-required').waitFor({ state: 'detached' });
  await hp.getByTestId('missing-reasons').waitFor({ state: 'detached' });

  await goto(hp, 'binh-xet');
  // A quota takes effect as it is typed, and more places than members are flagged at once.
  const quota = hp.locator('input[data-quota="certificate"]');
  await quota.click();
  await quota.press('Control+A');
  await quota.pressSequentially('9');
  await waitText(hp.getByTestId('quota-warning'), /là 9, nhiều hơn số đơn vị thành viên \(6\)/);
  assert.equal(JSON.parse(await stored(hp)).award.quotas.certificate, 9, 'stored without leaving the field');
  await quota.press('Control+A');
  await quota.pressSequentially('2');
  await hp.getByTestId('quota-warning').waitFor({ state: 'detached' });
  const ranked = hp.locator('[data-testid="results-table"] tbody tr');
  await ranked.first().waitFor();
  assert.equal(await ranked.first().getAttribute('data-unit'), UNITS.a.id, 'the first by score');
  assert.match(await text(hp.locator(`[data-testid="results-table"] tr[data-unit="${UNITS.b.id}"] [data-testid="reviewed-total"]`)), /^865( ±\d+)?$/);
  await shot(hp, 'real-results');
  await hp.getByTestId('print-summary').click();
  const summary = norm(await text(hp.getByTestId('doc')));
  assert.match(summary, new RegExp(KHOI));
  assert.match(summary, /Ban Tuyên giáo và Dân vận Huyện ủy/);
  await noDemo(hp, 'printed summary');

  // ── The head's documents as Word files, opened with python-docx. ──
  const khoiDoc = { superior: COUNCIL, issuer: KHOI, place: 'Mỹ Đức', signature: 'CỤM TRƯỞNG' };
  await hp.getByTestId('doc-number').fill('07/BC-KTĐ');
  const summaryDocx = await downloadTo(join(OUT, 'docx'), hp, hp.getByTestId('doc-docx'));
  assert.equal(summaryDocx.name, '2026_khoi-thi-dua-cac-co-quan-dang-huyen-my-duc_bang-tong-hop.docx');
  const sumWord = await wordFile(summaryDocx, { ...khoiDoc, number: '07/BC-KTĐ' });
  assert.match(sumWord.d.paragraphs.join('\n'), /BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM/);
  const sumRows = sumWord.d.tables[1].map((row) => row.map((c) => c.text));
  assert.deepEqual(sumRows[0], ['STT', 'Tên đơn vị', 'Điểm tự chấm', 'Điểm thẩm định', 'Xếp thứ', 'Ghi chú']);
  assert.deepEqual(sumRows[1].slice(0, 2), ['1', UNITS.a.name], 'the first by score, as printed');
  assert.ok(sumRows.some((r) => r[1] === UNITS.b.name && /^865\b/.test(r[3])), JSON.stringify(sumRows));
  assert.ok(sumWord.footer[0].text.startsWith('Nơi nhận:'), 'the recipients on the left');
  assert.ok(sumWord.footer[1].text.includes(UNITS.head.name), 'the head unit signs');

  await goto(hp, 'binh-xet');
  await hp.getByTestId('print-proposals').click();
  await hp.getByTestId('doc').waitFor();
  const proposals = await downloadTo(join(OUT, 'docx'), hp, hp.getByTestId('doc-docx'));
  const propWord = await wordFile(proposals, { ...khoiDoc, number: '      /TTr-CTĐ' });
  assert.match(propWord.all, /DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG/);
  assert.match(propWord.all, /Bằng khen/);

  // A meeting: its invitation and its minutes.
  await goto(hp, 'cuoc-hop');
  await hp.getByTestId('plan-kind').selectOption('year_end');
  await hp.getByTestId('plan-date').fill('2026-12-22');
  await hp.getByTestId('plan-time').fill('08:00');
  await hp.getByTestId('plan-submit').click();
  await hp.getByTestId('meeting-tong-ket-1').click();
  await hp.getByTestId('meeting-place').fill('Hội trường Huyện ủy Mỹ Đức');
  await hp.getByTestId('chair-name').fill('Đinh Văn Sơn');
  await hp.getByTestId('chair-position').fill('Chánh Văn phòng Huyện ủy');
  await hp.getByTestId('meeting-content').fill('Tổng kết công tác thi đua năm 2026.\nBình xét, suy tôn các đơn vị.');
  await hp.getByTestId('meeting-save').click();
  await hp.getByTestId('print-invitation').click();
  await waitText(hp.getByTestId('doc').locator('h1'), 'GIẤY MỜI');
  const invitation = await downloadTo(join(OUT, 'docx'), hp, hp.getByTestId('doc-docx'));
  assert.equal(invitation.name, '2026_khoi-thi-dua-cac-co-quan-dang-huyen-my-duc_giay-moi-tong-ket-1.docx');
  const meetingDoc = { superior: KHOI, issuer: UNITS.head.name, place: 'Mỹ Đức' };
  const inv = await wordFile(invitation, { ...meetingDoc, number: '      /GM-CTĐ', signature: 'KHỐI TRƯỞNG' });
  assert.match(inv.all, /GIẤY MỜI/);
  assert.match(inv.all, /Thời gian: 8 giờ 00 phút, ngày 22 tháng 12 năm 2026\./);
  assert.match(inv.all, /Địa điểm: Hội trường Huyện ủy Mỹ Đức\./);
  for (const u of Object.values(UNITS)) assert.match(inv.all, new RegExp(`Đại diện lãnh đạo ${u.name};`));
  assert.match(inv.all, /Như thành phần mời;/);
  await hp.getByTestId('back-meetings').click();
  await hp.getByTestId('meeting-tong-ket-1').click();
  await hp.getByTestId('print-minutes').click();
  await waitText(hp.getByTestId('doc').locator('h1'), 'BIÊN BẢN');
  const minutesDocx = await downloadTo(join(OUT, 'docx'), hp, hp.getByTestId('doc-docx'));
  const min = await wordFile(minutesDocx, { ...meetingDoc, number: '      /BB-CTĐ', signature: 'CHỦ TRÌ' });
  assert.match(min.all, /BIÊN BẢN/);
  assert.match(min.all, /Chủ trì: Đinh Văn Sơn — Chánh Văn phòng Huyện ủy\./);
  assert.match(min.all, /Tổng kết công tác thi đua năm 2026\.\nBình xét, suy tôn các đơn vị\./, 'the content keeps its lines');
  assert.equal(min.footer[0].bold[0], 'THƯ KÝ', 'the secretary signs on the left');

  // The annual report.
  await goto(hp, 'bao-cao');
  const report = await downloadTo(join(OUT, 'docx'), hp, hp.getByTestId('report-year-docx'));
  assert.equal(report.name, '2026_khoi-thi-dua-cac-co-quan-dang-huyen-my-duc_bao-cao-nam.docx');
  const rep = await wordFile(report, { ...khoiDoc, number: '      /BC-CTĐ', signature: 'KHỐI TRƯỞNG' });
  assert.match(rep.all, new RegExp(`Kết quả hoạt động ${KHOI} năm 2026`));
  assert.match(rep.all, /III\. KẾT QUẢ CHẤM ĐIỂM THI ĐUA/);
  assert.match(rep.all, /Hội nghị tổng kết/);
  await everyPage(hp, 'head after the review');

  await goto(hp, 'bao-cao');
  const result = await downloadTo(join(OUT, 'council'), hp, hp.getByTestId('send-to-council-button'));
  assert.match(result.name, /^2026_khoi-thi-dua-cac-co-quan-dang-huyen-my-duc_.*\.thidua\.json$/);

  // ── The council office, from its own empty browser. ──
  const council = await openEmpty(env);
  const cp = council.page;
  await cp.getByTestId('start-council-office').click();
  await cp.getByTestId('council-start').waitFor();
  await noDemo(cp, 'council start');
  await cp.getByTestId('council-start-save').click();
  await cp.getByTestId('council-start-name-error').waitFor();
  await cp.getByTestId('council-start-name').fill(COUNCIL);
  await cp.getByTestId('council-start-clusters').fill(`${KHOI}\nKhối thi đua các cơ quan Nhà nước huyện Mỹ Đức\nCụm thi đua các xã vùng núi`);
  await waitText(cp.getByTestId('council-start-count'), '3 cụm, khối');
  await cp.getByTestId('council-start-save').click();
  await cp.getByTestId('council-files').waitFor();
  assert.equal(norm(await text(cp.locator('.cluster-line'))), COUNCIL, 'the header shows the council');
  const tabs = await cp.locator('nav a[data-page]').evaluateAll((as) => as.map((a) => a.dataset.page));
  assert.deepEqual(tabs, ['hoi-dong', 'sao-luu'], 'a council office has no cluster pages');
  await cp.getByTestId('council-files').setInputFiles([result.path]);
  const line = cp.getByTestId('council-import').locator('tbody tr').first();
  await line.waitFor();
  assert.equal(await line.getAttribute('data-outcome'), 'accepted', await text(line));
  const overview = norm(await text(cp.getByTestId('council-overview')));
  assert.match(overview, new RegExp(KHOI));
  assert.match(overview, /Ban Tuyên giáo và Dân vận Huyện ủy/);
  assert.match(overview, /Khối thi đua các cơ quan Nhà nước huyện Mỹ Đức/, 'the cluster that has not sent yet');
  await shot(cp, 'real-council');
  await noDemo(cp, 'council');
  await goto(cp, 'sao-luu');
  await noDemo(cp, 'council backup');

  // ── A second real khối sends its result; the third listed sends nothing. The council's report
  // across the clusters: printed, as .docx and as .xlsx. ──
  const second = join(OUT, 'second');
  const { stdout: secondOut } = await run('cargo', ['run', '--quiet', '--example', 'council_scenario', '--', second, '--real'], { cwd: ROOT, maxBuffer: 1 << 20 });
  const secondFile = join(second, secondOut.trim().split('\n')[0]);
  await goto(cp, 'hoi-dong');
  await cp.getByTestId('council-files').setInputFiles([secondFile]);
  const secondLine = cp.getByTestId('council-import').locator('tbody tr').first();
  await secondLine.waitFor();
  assert.equal(await secondLine.getAttribute('data-outcome'), 'accepted', await text(secondLine));
  await waitText(cp.getByTestId('district-summary'), /2\/3 cụm, khối đã gửi kết quả/);
  const STATE = 'Khối thi đua các cơ quan Nhà nước huyện Mỹ Đức';
  const MISSING = 'Cụm thi đua các xã vùng núi';
  await cp.getByTestId('council-report-print').click();
  const printed = norm(await text(cp.getByTestId('doc')));
  assert.match(printed, /BÁO CÁO Tổng hợp kết quả bình xét thi đua năm 2026 của các cụm, khối thi đua/);
  assert.match(printed, /2\/3 cụm, khối thi đua trong danh sách đã gửi kết quả/);
  assert.match(printed, new RegExp(`Cụm, khối chưa gửi kết quả: ${MISSING}`));
  assert.match(printed, new RegExp(`1\\. ${KHOI}`));
  assert.match(printed, new RegExp(`2\\. ${STATE}`));
  assert.match(printed, /Phòng Nội vụ huyện/);
  assert.match(printed, /Ban Tuyên giáo và Dân vận Huyện ủy/);
  assert.match(printed, /Tổng cộng/);
  await shot(cp, 'council-report');
  const councilDocx = await downloadTo(join(OUT, 'council'), cp, cp.getByTestId('council-report-docx'));
  assert.equal(councilDocx.name, '2026_tong-hop-cum-khoi.docx');
  const cw = await wordFile(councilDocx, {
    superior: 'Ủy ban nhân dân huyện Mỹ Đức', issuer: COUNCIL, number: '      /BC-HĐTĐKT', place: 'Mỹ Đức', signature: 'THƯỜNG TRỰC HỘI ĐỒNG',
  });
  assert.match(cw.all, new RegExp(`Cụm, khối chưa gửi kết quả:\\n- ${MISSING}`));
  const totals = cw.d.tables[1].map((row) => row.map((c) => c.text));
  assert.equal(totals.at(-1)[1], 'Tổng cộng');
  const proposedUnits = totals.slice(1, -1).reduce((n, r) => n + Number(r[4]), 0);
  assert.equal(Number(totals.at(-1)[4]), proposedUnits, 'the total is the sum of the awards');
  const khoiTable = cw.d.tables[2].map((row) => row.map((c) => c.text));
  assert.ok(khoiTable.some((r) => r[1] === UNITS.a.name), JSON.stringify(khoiTable));
  const stateTable = cw.d.tables[3].map((row) => row.map((c) => c.text));
  assert.ok(stateTable.some((r) => r[1] === 'Văn phòng HĐND và UBND huyện'), JSON.stringify(stateTable));
  const councilXlsx = await downloadTo(join(OUT, 'council'), cp, cp.getByTestId('council-report-xlsx'));
  assert.equal(councilXlsx.name, '2026_tong-hop-cum-khoi.xlsx');
  const book = await python('read_xlsx.py', councilXlsx.path);
  const [sum, ranks] = book.sheets;
  assert.ok(sum.rows.some((r) => r[1] === 'Tổng cộng' && r[4] === proposedUnits), JSON.stringify(sum.rows));
  assert.ok(sum.rows.some((r) => r[0] === MISSING), 'the khối not sent, listed');
  const unitsIn = (name) => ranks.rows.filter((r) => r[0] === name).map((r) => r[2]);
  assert.ok(unitsIn(KHOI).includes(UNITS.b.name), JSON.stringify(ranks.rows));
  assert.ok(unitsIn(STATE).includes('Phòng Nội vụ huyện'));
  await cp.getByTestId('council-report-back').click();
  await cp.getByTestId('council-overview').waitFor();

  for (const who of [head, a, b, council]) {
    assert.deepEqual(who.errors, []);
    await who.context.close();
  }
});

test('issue 13: the demo tried on a bound member device leaves its real data exactly as it was', async () => {
  const head = await openEmpty(env, { acceptDownloads: true });
  const hp = head.page;
  await newKhoi(hp);
  const setup = await downloadTo(join(OUT, 'demo-apart'), hp, hp.getByTestId('make-setup'));
  await goto(hp, 'ho-so');
  const m = await joinAs(setup, UNITS.a, await text(hp.getByTestId('fingerprint')));
  const p = m.page;
  await score(p, { '1.1': '150' });
  const real = { workspace: await stored(p), mark: await p.evaluate(() => localStorage.getItem('thidua.backup')) };

  await p.getByTestId('try-demo').click();
  await p.getByTestId('demo-banner').waitFor();
  await p.waitForSelector('.criterion');
  assert.equal(await p.locator('.criterion').count(), 52);
  await typeInto(scoreInput(p, 'I.1.a'), '45');
  await p.keyboard.press('Tab');
  await p.getByTestId('leave-demo').click();
  await p.getByTestId('leave-demo-confirm').click();
  // Back to the real device, its unit and score as they were, byte for byte.
  await p.waitForSelector('.criterion');
  assert.equal(norm(await text(p.getByTestId('device-unit'))), `Máy này làm việc cho: ${UNITS.a.name}`);
  assert.equal(await scoreInput(p, '1.1').inputValue(), '150');
  assert.equal(await stored(p), real.workspace, 'the workspace');
  assert.equal(await p.evaluate(() => localStorage.getItem('thidua.backup')), real.mark, 'the backup mark');
  const after = await p.evaluate(() => ({ ...localStorage }));
  assert.ok(!Object.keys(after).some((k) => k.startsWith('thidua.demo') || k === 'thidua.mode'), 'nothing of the demo is left');
  assert.equal(await p.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('thidua'); r.onsuccess = () => ok(r.result); });
    const keys = await new Promise((ok) => { const r = db.transaction('records').objectStore('records').getAllKeys(); r.onsuccess = () => ok(r.result); });
    db.close();
    return keys.filter((k) => k.startsWith('demo/')).length;
  }), 0, 'no record of the demo is left');
  await noDemo(p, 'after the demo');

  // The head fixes a name and adds a unit after the set-up went out: the next set-up, which
  // the member takes as before; the ids stay.
  await goto(hp, 'cum-thi-dua');
  const renamed = hp.locator(`li.unit-row[data-unit="${UNITS.b.id}"] [data-testid="unit-name"]`);
  await renamed.fill('Ủy ban Kiểm tra Huyện ủy Mỹ Đức');
  await renamed.press('Tab');
  await hp.getByTestId('units-paste').fill('Trung tâm Bồi dưỡng chính trị huyện');
  await hp.getByTestId('units-add').click();
  await hp.locator('li.unit-row').nth(6).waitFor();
  await hp.getByTestId('save-cluster').click();
  await waitText(hp.locator('[data-testid="cluster-units"] ~ .notice.ok, .notice.ok').first(), /^Đã lưu\./);
  const edited = JSON.parse(await stored(hp)).cluster;
  assert.equal(edited.units.length, 7);
  assert.equal(edited.units.find((u) => u.id === UNITS.b.id).name, 'Ủy ban Kiểm tra Huyện ủy Mỹ Đức');
  const next = await downloadTo(join(OUT, 'demo-apart', 'next'), hp, hp.getByTestId('make-setup'));
  await goto(p, 'ho-so');
  await p.getByTestId('setup-file').setInputFiles(next.path);
  await p.getByTestId('setup-import').locator('.notice.ok').waitFor();
  assert.equal(JSON.parse(await stored(p)).cluster.units.length, 7);
  assert.equal(norm(await text(p.getByTestId('device-unit'))), `Máy này làm việc cho: ${UNITS.a.name}`);

  // The device handed to another unit: a warned change, after a backup of everything on it;
  // the other unit's sheet starts empty, the first unit's stays kept, unseen.
  await goto(p, 'sao-luu');
  const change = p.getByTestId('change-unit');
  await downloadTo(join(OUT, 'demo-apart', 'before-change'), p, change.getByTestId('change-unit-backup'));
  const others = await change.getByTestId('change-unit-select').locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(!others.includes(UNITS.a.id) && !others.includes(UNITS.head.id), `offered: ${others}`);
  await change.getByTestId('change-unit-select').selectOption(UNITS.b.id);
  await waitText(change.locator('.notice.ok'), /Máy này từ nay làm việc cho Ủy ban Kiểm tra Huyện ủy Mỹ Đức\./);
  assert.equal(norm(await text(p.getByTestId('device-unit'))), 'Máy này làm việc cho: Ủy ban Kiểm tra Huyện ủy Mỹ Đức');
  await goto(p, 'cham-diem');
  assert.equal(await scoreInput(p, '1.1').inputValue(), '', 'another unit\'s sheet is its own');
  const changed = JSON.parse(await stored(p));
  assert.equal(changed.sheets[UNITS.a.id].entries['1.1'].points, 150, 'the first unit\'s sheet is kept');
  await goto(p, 'sao-luu');
  await change.getByTestId('change-unit-backup').waitFor();
  await downloadTo(join(OUT, 'demo-apart', 'before-change'), p, change.getByTestId('change-unit-backup'));
  await change.getByTestId('change-unit-select').selectOption(UNITS.a.id);
  await waitText(p.getByTestId('device-unit'), /Ban Tuyên giáo và Dân vận Huyện ủy/);

  // The member's whole backup, restored from the start screen of an empty browser.
  await goto(p, 'sao-luu');
  const backup = await downloadTo(join(OUT, 'demo-apart'), p, p.getByTestId('workspace-backup').getByTestId('backup-download'));
  const other = await openEmpty(env);
  await other.page.getByTestId('restore-workspace-file').setInputFiles(backup.path);
  await other.page.getByTestId('restore-preview').waitFor();
  await other.page.getByTestId('restore-confirm').click();
  await other.page.waitForSelector('.criterion');
  assert.equal(norm(await text(other.page.getByTestId('device-unit'))), `Máy này làm việc cho: ${UNITS.a.name}`);
  assert.equal(await scoreInput(other.page, '1.1').inputValue(), '150');
  await noDemo(other.page, 'restored device');
  for (const who of [head, m, other]) {
    assert.deepEqual(who.errors, []);
    await who.context.close();
  }
});

test('issue 13: the council makes its own award rules in a form, signs them, and a head puts them in force', async () => {
  const council = await openEmpty(env, { acceptDownloads: true });
  const cp = council.page;
  await cp.getByTestId('start-council-office').click();
  await cp.getByTestId('council-start-name').fill(COUNCIL);
  await cp.getByTestId('council-start-clusters').fill(KHOI);
  await cp.getByTestId('council-start-save').click();
  const card = cp.getByTestId('council-rules');
  await card.waitFor();
  // The rules in force, in words, each with its source.
  await card.locator('details summary').first().click();
  const described = norm(await text(card.locator('.rule-list')));
  assert.match(described, /900/);
  assert.match(described, /mục B\.III\.1\.2/);

  await card.getByTestId('rules-derive').click();
  const editor = card.getByTestId('rules-editor');
  await editor.waitFor();
  const TITLE = 'Quy tắc bình xét của Hội đồng TĐKT huyện Mỹ Đức năm 2026';
  await editor.getByTestId('rules-title').fill(TITLE);
  await editor.getByTestId('rules-title').press('Tab');
  const flags = editor.locator('li[data-rule="threshold-flags"]');
  // A threshold off the scale is refused by the engine, and changes nothing.
  await flags.getByTestId('rule-min-points').fill('2000');
  await flags.getByTestId('rule-min-points').press('Tab');
  await editor.getByTestId('rules-edit-error').waitFor();
  await flags.getByTestId('rule-min-points').fill('920');
  await flags.getByTestId('rule-min-points').press('Tab');
  await editor.getByTestId('rules-edit-error').waitFor({ state: 'detached' });
  await flags.getByTestId('rule-document').fill('Hướng dẫn số 05/HD-HĐTĐKT ngày 10/01/2026 của Hội đồng TĐKT huyện Mỹ Đức');
  await flags.getByTestId('rule-section').fill('mục III, khoản 1');
  await flags.getByTestId('rule-section').press('Tab');
  // A new condition: a unit with a public outcry is deferred, unless an exception was approved.
  const add = editor.getByTestId('rule-add');
  await add.getByTestId('rule-add-kind').selectOption('defer');
  await add.locator('input[data-testid="rule-add-fact"][value="public_outcry"]').check();
  await add.getByTestId('rule-add-unless').check();
  await add.getByTestId('rule-add-document').fill('Hướng dẫn số 05/HD-HĐTĐKT ngày 10/01/2026 của Hội đồng TĐKT huyện Mỹ Đức');
  await add.getByTestId('rule-add-section').fill('mục III, khoản 4');
  const before = await editor.locator('li.rule-edit').count();
  await add.getByTestId('rule-add-button').click();
  await editor.locator('li.rule-edit').nth(before).waitFor();
  await editor.getByTestId('rules-valid').waitFor();
  // A district's own award at the foot of the ladder, with its threshold and source.
  const award = editor.getByTestId('award-add');
  await award.getByTestId('award-add-name').fill('Giấy khen của Chủ tịch UBND huyện');
  await award.getByTestId('award-add-below').selectOption('certificate');
  await award.getByTestId('award-add-points').fill('800');
  await award.getByTestId('award-add-document').fill('Hướng dẫn số 05/HD-HĐTĐKT ngày 10/01/2026 của Hội đồng TĐKT huyện Mỹ Đức');
  await award.getByTestId('award-add-section').fill('mục III, khoản 2');
  await award.getByTestId('award-add-button').click();
  await editor.locator('ol.award-list li').nth(3).waitFor();
  assert.equal(await editor.locator('ol.award-list li').nth(3).getAttribute('data-award'), 'giay-khen-cua-chu-tich-ubnd-huyen');
  await editor.getByTestId('rules-valid').waitFor();
  await shot(cp, 'council-rules-editor');
  await card.getByTestId('council-rules-keep').click();
  await waitText(card.getByTestId('council-rules-title'), TITLE);
  const kept = JSON.parse(await storedStore(cp, 'council')).rules;
  assert.equal(kept.rules.find((r) => r.id === 'threshold-flags').effect.min_points, 920);
  const signed = await downloadTo(join(OUT, 'rules'), cp, card.getByTestId('council-rules-sign'));
  assert.match(signed.name, /\.thidua\.json$/);
  const fingerprint = await text(card.getByTestId('council-fingerprint'));
  assert.match(fingerprint, /^[0-9 ]{20,}$/);
  // The council's secret key is in no backup file.
  const seed = JSON.parse(await storedStore(cp, 'council')).identity;
  await goto(cp, 'sao-luu');
  const backup = await downloadTo(join(OUT, 'rules'), cp, cp.getByTestId('workspace-backup').getByTestId('backup-download'));
  assert.ok(seed && !backup.content.toString('utf8').includes(seed), 'the council key stays on its device');

  // A head loads the signed file: the council and its fingerprint are named; the rules are in force.
  const head = await openEmpty(env, { acceptDownloads: true });
  const hp = head.page;
  await newKhoi(hp);
  await goto(hp, 'binh-xet');
  const tampered = join(OUT, 'rules', 'sua-doi.thidua.json');
  await writeFile(tampered, signed.content.toString('utf8').replace('"min_points": 920', '"min_points": 800'));
  await hp.getByTestId('rules-file').setInputFiles(tampered);
  await hp.getByTestId('rules').locator('.notice.error').waitFor();
  assert.doesNotMatch(await text(hp.getByTestId('rules-in-force')), /Mỹ Đức/, 'a tampered file changes nothing');
  await hp.getByTestId('rules-file').setInputFiles(signed.path);
  await waitText(hp.getByTestId('rules').locator('.notice.ok'), new RegExp(fingerprint));
  assert.match(await text(hp.getByTestId('rules-in-force')), new RegExp(TITLE));
  assert.equal(JSON.parse(await stored(hp)).award.rule_set.rules.find((r) => r.id === 'threshold-flags').effect.min_points, 920);
  // Its four awards each take a quota.
  const quotas = await hp.locator('input[data-quota]').evaluateAll((is) => is.map((i) => i.dataset.quota));
  assert.deepEqual(quotas, ['gov_flag', 'city_flag', 'certificate', 'giay-khen-cua-chu-tich-ubnd-huyen']);
  for (const who of [council, head]) {
    assert.deepEqual(who.errors, []);
    await who.context.close();
  }
});

test('real data this version cannot read is kept, offered as a file, never shown over the demo, and erased only on confirmation', async () => {
  const d = await openEmpty(env, { acceptDownloads: true });
  const p = d.page;
  const newer = '{"schema":99,"cluster":{"name":"Khối thi đua các cơ quan Đảng huyện Mỹ Đức"}}';
  await p.evaluate((t) => localStorage.setItem('thidua.workspace', t), newer);
  await p.reload();
  await p.getByTestId('unusable').waitFor();
  assert.match(await text(p.getByTestId('storage-blocked')), /phiên bản mới hơn/);
  await noDemo(p, 'unreadable data');
  assert.equal(await p.locator('.criterion').count(), 0);
  const saved = await downloadTo(join(OUT, 'unusable'), p, p.getByTestId('unusable-download'));
  assert.equal(saved.content.toString('utf8'), newer, 'the file holds the stored data exactly');
  assert.equal(await p.evaluate(() => localStorage.getItem('thidua.workspace')), newer, 'kept as it was');
  await p.getByTestId('unusable-erase').click();
  await p.getByTestId('unusable-erase-confirm').click();
  await p.getByTestId('start-screen').waitFor();
  assert.equal(await p.evaluate(() => localStorage.getItem('thidua.workspace')), null);
  assert.deepEqual(d.errors, []);
  await d.context.close();
});
