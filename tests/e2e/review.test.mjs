// Issue 4 end to end: the head loads the demo, imports every member's signed self-score, enters
// the year's quotas and the facts the award rules need, reviews two units (a changed score with
// its reason, a criticism document counted as a deduction), and sees the evaluation the rules
// give; prints the summary and the proposal list to PDF (headless Chromium's page.pdf, read back
// with pypdf), exports the .xlsx (read back with openpyxl) and sends the signed review, which a
// member imports on its own device to see its own score beside the reviewed one. A tampered
// review file is refused and changes nothing.
//
// The self-scores come from `cargo run --example review_scenario` (examples/review_scenario.rs):
// one signed bundle per unit, with fixed seeds, so the scenario is the same on every run. The
// files it leaves (bundles, PDFs, .xlsx, review) are under screenshots/review/. REVIEW_DEBUG=1
// prints every unit's explanation as a test diagnostic.
//
// THE SCENARIO. Quotas: Government Flag 1, City Flag 2, Certificate of Merit 3. Default rule set
// hadong-2024 (docs/rules.md). Expected outcomes worked out from docs/rules.md by hand:
//
// | rank | unit (id)          | self  | review                        | final | facts                                                 | expected     | rules it exercises |
// |------|--------------------|-------|-------------------------------|-------|-------------------------------------------------------|--------------|--------------------|
// | 1    | Hà Cầu (head)      | 960   | —                             | 960   | rating excellent; shortcomings, outcry, prosecuted: no | gov_flag     | threshold-flags, flag-party-rating, gov-flag-among-city-flag (meets the City Flag's conditions), quota-by-rank (first by rank) |
// | 2    | Phúc La            | 955   | —                             | 955   | excellent; unremedied conclusion yes; exception no     | deferred     | defer-inspection (not lifted: it would otherwise have taken the Government Flag's place by score) |
// | 3    | Kiến Hưng          | 950   | —                             | 950   | excellent; under inspection yes; exception approved yes | city_flag   | defer-inspection lifted by the approved exception; quota-by-rank + fall-through (outside the Government Flag quota of 1, considered for the City Flag, takes place 1 of 2) |
// | 4    | Phú La             | 940   | —                             | 940   | excellent; shortcomings yes                            | certificate  | lower-one-level: reached by rank for the City Flag (1 place left), so one level down: takes no City Flag place, gets the Certificate (place 1 of 3). Not reached for the Government Flag (its single place went to Hà Cầu), so it falls through first (fall-through) |
// | 5    | Mộ Lao             | 930   | —                             | 930   | rating completed; leader suspended yes                 | excluded     | exclude-party-rating and exclude-discipline (same tier, both apply) |
// | 6    | Văn Quán           | 925,5 | I.1.a 50 → 40 with a reason   | 915,5 | no party rating recorded                               | certificate  | flag-party-rating: a missing rating does not meet the Flag condition; exclude-party-rating does not apply to a missing rating; Certificate place 2 of 3 |
// | 7    | Vạn Phúc           | 909   | C.1 criticism document, −10   | 899   | excellent                                              | certificate  | threshold-flags at the boundary: 909 would take the 2nd City Flag place (checked before the review), 899 < 900 does not; threshold-certificate 899 ≥ 850: Certificate place 3 of 3 |
// | 8    | La Khê             | 840   | — (self-declared C.3 −2)      | 840   | excellent                                              | none         | threshold-certificate: 840 < 850 |
//
// Before the review (Văn Quán 925,5, Vạn Phúc 909): the same except Vạn Phúc city_flag (the City
// Flag's 2nd place), so the review's criticism document moves Vạn Phúc from a Flag to the
// Certificate. The second City Flag place then stays empty (no other unit meets its conditions).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openApp, shot, stored, SHOTS, text, norm, waitText, goto, downloadTo,
} from './harness.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const OUT = join(SHOTS, 'review');
const PY_ENV = {
  ...process.env,
  PYTHONPATH: [join(ROOT, 'scripts', 'tools', 'py'), process.env.PYTHONPATH].filter(Boolean).join(':'),
};

