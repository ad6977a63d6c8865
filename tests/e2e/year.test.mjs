// Issue 5 end to end: a whole cluster year on the demo data, then the council.
//
// The head (the demo's head unit, UBND phường Hà Cầu) imports the eight signed self-scores of the
// review scenario (examples/review_scenario.rs), registers an emulation model, and holds the
// year's three meetings: the compact signing (everyone present, a decision recorded, minutes
// closed), the mid-year review without its quorum (5 of 8 present where 2/3 of 8 rounded up is
// 6: the decision is refused with the reason and nothing is stored), and the year-end meeting,
// at which next year's head and deputy are recorded from the rotation suggestion. The minutes
// and the 6-month report are printed (their text read from the page), the annual report is
// downloaded as a Word file (.docx; its contents are checked in real_cluster.test.mjs), and the signed cluster result is sent to the council. Then
// "start next year" makes 2026 with the new head and deputy and keeps 2025 read-only.
// Last, the council office (a fresh browser) imports the result of this cluster and of a second
// one (examples/council_scenario.rs), sees both and which clusters have not reported, and a
// tampered result is refused.
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
const OUT = join(SHOTS, 'year');

const HEAD = 'phuong-ha-cau';
const UNITS = [
  'phuong-ha-cau', 'phuong-kien-hung', 'phuong-phu-la', 'phuong-van-phuc',
  'phuong-van-quan', 'phuong-mo-lao', 'phuong-la-khe', 'phuong-phuc-la',
];

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const download = (page, locator, folder) => downloadTo(join(OUT, folder), page, locator);
const waitNorm = (loc, want) => waitText(loc, want, { normalize: true });

/** Plans a meeting and opens it in the editor; returns its id. */
async function plan(page, kind, date, time, id) {
  await page.getByTestId('plan-kind').selectOption(kind);
  await page.getByTestId('plan-date').fill(date);
  await page.getByTestId('plan-time').fill(time);
  await page.getByTestId('plan-submit').click();
  await page.getByTestId(`meeting-${id}`).waitFor();
  await page.getByTestId(`meeting-${id}`).click();
  await page.getByTestId('meeting-editor').waitFor();
  await page.getByTestId('meeting-place').fill('Hội trường UBND phường Hà Cầu');
  await page.getByTestId('chair-name').fill('Nguyễn Văn An');
  await page.getByTestId('chair-position').fill('Chủ tịch UBND phường Hà Cầu');
  await page.getByTestId('secretary-name').fill('Trần Thị Bình');
  await page.getByTestId('secretary-position').fill('Công chức Văn phòng - Thống kê');
  await page.getByTestId('meeting-content').fill(`Nội dung cuộc họp ${id}`);
  await page.getByTestId('meeting-save').click();
}

/** The first `present` units present (with a representative), the others absent, excused. */
async function attend(page, present) {
  for (const [i, unit] of UNITS.entries()) {
    const status = i < present ? 'present' : 'absent_excused';
    await page.getByTestId(`attend-${unit}`).selectOption(status);
    if (status === 'present') await page.getByTestId(`rep-${unit}`).fill(`Đại diện ${i + 1}`);
  }
}

async function decide(page, words) {
  await page.getByTestId('decision-text').fill(words);
  await page.getByTestId('decision-add').click();
}

async function close(page, time) {
  await page.getByTestId('closing-time').fill(time);
  await page.getByTestId('meeting-close').click();
  await page.getByTestId('meeting-reopen').waitFor();
}

