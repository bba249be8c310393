/**
 * 认证统计和名单导出 in the compiled weapp, as the district's staff member, against the
 * emulator: the entry on the home page; the statistics as tables holding the server's figures
 * (one row per street and a total, the data share as a percentage, the date the states come
 * from); one street chosen; a masked Excel export downloaded and opened on the phone, and a
 * CSV offered to a chat (WeChat's viewer cannot show CSV). The admin's part (whole numbers,
 * 今天的自动任务) is in certificationReportsAdmin.test.ts: the app keeps who is signed in.
 */
import tcb from '@cloudbase/node-sdk';
import { STREETS } from '../../contract/accounts';
import type { CertificationStats, StatsRow } from '../../contract/certificationReports';
import { EVIDENCE_COLUMNS } from '../../contract/comparison';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { csvLine } from '../../emulator/seed/csv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { phoneFiles, readSheet, waitUntil } from './phoneFiles';
import { startWeapp, type WeappHarness } from './simulate';

/** The element's DOM node; fails plainly when the element is not on the page. */
const domOf = (el: { dom?: unknown } | undefined): HTMLElement => {
  if (!el?.dom) throw new Error('element not on the page');
  return el.dom as HTMLElement;
};

installFetchIfMissing();

const roster = generateDemoData({ scale: 'demo' }).roster;
const phone = phoneFiles();
let cloud: LocalCloud;
let wx: WeappHarness;
let staffToken = '';