const QUOTAS = { gov_flag: 1, city_flag: 2, certificate: 3 };

const AWARD = {
  gov_flag: 'Cờ thi đua của Chính phủ',
  city_flag: 'Cờ thi đua của UBND Thành phố (Cờ “Đơn vị xuất sắc phong trào thi đua”)',
  certificate: 'Bằng khen của Chủ tịch UBND Thành phố',
  none: 'Không đề nghị khen thưởng',
  excluded: 'Không xem xét khen thưởng',
  deferred: 'Chưa xét khen thưởng',
};

// The source document of each fact (number, date).
const SOURCES = {
  party_rating: ['125-TB/QU', '2025-11-30'],
  shortcomings: ['12/TB-UBND', '2025-09-01'],
  public_outcry: ['13/TB-UBND', '2025-09-02'],
  under_inspection: ['31/QĐ-TTr', '2025-08-12'],
  unremedied_conclusion: ['08/KL-TTr', '2025-06-20'],
  exception_approved: ['210/QĐ-UBND', '2025-11-15'],
  leader_suspended: ['77/QĐ-KL', '2025-07-04'],
  official_prosecuted: ['05/TB-CAQ', '2025-10-01'],
};

// In rank order (final scores). `before`: the outcome before the review changes.
const UNITS = [
  {
    id: 'phuong-ha-cau', name: 'UBND phường Hà Cầu', own: '960', final: '960', rank: 1,
    facts: { party_rating: 'excellent', shortcomings: 'no', public_outcry: 'no', official_prosecuted: 'no' },
    before: 'gov_flag', outcome: 'gov_flag',
    rules: ['threshold-flags', 'flag-party-rating', 'gov-flag-among-city-flag', 'quota-by-rank'],
  },
  {
    id: 'phuong-phuc-la', name: 'UBND phường Phúc La', own: '955', final: '955', rank: 2,
    facts: { party_rating: 'excellent', unremedied_conclusion: 'yes', exception_approved: 'no' },
    before: 'deferred', outcome: 'deferred',
    rules: ['defer-inspection'],
  },
  {
    id: 'phuong-kien-hung', name: 'UBND phường Kiến Hưng', own: '950', final: '950', rank: 3,
    facts: { party_rating: 'excellent', under_inspection: 'yes', exception_approved: 'yes' },
    before: 'city_flag', outcome: 'city_flag',
    rules: ['defer-inspection', 'fall-through', 'quota-by-rank'],
  },
  {
    id: 'phuong-phu-la', name: 'UBND phường Phú La', own: '940', final: '940', rank: 4,
    facts: { party_rating: 'excellent', shortcomings: 'yes' },
    before: 'certificate', outcome: 'certificate',
    rules: ['lower-one-level'],
  },
  {
    id: 'phuong-mo-lao', name: 'UBND phường Mộ Lao', own: '930', final: '930', rank: 5,
    facts: { party_rating: 'completed', leader_suspended: 'yes' },
    before: 'excluded', outcome: 'excluded',
    rules: ['exclude-party-rating', 'exclude-discipline'],
  },
  {
    id: 'phuong-van-quan', name: 'UBND phường Văn Quán', own: '925,5', final: '915,5', rank: 6,
    facts: {},
    before: 'certificate', outcome: 'certificate',
    rules: ['flag-party-rating', 'threshold-certificate'],
  },
  {
    id: 'phuong-van-phuc', name: 'UBND phường Vạn Phúc', own: '909', final: '899', rank: 7,
    facts: { party_rating: 'excellent' },
    before: 'city_flag', outcome: 'certificate',
    rules: ['threshold-flags', 'threshold-certificate'],
  },
  {
    id: 'phuong-la-khe', name: 'UBND phường La Khê', own: '840', final: '840', rank: 8,
    facts: { party_rating: 'excellent' },
    before: 'none', outcome: 'none',
    rules: ['threshold-certificate'],
  },
];
const unit = (id) => UNITS.find((u) => u.id === id);
const ALL_RULES = [
  'threshold-flags', 'threshold-certificate', 'flag-party-rating', 'lower-one-level',
  'defer-inspection', 'exclude-party-rating', 'exclude-discipline', 'gov-flag-among-city-flag',
  'quota-by-rank', 'fall-through',
];

