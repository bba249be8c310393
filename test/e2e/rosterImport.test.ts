/**
 * End to end, in Chromium: a district staff member imports the demo district's roster
 * (36,558 people, the source article's figure) in the browser and watches it finish.
 * The file has a few broken rows added, so the error list and report are seen too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { csvLine, ROSTER_CSV_HEADER, rosterCsvLine } from '../../emulator/seed/csv';
import { generateRoster, SCALES } from '../../emulator/seed/generate';
import { drawnFontSizes, type Journey, shown, startJourney } from './support/journey';

const ROWS = SCALES.district;
const DEMO_ROWS = SCALES.demo; // already on the roster from the demo seed: unchanged
const LONG_WAIT = 240_000;
let journey: Journey;
let file: string;

beforeAll(async () => {
  journey = await startJourney('import');
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-')), '海沧区退休人员名单.csv');
  const out = fs.createWriteStream(file);
  out.write(`\ufeff${csvLine([...ROSTER_CSV_HEADER])}`);
  for (const r of generateRoster(ROWS)) out.write(rosterCsvLine(r));
  // Two broken rows at the end: a wrong check digit, and a street not in the district.
  const [a, b] = [...generateRoster(ROWS + 2)].slice(ROWS);
  out.write(rosterCsvLine({ ...a, idNumber: `${a.idNumber.slice(0, 17)}${a.idNumber[17] === '1' ? '2' : '1'}` }));
  out.write(rosterCsvLine({ ...b, street: '外区街道' }));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}, 120_000);

afterAll(async () => {
  await journey?.close();
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}, 30_000);

test(`staff import the district roster (${ROWS.toLocaleString('en')} people) and watch it finish`, async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'staff'));

  await journey.step(tab, 'open-import', async () => {
    await shown(page, '#entry-staff-import').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/staff/import/index'));
    await shown(page, '.page__title').filter({ hasText: '导入退休人员名单' }).waitFor();
    await shown(page, '#import-choose').waitFor();
  });

  await journey.step(tab, 'choose-file', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown(page, '#import-choose').click()]);
    await chooser.setFiles(file);
    await shown(page, '#import-picked').filter({ hasText: '海沧区退休人员名单.csv' }).waitFor();
    await journey.shoot(page, 'import-01-chosen.png');
  });

  await journey.step(tab, 'watch-progress', async () => {
    await shown(page, '#import-start').click();
    await shown(page, '#import-progress-text').filter({ hasText: '正在导入' }).waitFor({ timeout: LONG_WAIT });
    // Checking came first: the two broken rows are announced before writing starts.
    await shown(page, '#import-invalid-note').filter({ hasText: '2 行有问题' }).waitFor();
    await journey.shoot(page, 'import-02-progress.png');
  });

  await journey.step(tab, 'finished', async () => {
    await shown(page, '#import-summary').filter({ hasText: '导入完成' }).waitFor({ timeout: LONG_WAIT });
    const figure = async (id: string) => Number((await shown(page, `#${id} .roster-import__figure-value`).textContent())?.trim());
    expect(await figure('import-total')).toBe(ROWS + 2);
    expect(await figure('import-inserted')).toBe(ROWS - DEMO_ROWS);
    expect(await figure('import-unchanged')).toBe(DEMO_ROWS);
    expect(await figure('import-invalid')).toBe(2);
    await shown(page, '.roster-import__error')
      .filter({ hasText: `第${ROWS + 2}行「身份证号」` })
      .waitFor();
    await shown(page, '.roster-import__error')
      .filter({ hasText: `第${ROWS + 3}行「街道」` })
      .waitFor();
    await shown(page, '#import-report').waitFor();
    await journey.shoot(page, 'import-03-finished.png');
    const sizes = await drawnFontSizes(
      page,
      '.roster-import__summary .roster-import__text, .roster-import__error, .roster-import__figure-label',
    );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  });

  // What the people counted on the page are: the whole district is on the roster, once each.
  Object.assign(process.env, journey.cloud.env);
  const db = tcb.init({ env: 'local-dev', serviceUrl: journey.cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  expect((await db.collection('retirees').count()).total).toBe(ROWS);
}, 600_000);