beforeAll(async () => {
  process.env.EMULATOR_TIMERS = 'off'; // the 02:00 timer must not run on its own during the test
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00` } });
  staffToken = await cloud.tokenFor('staff');
  // One person certified by data comparison (a strong record), so the data share is not zero.
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  const app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
  const csv = `\ufeff${csvLine([...EVIDENCE_COLUMNS])}${csvLine([roster[11].idNumber, roster[11].name, '医保结算', '2026-11-20'])}`;
  const { fileID } = (await app.uploadFile({ cloudPath: 'test-uploads/stats-evidence.csv', fileContent: Buffer.from(csv) } as any)) as {
    fileID: string;
  };
  const start = { action: 'match.start', fileId: fileID, fileName: '医保.csv', requestId: 'weapp-stats-match-1' };
  let job = (await cloud.callFunction('comparison', start, staffToken)).data;
  while (job.phase !== 'done') job = (await cloud.callFunction('comparison', { action: 'match.run', jobId: job.id }, staffToken)).data;
  expect(job.counts.certified).toBe(1);
  wx = startWeapp({ cloudUrl: cloud.url, token: staffToken, phoneApis: phone.apis });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  phone.cleanUp();
});

const certificationCalls = (action: string) => wx.cloudCalls.filter((c) => c.name === 'certification' && c.data.action === action);
const stats = async (street?: string): Promise<CertificationStats> =>
  (await cloud.callFunction('certification', { action: 'stats.get', ...(street ? { street } : {}) }, staffToken)).data;
const textOf = (el: any) => (el?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A table row's cells, each as its text, joined by one space. */
const rowText = (el: any) =>
  el?.dom ? Array.from(el.dom.children as ArrayLike<Element>, (cell) => (cell.textContent ?? '').trim()).join(' ') : undefined;
const pct = (n: number) => `${n.toFixed(2)}%`;
const progressCells = (name: string, r: StatsRow) =>
  [name, r.due, r.certified, pct(r.dataSharePercent), r.dueSoon, r.overdue, r.suspended, r.restored, r.never].join(' ');
const methodCells = (name: string, r: StatsRow) => {
  const m = r.byMethod;
  return [name, m.data, m.face, m.family_face, m.onsite, m.home_visit, m.imported, r.certified].join(' ');
};

async function reportsPage() {
  const page = await wx.renderPage('pages/staff/certification/index');
  await page.waitForText((t) => t.includes('认证情况（按街道）') && t.includes('生成文件'));
  return page;
}

test('the home page has the entry, and it leads to the page', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('认证统计和名单导出');
  wx.navigateTo.mockClear();
  await home.tap('entry-staff-cert-stats');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/staff/certification/index' }));
});

test('the statistics are the server’s figures: one row per street and a total, the data share as a percentage', async () => {
  const expected = await stats();
  expect(expected.totals.due).toBeGreaterThan(0);
  expect(expected.totals.byMethod.data).toBe(1);
  expect(expected.totals.dataSharePercent).toBeGreaterThan(0);
  const page = await reportsPage();
  const text = page.text();
  expect(text).toContain(expected.cycle.words);
  expect(text).toContain(`应认证 ${expected.totals.due} 人，已认证 ${expected.totals.certified} 人`);
  expect(text).toContain(`占 ${pct(expected.totals.dataSharePercent)}`);
  // The daily job has not run yet: the page says the states are not to be trusted.
  expect(textOf(page.byId('stats-as-of'))).toContain('自动任务还没有运行过');
  expect(expected.byStreet.map((r) => r.street)).toEqual([...STREETS]);
  for (const [i, row] of expected.byStreet.entries()) {
    expect(rowText(page.byId(`stats-table-row-${i}`))).toBe(progressCells(row.street, row));
    expect(rowText(page.byId(`stats-methods-row-${i}`))).toBe(methodCells(row.street, row));
  }
  expect(rowText(page.byId('stats-table-row-total'))).toBe(progressCells('合计', expected.totals));
  expect(rowText(page.byId('stats-methods-row-total'))).toBe(methodCells('合计', expected.totals));
  // Staff do not choose whole numbers, and the daily job is the admin's.
  expect(page.byId('export-numbers')).toBeUndefined();
  expect(page.byId('scheduler-run')).toBeUndefined();
});

test('a tap on a column header sorts the streets by it, a second tap the other way; the total stays last', async () => {
  const expected = await stats();
  const page = await reportsPage();
  const order = () =>
    Array.from(domOf(page.byId('stats-table')).children as ArrayLike<Element>)
      .slice(1)
      .map((row) => (row.children[0]?.textContent ?? '').trim());
  const streets = expected.byStreet.map((r) => r.street);
  expect(order()).toEqual([...streets, '合计']);
  // By 已认证 (the third header: 街道, 本期应认证, 已认证): most first, ties in the district's order.
  const byCertified = (dir: 1 | -1) =>
    expected.byStreet
      .map((r, at) => ({ r, at }))
      .sort((a, b) => dir * (a.r.certified - b.r.certified) || a.at - b.at)
      .map(({ r }) => r.street);
  await page.tap('stats-table-sort-2');
  await page.waitForText('按「已认证」从多到少排列');
  expect(order()).toEqual([...byCertified(-1), '合计']);
  await page.tap('stats-table-sort-2');
  await page.waitForText('按「已认证」从少到多排列');
  expect(order()).toEqual([...byCertified(1), '合计']);
  // Each row still reads its own figures.
  const first = expected.byStreet.find((r) => r.street === order()[0]);
  const key = streets.indexOf(order()[0]);
  expect(rowText(page.byId(`stats-table-row-${key}`))).toBe(progressCells(first?.street ?? '', first as StatsRow));
  // The names sort too; the other table keeps its own order.
  await page.tap('stats-table-sort-0');
  await page.waitForText('按「街道」顺序排列');
  expect(order()).toEqual([...[...streets].sort((a, b) => a.localeCompare(b, 'zh-CN')), '合计']);
  const methods = Array.from(domOf(page.byId('stats-methods')).children as ArrayLike<Element>)
    .slice(1)
    .map((row) => (row.children[0]?.textContent ?? '').trim());
  expect(methods).toEqual([...streets, '合计']);
});

test('choosing one street narrows the statistics to it', async () => {
  const page = await reportsPage();
  await page.tap('stats-street-1'); // 新阳街道
  await page.waitForText(
    (t) => t.includes('认证情况') && !t.includes('海沧街道 ') && !!page.byId('stats-table-row-1') && !page.byId('stats-table-row-0'),
  );
  expect(certificationCalls('stats.get').at(-1)?.data).toEqual({ action: 'stats.get', street: '新阳街道' });
  const one = await stats('新阳街道');
  expect(rowText(page.byId('stats-table-row-1'))).toBe(progressCells('新阳街道', one.byStreet[0]));
  expect(page.byId('stats-table-row-total')).toBeUndefined();
});

test('a masked Excel export: the file is downloaded and opened on the phone, every number masked', async () => {
  const page = await reportsPage();
  await page.tap('export-create'); // 本期已认证名单, Excel: the defaults
  await page.waitForText('已生成「本周期已认证名单');
  const [call] = certificationCalls('export.create');
  expect(call.data).toMatchObject({ list: 'certified', format: 'xlsx', whole: false });
  expect(call.data.purpose).toBeUndefined();
  expect(page.text()).toContain('号码已打码');

  await page.tap('export-download');
  await waitUntil(() => phone.opened.length === 1, 'the phone to open the file');
  expect(phone.downloads[0].status).toBe(200);
  expect(phone.opened[0].fileType).toBe('xlsx');
  const sheet = readSheet(phone.opened[0].filePath);
  expect(sheet[0]).toEqual(expect.arrayContaining(['姓名', '身份证号', '手机号', '街道']));
  const ids = sheet.slice(1).map((row) => row[1]);
  expect(ids.length).toBe(Number(/共 (\d+) 人/.exec(page.text())?.[1]));
  expect(ids.length).toBe((await stats()).totals.certified);
  for (const id of ids) expect(id).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
});

test('a CSV, which WeChat’s viewer cannot show, is offered to a chat instead', async () => {
  const page = await reportsPage();
  await page.tap('export-list-suspended');
  await page.tap('export-format-csv');
  await page.tap('export-create');
  await page.waitForText('已生成「暂停发放名单');
  await page.tap('export-download');
  await waitUntil(() => phone.shared.length === 1, 'the phone to offer the file to a chat');
  expect(phone.shared[0].fileName).toBe(`暂停发放名单-${DEFAULT_TODAY}.csv`);
  const fs = await import('node:fs');
  expect(fs.readFileSync(phone.shared[0].filePath, 'utf8').startsWith('\ufeff姓名,身份证号')).toBe(true);
  expect(phone.opened).toHaveLength(1); // only the Excel file before
});