const REASON = 'Thu ngân sách đạt 95% dự toán (Báo cáo quyết toán số 20/BC-TCKT)';
const CRITICISM = { code: 'C.1', document: '125/UBND-VP', date: '2025-10-15', points: '10' };

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Without any whitespace: pypdf's default extraction splits words around accented glyphs. */
const squash = (s) => s.normalize('NFC').replace(/\s+/g, '');

/** Clicks what downloads a file and keeps it under OUT/<folder>; returns { name, path, content }. */
const download = (page, locator, folder) => downloadTo(join(OUT, folder), page, locator);

async function python(script, file) {
  const { stdout } = await run('python3', [join(here, script), file], { env: PY_ENV, maxBuffer: 1 << 24 });
  return JSON.parse(stdout);
}

/** Each needle appears in `haystack`, in this order. */
function inOrder(haystack, needles, what) {
  let at = -1;
  for (const n of needles) {
    const i = haystack.indexOf(n, at + 1);
    assert.ok(i > at, `${what}: “${n}” missing or out of order`);
    at = i;
  }
}

async function saveFact(page, fact, value) {
  const row = page.locator(`[data-testid="facts"] tr[data-fact="${fact}"]`);
  await row.getByTestId('fact-value').selectOption(value);
  await row.getByTestId('fact-document').fill(SOURCES[fact][0]);
  await row.getByTestId('fact-date').fill(SOURCES[fact][1]);
  await row.getByTestId('fact-save').click();
  await row.locator('.notice').waitFor();
  assert.equal(await text(row.locator('.notice')), 'Đã lưu.', `fact ${fact} = ${value}`);
}

async function reviewUnit(page, id) {
  await page.getByTestId('review-unit').selectOption(id);
  const u = unit(id);
  await waitText(page.getByTestId('review-totals'), new RegExp(`^Điểm tự chấm \\(Lần gửi 1\\): ${u.own} · `));
}

/** The results table: { id: outcome } in the table's order. */
async function outcomes(page) {
  const rows = page.locator('[data-testid="results-table"] tbody tr');
  await rows.first().waitFor();
  const out = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    out.push([await rows.nth(i).getAttribute('data-unit'), await rows.nth(i).getAttribute('data-outcome')]);
  }
  return out;
}