test('issue 5: a cluster year with three meetings, rotation, roll-over and the council', async () => {
  await rm(OUT, { recursive: true, force: true });
  const bundles = join(OUT, 'bundles');
  const { stdout } = await run('cargo', ['run', '--quiet', '--example', 'review_scenario', '--', bundles], { cwd: ROOT, maxBuffer: 1 << 20 });
  const made = stdout.trim().split('\n').map((l) => join(bundles, l.split('\t')[0]));
  assert.equal(made.length, 8);
  const other = join(OUT, 'other');
  const { stdout: otherOut } = await run('cargo', ['run', '--quiet', '--example', 'council_scenario', '--', other], { cwd: ROOT, maxBuffer: 1 << 20 });
  const otherFile = join(other, otherOut.trim().split('\n')[0]);

  const head = await openApp(env);
  const hp = head.page;
  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles(made);
  const imported = hp.getByTestId('import-report').locator('tbody tr');
  await imported.nth(7).waitFor();

  // A registered emulation model (seed 001 §A.II.2.b), in the head's consolidated list.
  await goto(hp, 'dang-ky');
  await hp.getByTestId('reg-title').fill('Dân vận khéo trong cải cách hành chính');
  await hp.getByTestId('reg-date').fill('2025-01-15');
  await hp.getByTestId('reg-add').click();
  await waitNorm(hp.getByTestId('reg-list'), /Dân vận khéo trong cải cách hành chính/);

  // Meeting 1: the compact, in the first quarter, everyone present.
  await goto(hp, 'cuoc-hop');
  await plan(hp, 'compact', '2025-02-20', '08:00', 'ky-giao-uoc-1');
  await attend(hp, 8);
  await waitNorm(hp.getByTestId('quorum'), /8\/8/);
  assert.equal(await hp.getByTestId('quorum').locator('[data-quorum]').getAttribute('data-quorum'), 'met');
  await decide(hp, 'Các đơn vị ký kết giao ước thi đua năm 2025.');
  await waitNorm(hp.getByTestId('decision-list'), /ký kết giao ước thi đua năm 2025/);
  await close(hp, '11:00');

  // Meeting 2: the mid-year review with 5 of 8 present: no quorum, the decision is refused.
  await plan(hp, 'mid_year', '2025-07-10', '08:00', 'so-ket-1');
  await attend(hp, 5);
  await waitNorm(hp.getByTestId('quorum'), /5\/8/);
  assert.equal(await hp.getByTestId('quorum').locator('[data-quorum]').getAttribute('data-quorum'), 'not-met');
  const quorumLine = norm(await text(hp.getByTestId('quorum')));
  assert.match(quorumLine, /6/, 'the quorum line names the 6 members needed');
  assert.match(quorumLine, /2\/3/, 'the quorum line states the 2/3 rule');
  await shot(hp, 'year-no-quorum');
  const beforeRefusal = await stored(hp);
  await decide(hp, 'Thông qua báo cáo sơ kết 6 tháng.');
  await waitNorm(hp.getByTestId('meeting-notice'), /2\/3/);
  assert.equal(await stored(hp), beforeRefusal, 'a refused decision stores nothing');
  await close(hp, '10:00');
  const midYear = JSON.parse(await stored(hp)).meetings.find((m) => m.id === 'so-ket-1');
  assert.equal(midYear.decisions.length, 0);

  // The calendar: the compact done, the mid-year review late (it was not held).
  const calendar = hp.getByTestId('calendar');
  assert.equal(await calendar.locator('tr[data-deadline="compact"]').getAttribute('data-status'), 'done');
  assert.equal(await calendar.locator('tr[data-deadline="mid-year"]').getAttribute('data-status'), 'late');

  // Meeting 3: the year-end meeting, everyone present; next year's head and deputy.
  await plan(hp, 'year_end', '2025-12-20', '08:00', 'tong-ket-1');
  await attend(hp, 8);
  await decide(hp, 'Thống nhất kết quả chấm điểm, bình xét thi đua năm 2025.');
  await goto(hp, 'nhiem-ky');
  const suggestion = hp.getByTestId('rotation-suggestion');
  await suggestion.waitFor();
  assert.match(norm(await text(suggestion)), /A\.I\.2/, 'the suggestion cites its clause');
  await hp.getByTestId('next-meeting').selectOption('tong-ket-1');
  const newHead = await hp.getByTestId('next-head').inputValue();
  const newDeputy = await hp.getByTestId('next-deputy').inputValue();
  assert.ok(newHead && newDeputy && newHead !== HEAD && newHead !== newDeputy, `suggested ${newHead}, ${newDeputy}`);
  await hp.getByTestId('next-record').click();
  await waitNorm(hp.getByTestId('next-term'), /2026/);
  await goto(hp, 'cuoc-hop');
  await hp.getByTestId('meeting-tong-ket-1').click();
  await close(hp, '11:30');

  // The year-end minutes, printed.
  await hp.getByTestId('print-minutes').click();
  const minutes = norm(await text(hp.getByTestId('doc')));
  assert.match(minutes, /BIÊN BẢN/);
  assert.match(minutes, /Cụm trưởng/);
  assert.match(minutes, /năm 2026/);
  assert.match(minutes, /Trần Thị Bình/);
  await shot(hp, 'year-minutes');

  // The 6-month report, and the annual one as a Word file.
  await goto(hp, 'bao-cao');
  await hp.getByTestId('report-half-print').click();
  const half = norm(await text(hp.getByTestId('doc')));
  assert.match(half, /BÁO CÁO/);
  assert.match(half, /sáu tháng đầu năm 2025/);
  assert.match(half, /Hội nghị sơ kết 6 tháng đầu năm .* 5\/8 Không tiến hành được: không đủ 2\/3 thành viên dự họp/);
  assert.match(half, /8\/8 đơn vị gửi kết quả tự chấm điểm/);
  await goto(hp, 'bao-cao');
  const annual = await download(hp, hp.getByTestId('report-year-docx'), 'reports');
  assert.equal(annual.name, '2025_cum-3_bao-cao-nam.docx');
  assert.equal(annual.content.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a Word file is a ZIP package');

  // The signed cluster result for the council.
  const result = await download(hp, hp.getByTestId('send-to-council-button'), 'council');
  assert.match(result.name, /^2025_cum-3_.*\.thidua\.json$/);
  const tampered = join(OUT, 'council', 'sua-doi.thidua.json');
  await writeFile(tampered, result.content.toString('utf8').replace('"phuong-kien-hung"', '"phuong-kien-hunq"'));

  // Start next year: 2026 with the recorded head and deputy; 2025 kept read-only.
  const before2026 = JSON.parse(await stored(hp));
  await goto(hp, 'nhiem-ky');
  await hp.getByTestId('start-next-year').click();
  await hp.getByTestId('confirm-next-year').click();
  await waitNorm(hp.locator('.cluster-line'), /Năm 2026/);
  const after2026 = JSON.parse(await stored(hp));
  assert.equal(after2026.cluster.year, 2026);
  assert.equal(after2026.cluster.head, newHead);
  assert.equal(after2026.cluster.deputy, newDeputy);
  assert.deepEqual(after2026.cluster.units, before2026.cluster.units);
  assert.equal(after2026.table.draft, true);
  assert.equal(after2026.past_years.length, 1);
  const kept = JSON.parse(after2026.past_years[0].text);
  assert.equal(kept.cluster.year, 2025);
  assert.equal(kept.meetings.length, 3);
  assert.deepEqual(kept.meetings, before2026.meetings, 'the old year is kept as it was');
  assert.deepEqual(head.errors, []);

  // The council office: two clusters' results and a tampered one.
  const council = await openApp(env);
  const cp = council.page;
  await goto(cp, 'hoi-dong');
  await cp.getByTestId('council-files').setInputFiles([result.path, otherFile, tampered]);
  const lines = cp.getByTestId('council-import').locator('tbody tr');
  await lines.nth(2).waitFor();
  assert.equal(await lines.nth(0).getAttribute('data-outcome'), 'accepted', await text(lines.nth(0)));
  assert.equal(await lines.nth(1).getAttribute('data-outcome'), 'accepted', await text(lines.nth(1)));
  assert.equal(await lines.nth(2).getAttribute('data-outcome'), 'refused', await text(lines.nth(2)));
  const overview = norm(await text(cp.getByTestId('council-overview')));
  assert.match(overview, /Cụm thi đua số 3/);
  assert.match(overview, /UBND phường Kiến Hưng/);
  assert.match(overview, /chưa báo cáo/i);
  await shot(cp, 'council-overview');

  // In English the outcomes read in English: the results carry them as data (format 2) and
  // the council's view renders them in the reader's language.
  await cp.locator('button[data-lang="en"]').click();
  await waitNorm(cp.getByTestId('council-overview'), /Clusters that have not reported/);
  const labels = await cp.getByTestId('council-overview').locator('[data-testid="outcome"]').allTextContents();
  assert.ok(labels.length > 0);
  for (const label of labels) assert.doesNotMatch(label, /khen|Cờ|Chưa|Không/, label);
  // The explanations, folded under each outcome, are English too.
  assert.match(norm(await cp.getByTestId('council-overview').evaluate((e) => e.textContent)), /final score [0-9.,]+, rank 1\./);
  assert.deepEqual(council.errors, []);
});