test('issue 4: the prepared scenario through review, evaluation, print, export and the member', async (t) => {
  // The members' self-score bundles, made by the crate itself.
  await rm(OUT, { recursive: true, force: true });
  const bundles = join(OUT, 'bundles');
  const { stdout } = await run('cargo', ['run', '--quiet', '--example', 'review_scenario', '--', bundles], { cwd: ROOT, maxBuffer: 1 << 20 });
  const made = stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.equal(made.length, 8);
  const own = Object.fromEntries(made.map(([file, total]) => [file.split('_')[2], Number(total) / 10]));
  for (const u of UNITS) assert.equal(own[u.id], Number(u.own.replace(',', '.')), `${u.id}: self-score`);

  // The head (the demo's head unit): its key, the set-up, then the members' bundles.
  const head = await openApp(env);
  const hp = head.page;
  await goto(hp, 'ho-so');
  await hp.getByTestId('fingerprint').waitFor();
  await hp.getByTestId('head-setup').locator('input[type="date"]').first().fill('2025-12-10');
  const setup = await download(hp, hp.getByTestId('make-setup'), 'setup');
  assert.equal(setup.name, '2025_cum-3_thiet-lap.thidua.json');

  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles(made.map(([file]) => join(bundles, file)));
  const imported = hp.getByTestId('import-report').locator('tbody tr');
  await imported.first().waitFor();
  assert.equal(await imported.count(), 8);
  for (let i = 0; i < 8; i += 1) {
    assert.equal(await imported.nth(i).getAttribute('data-outcome'), 'accepted', `import row ${i}: ${await text(imported.nth(i))}`);
  }

  // The year's quotas, on the results page.
  await goto(hp, 'binh-xet');
  assert.match(await text(hp.getByTestId('rules-in-force')), /\(hadong-2024\)/);
  for (const [award, n] of Object.entries(QUOTAS)) {
    const input = hp.locator(`input[data-quota="${award}"]`);
    await input.fill(String(n));
    await input.press('Tab');
  }
  for (const [award, n] of Object.entries(QUOTAS)) {
    assert.equal(await hp.locator(`input[data-quota="${award}"]`).inputValue(), String(n), `quota ${award}`);
  }
  assert.deepEqual(JSON.parse(await stored(hp)).award.quotas, QUOTAS);

  // The facts, unit by unit, each with its source document.
  await goto(hp, 'tham-dinh');
  for (const u of UNITS) {
    await reviewUnit(hp, u.id);
    for (const [fact, value] of Object.entries(u.facts)) await saveFact(hp, fact, value);
  }
  await reviewUnit(hp, 'phuong-kien-hung');
  await hp.getByTestId('facts').scrollIntoViewIfNeeded();
  await shot(hp, 'review-facts');

  // Before the review: Vạn Phúc (909) takes the City Flag's second place.
  await goto(hp, 'binh-xet');
  const beforeReview = await outcomes(hp);
  assert.deepEqual(beforeReview, UNITS.map((u) => [u.id, u.before]), 'outcomes before the review');

  // The review. Văn Quán: I.1.a 50 → 40; a reason is asked for until given.
  await goto(hp, 'tham-dinh');
  await reviewUnit(hp, 'phuong-van-quan');
  const i1a = hp.locator('[data-testid="review-table"] tr[data-code="I.1.a"]');
  assert.equal(await text(i1a.getByTestId('own')), '50');
  assert.equal(await i1a.locator('input.review-input').inputValue(), '50');
  await i1a.locator('input.review-input').fill('40');
  await i1a.locator('input.review-input').press('Tab');
  await waitText(hp.getByTestId('missing-reasons'), /I\.1\.a/);
  await waitText(hp.getByTestId('review-totals'), 'Điểm tự chấm (Lần gửi 1): 925,5 · Điểm thẩm định: 915,5');
  await shot(hp, 'review-missing-reason');
  await i1a.locator('input.reason-input').fill(REASON);
  await i1a.locator('input.reason-input').press('Tab');
  await hp.getByTestId('missing-reasons').waitFor({ state: 'detached' });

  // Vạn Phúc: a criticism document of the district (C.1, 10 points) takes it from 909 to 899.
  await reviewUnit(hp, 'phuong-van-phuc');
  await hp.getByTestId('deduction-code').selectOption(CRITICISM.code);
  assert.equal(await hp.getByTestId('deduction-points').inputValue(), CRITICISM.points, 'the points are prefilled with the step');
  await hp.getByTestId('deduction-document').fill(CRITICISM.document);
  await hp.getByTestId('deduction-date').fill(CRITICISM.date);
  await hp.getByTestId('deduction-add').click();
  const deductions = hp.locator('[data-testid="deduction-list"] tbody tr');
  await deductions.first().waitFor();
  assert.equal(await deductions.count(), 1);
  assert.match(norm(await text(deductions.first())), /15\/10\/2025 125\/UBND-VP C\.1 −10/);
  await waitText(hp.getByTestId('review-totals'), 'Điểm tự chấm (Lần gửi 1): 909 · Điểm thẩm định: 899');
  const c1 = hp.locator('[data-testid="review-table"] tr[data-code="C.1"]');
  assert.equal(await text(c1.getByTestId('from-documents')), '10');
  assert.match(await text(c1), /Theo 1 văn bản: số 125\/UBND-VP ngày 15\/10\/2025\./);
  await c1.scrollIntoViewIfNeeded();
  await shot(hp, 'review-deduction');

  // The evaluation after the review.
  await goto(hp, 'binh-xet');
  assert.deepEqual(await outcomes(hp), UNITS.map((u) => [u.id, u.outcome]), 'outcomes after the review (in rank order)');
  assert.equal(await hp.getByTestId('ties').count(), 0, 'no tie to settle');
  await hp.getByTestId('results').scrollIntoViewIfNeeded();
  await shot(hp, 'results');
  const seen = new Set();
  for (const u of UNITS) {
    const row = hp.locator(`[data-testid="results-table"] tr[data-unit="${u.id}"]`);
    assert.equal(await text(row.getByTestId('rank')), String(u.rank), `${u.id}: rank`);
    assert.equal(await text(row.getByTestId('own-total')), u.own, `${u.id}: own total`);
    assert.match(await text(row.getByTestId('reviewed-total')), new RegExp(`^${u.final}( ±\\d+)?$`), `${u.id}: reviewed total`);
    assert.equal(await text(row.getByTestId('outcome')), AWARD[u.outcome], `${u.id}: outcome label`);
    await row.locator('details[data-testid="explain"] summary').click();
    const lines = await row.locator('details[data-testid="explain"] li').allInnerTexts();
    const explained = lines.join('\n');
    if (process.env.REVIEW_DEBUG) t.diagnostic(`${u.id}:\n${explained}`);
    // Each rule applied is a line in words with its clause; its id is data beside the line,
    // never in what people read (issue 17, item 4).
    const applied = await row.locator('details[data-testid="explain"] li[data-rule]').evaluateAll((ls) => ls.map((l) => l.dataset.rule));
    for (const rule of u.rules) {
      assert.ok(applied.includes(rule), `${u.id}: the explanation applies ${rule}:\n${explained}`);
    }
    assert.ok(!/\[[a-z]+(-[a-z]+)+\]/.test(explained), `${u.id}: no rule id in the words:\n${explained}`);
    assert.match(explained, /Hướng dẫn của UBND quận Hà Đông/, `${u.id}: the clauses are named`);
    for (const rule of applied) seen.add(rule);
    if (u.rules.includes('defer-inspection')) {
      assert.match(explained, /mục B\.III\.1\.2, gạch đầu dòng 4/, `${u.id}: the deferral's citation`);
    }
  }
  for (const rule of ALL_RULES) assert.ok(seen.has(rule), `no explanation applies ${rule}`);
  // Units were reviewed to other points: the ±n badge is explained in words under the table.
  assert.match(await text(hp.getByTestId('changed-legend')), /^±n sau điểm thẩm định: số tiêu chí/);
  await hp.locator('[data-testid="results-table"] tr[data-unit="phuong-phu-la"]').scrollIntoViewIfNeeded();
  await shot(hp, 'results-explained');

  // The summary, printed to PDF.
  await hp.getByTestId('print-summary').click();
  await hp.getByTestId('doc').waitFor();
  await hp.getByTestId('doc-number').fill('05/BC-CTĐ');
  await hp.getByTestId('doc-date').fill('2025-12-20');
  await waitText(hp.getByTestId('doc').locator('.doc-place-date'), 'Hà Đông, ngày 20 tháng 12 năm 2025');
  await shot(hp, 'print-summary');
  const summaryPdf = join(OUT, 'bang-tong-hop.pdf');
  await hp.pdf({ path: summaryPdf, format: 'A4', printBackground: true });
  const summary = await python('pdf_text.py', summaryPdf);
  // Not asserted (it depends on the fonts installed): Chromium falls back to a sans-serif font for
  // letters the serif font lacks (Debian's fonts-liberation 1.x has no Vietnamese).
  t.diagnostic(`summary PDF: ${summary.pages} page(s), fonts ${summary.fonts.join(', ')}`);
  const sl = norm(summary.layout.join('\n'));
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM',
    'Số: 05/BC-CTĐ', 'Hà Đông, ngày 20 tháng 12 năm 2025', 'TM. CỤM THI ĐUA', 'CỤM TRƯỞNG']) {
    assert.ok(sl.includes(s), `the summary PDF has “${s}”`);
  }
  const ss = squash(summary.text.join(''));
  inOrder(ss, UNITS.map((u) => squash(`${u.rank} ${u.name} ${u.own} ${u.final} ${u.rank} ${AWARD[u.outcome]}`)),
    'the summary PDF lists the units by rank, with both scores, the rank and the outcome');
  assert.ok(!ss.includes(squash('Tự chấm điểm')) && !ss.includes(squash('In / Lưu thành PDF')), 'the app around the document is not printed');

  // The proposal list, printed to PDF: each proposed unit under its award.
  await goto(hp, 'binh-xet');
  await hp.getByTestId('print-proposals').click();
  await hp.getByTestId('doc').waitFor();
  await shot(hp, 'print-proposals');
  const proposalsPdf = join(OUT, 'danh-sach-de-nghi.pdf');
  await hp.pdf({ path: proposalsPdf, format: 'A4', printBackground: true });
  const proposals = await python('pdf_text.py', proposalsPdf);
  assert.ok(norm(proposals.layout.join('\n')).includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'the proposals PDF has the national heading');
  const pt = squash(proposals.text.join(''));
  inOrder(pt, [
    'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
    `I. ${AWARD.gov_flag} (cơ cấu: 1 đơn vị)`, '1 UBND phường Hà Cầu 960 1',
    `II. ${AWARD.city_flag} (cơ cấu: 2 đơn vị)`, '1 UBND phường Kiến Hưng 950 3',
    `III. ${AWARD.certificate} (cơ cấu: 3 đơn vị)`,
    '1 UBND phường Phú La 940 4', '2 UBND phường Văn Quán 915,5 6', '3 UBND phường Vạn Phúc 899 7',
    'Đơn vị chưa xét hoặc không xem xét khen thưởng',
  ].map(squash), 'the proposals PDF');
  const heldAt = pt.indexOf(squash('Đơn vị chưa xét hoặc không xem xét khen thưởng'));
  const [proposed, held] = [pt.slice(0, heldAt), pt.slice(heldAt)];
  assert.ok(held.includes(squash('UBND phường Phúc La: Chưa xét khen thưởng')), 'Phúc La is listed as deferred');
  assert.ok(held.includes(squash('UBND phường Mộ Lao: Không xem xét khen thưởng')), 'Mộ Lao is listed as excluded');
  assert.ok(!pt.includes(squash('La Khê')), 'La Khê (no award) is not in the proposals');
  assert.ok(!proposed.includes(squash('Phúc La')) && !proposed.includes(squash('Mộ Lao')), 'no deferred or excluded unit is proposed');

  // The .xlsx, read by openpyxl.
  await goto(hp, 'binh-xet');
  const xlsx = await download(hp, hp.getByTestId('export-xlsx'), 'xlsx');
  assert.equal(xlsx.name, '2025_cum-3_bang-diem.xlsx');
  const book = await python('read_xlsx.py', xlsx.path);
  assert.deepEqual(book.sheets.map((s) => s.name), ['Kết quả', 'Bảng điểm']);
  const [results, scores] = book.sheets.map((s) => s.rows);
  // Headings stay in view and print on every page; the wide score sheet keeps the code and
  // criterion columns in view and prints on A4 landscape, as wide as the page (issue 17, item 11).
  const [resultsSheet, scoresSheet] = book.sheets;
  assert.deepEqual([resultsSheet.freeze, resultsSheet.print_titles], ['A5', '$1:$4']);
  assert.deepEqual(resultsSheet.page, { paper: 9, orientation: null, fit_width: null });
  assert.deepEqual([scoresSheet.freeze, scoresSheet.print_titles], ['C5', '$1:$4']);
  assert.deepEqual(scoresSheet.page, { paper: 9, orientation: 'landscape', fit_width: 1 });
  assert.match(results[0][0], /^KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT THI ĐUA NĂM 2025/);
  assert.match(results[1][0], /\(hadong-2024\)$/);
  assert.ok(results[2].every((c) => c === null), 'row 3 is empty');
  assert.deepEqual(results[3], ['Hạng', 'Đơn vị', 'Điểm tự chấm', 'Điểm thẩm định', 'Kết quả bình xét']);
  const num = (s) => Number(s.replace(',', '.'));
  assert.deepEqual(results.slice(4), UNITS.map((u) => [u.rank, u.name, num(u.own), num(u.final), AWARD[u.outcome]]),
    'sheet 1 lists the units by rank, numbers as numbers');
  assert.match(scores[0][0], /^BẢNG ĐIỂM CHI TIẾT NĂM 2025/);
  const col = (id) => scores[2].indexOf(unit(id).name);
  const line = (label) => scores.find((r) => r[0] === label || r[1] === label);
  const [vq, vp, lk] = [col('phuong-van-quan'), col('phuong-van-phuc'), col('phuong-la-khe')];
  assert.ok(vq >= 3 && vp >= 3 && lk >= 3, 'sheet 2 has a column pair per unit');
  assert.deepEqual([scores[3][vq], scores[3][vq + 1]], ['Tự chấm', 'Thẩm định']);
  assert.deepEqual(line('I.1.a').slice(0, 3), ['I.1.a', 'Hoàn thành dự toán thu ngân sách nhà nước được Quận giao', 50]);
  assert.deepEqual([line('I.1.a')[vq], line('I.1.a')[vq + 1]], [50, 40], 'Văn Quán I.1.a: self 50, reviewed 40');
  assert.deepEqual([line('C.1')[vp], line('C.1')[vp + 1]], [null, 10], 'Vạn Phúc C.1: no self-score, 10 reviewed');
  assert.deepEqual([line('Điểm trừ (tính)')[vp], line('Điểm trừ (tính)')[vp + 1]], [0, 10]);
  assert.deepEqual([line('Điểm trừ (tính)')[lk], line('Điểm trừ (tính)')[lk + 1]], [2, 2]);
  assert.deepEqual([line('TỔNG ĐIỂM')[vq], line('TỔNG ĐIỂM')[vq + 1]], [925.5, 915.5]);
  assert.deepEqual([line('TỔNG ĐIỂM')[vp], line('TỔNG ĐIỂM')[vp + 1]], [909, 899]);
  const bonus = line('Điểm thưởng (tính)');
  assert.deepEqual([bonus[col('phuong-ha-cau')], bonus[col('phuong-ha-cau') + 1]], [10, 10]);
  assert.equal(scores.filter((r) => /^[IVC]|^B\./.test(r[0] ?? '') && typeof r[2] === 'number').length, 52, 'one row per criterion');

  // The signed review, sent to the members.
  const review = await download(hp, hp.getByTestId('send-review'), 'review');
  assert.equal(review.name, '2025_cum-3_tham-dinh_r1.thidua.json');
  assert.match(await text(hp.getByTestId('reviews-sent')), /2025_cum-3_tham-dinh_r1\.thidua\.json/);
  const sent = JSON.parse(review.content.toString('utf8'));
  assert.equal(sent.type, 'cluster-review');
  assert.deepEqual(sent.payload.quotas, QUOTAS);
  assert.deepEqual(head.errors, []);

  // A member (Vạn Phúc) on its own device: the set-up first, then the review.
  const member = await openApp(env);
  const mp = member.page;
  await mp.getByTestId('unit-select').selectOption('phuong-van-phuc');
  await goto(mp, 'ho-so');
  await mp.getByTestId('setup-file').setInputFiles(setup.path);
  await mp.getByTestId('setup-import').locator('.notice.ok').waitFor();
  await goto(mp, 'ket-qua-tham-dinh');
  await mp.getByTestId('review-file').setInputFiles(review.path);
  await mp.getByTestId('reviewed-own').waitFor();
  assert.equal(await text(mp.getByTestId('reviewed-own')), '909');
  assert.equal(await text(mp.getByTestId('reviewed-final')), '899');
  assert.match(norm(await text(mp.getByTestId('reviewed-outcome'))), /Bằng khen của Chủ tịch UBND Thành phố — xếp thứ 7\/8\./);
  const cells = async (code) => (await mp.locator(`[data-testid="reviewed-table"] tr[data-code="${code}"] td`).allInnerTexts()).map((s) => s.trim());
  const memberC1 = await cells('C.1');
  assert.deepEqual(memberC1.slice(1, 3), ['', '−10'], 'C.1: own nothing, reviewed a deduction of 10');
  assert.match(memberC1[3], /Theo 1 văn bản: số 125\/UBND-VP ngày 15\/10\/2025\./);
  assert.deepEqual((await cells('I.1.a')).slice(1), ['50', '50', '']);
  await mp.locator('[data-testid="reviewed-table"] tr[data-code="C.1"]').scrollIntoViewIfNeeded();
  await shot(mp, 'member-reviewed');
  // The same review seen as Văn Quán (the demo lets one device act for several units).
  await mp.getByTestId('unit-select').selectOption('phuong-van-quan');
  await waitText(mp.getByTestId('reviewed-own'), '925,5');
  assert.equal(await text(mp.getByTestId('reviewed-final')), '915,5');
  assert.match(norm(await text(mp.getByTestId('reviewed-outcome'))), /Bằng khen của Chủ tịch UBND Thành phố — xếp thứ 6\/8\./);
  assert.deepEqual(await cells('I.1.a'), [
    'I.1.a Hoàn thành dự toán thu ngân sách nhà nước được Quận giao', '50', '40', REASON]);
  await mp.getByTestId('unit-select').selectOption('phuong-van-phuc');
  await waitText(mp.getByTestId('reviewed-own'), '909');

  // A tampered copy (one digit of a score changed after signing) is refused; nothing changes.
  const body = review.content.toString('utf8');
  const at = body.indexOf('"points": 500');
  assert.ok(at > 0, 'the review has a score of 50 points');
  const tampered = join(OUT, 'review', 'tampered.thidua.json');
  await writeFile(tampered, `${body.slice(0, at)}"points": 400${body.slice(at + '"points": 500'.length)}`);
  const storedBefore = await stored(mp);
  await mp.getByTestId('review-file').setInputFiles(tampered);
  await mp.getByTestId('reviewed').locator('.notice.error').waitFor();
  assert.match(await text(mp.getByTestId('reviewed').locator('.notice.error')), /Chữ ký không hợp lệ: tệp đã bị sửa sau khi ký/);
  assert.equal(await stored(mp), storedBefore, 'the stored workspace is unchanged');
  assert.equal(await text(mp.getByTestId('reviewed-final')), '899');
  await mp.getByTestId('reviewed').locator('.notice.error').scrollIntoViewIfNeeded();
  await shot(mp, 'member-tampered');
  assert.deepEqual(member.errors, []);
  await member.context.close();
  await head.context.close();
});
