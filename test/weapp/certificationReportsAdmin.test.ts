/**
 * 认证统计和名单导出 in the compiled weapp, as the admin, against the emulator: whole numbers
 * only after a purpose and a second step on the page (and then audited, and in the file);
 * 今天的自动任务 — nothing yet, 现在运行一次 after a second step, the run in plain words, and
 * the statistics then dated by that run. (The staff member's part: certificationReports.test.ts.)
 */
import type { AuditRecord, Page } from '../../contract/accounts';
import type { CertificationStats, SchedulerRun, StatsRow } from '../../contract/certificationReports';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { phoneFiles, readSheet, waitUntil } from './phoneFiles';
import { startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const roster = generateDemoData({ scale: 'demo' }).roster;
const phone = phoneFiles();
let cloud: LocalCloud;
let wx: WeappHarness;
let adminToken = '';

beforeAll(async () => {
  process.env.EMULATOR_TIMERS = 'off'; // the 02:00 timer must not run on its own during the test
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00` } });
  adminToken = await cloud.tokenFor('admin');
  wx = startWeapp({ cloudUrl: cloud.url, token: adminToken, phoneApis: phone.apis });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  phone.cleanUp();
});

const callsOf = (name: string, action: string) => wx.cloudCalls.filter((c) => c.name === name && c.data.action === action);
const rowText = (el: any) =>
  el?.dom ? Array.from(el.dom.children as ArrayLike<Element>, (cell) => (cell.textContent ?? '').trim()).join(' ') : undefined;
const pct = (n: number) => `${n.toFixed(2)}%`;
const progressCells = (name: string, r: StatsRow) =>
  [name, r.due, r.certified, pct(r.dataSharePercent), r.dueSoon, r.overdue, r.suspended, r.restored, r.never].join(' ');

async function reportsPage() {
  const page = await wx.renderPage('pages/staff/certification/index');
  await page.waitForText((t) => t.includes('认证情况（按街道）') && t.includes('生成文件') && t.includes('今天的自动任务'));
  return page;
}

test('whole numbers need a purpose and a second step; the export is audited and the file has them', async () => {
  const page = await reportsPage();
  await page.tap('export-numbers-whole');
  await page.waitForText('为什么要导出完整号码');
  await page.tap('export-create');
  await page.waitForText('请选择导出原因');
  await page.tap('export-purpose-certification');
  await page.tap('export-create');
  await page.waitForText('确定导出完整号码吗？');
  expect(callsOf('certification', 'export.create')).toHaveLength(0);
  await page.tap('export-whole-confirm');
  await page.waitForText('含完整号码');
  expect(callsOf('certification', 'export.create')).toHaveLength(1);
  expect(callsOf('certification', 'export.create')[0].data).toMatchObject({ list: 'certified', whole: true, purpose: 'certification' });

  await page.tap('export-download');
  await waitUntil(() => phone.opened.length === 1, 'the phone to open the file');
  const ids = readSheet(phone.opened[0].filePath)
    .slice(1)
    .map((row) => row[1]);
  expect(ids.length).toBeGreaterThan(0);
  expect(roster.map((r) => r.idNumber)).toEqual(expect.arrayContaining(ids));
  const audit = (await cloud.callFunction('account', { action: 'audit.search', kind: 'export.whole', page: 1 }, adminToken))
    .data as Page<AuditRecord>;
  expect(audit.items.find((r) => r.action === 'export.whole')?.detail).toMatchObject({ purpose: 'certification', rows: ids.length });
});

test('今天的自动任务: nothing yet; 现在运行一次 after a second step; the run in words, and the statistics dated by it', async () => {
  const page = await reportsPage();
  await page.waitForText('自动任务还没有运行过。它每天凌晨2点自动运行');
  expect(page.text()).toContain('自动任务还没有运行过：即将到期、已过期');
  await page.tap('scheduler-run');
  await page.waitForText('现在运行一次今天的自动任务吗？');
  expect(callsOf('scheduler', 'daily.run')).toHaveLength(0);
  await page.tap('scheduler-run-confirm');
  await page.waitForText('运行完了', 60_000);
  expect(callsOf('scheduler', 'daily.run')).toHaveLength(1);

  const [run] = (await cloud.callFunction('scheduler', { action: 'daily.last' }, adminToken)).data as SchedulerRun[];
  expect(run).toMatchObject({ day: DEFAULT_TODAY, status: 'done', trigger: 'admin' });
  expect(run.counts.scanned).toBe(roster.length);
  const latest = await page.waitForText((t) => t.includes('2026年11月23日：已完成（管理员点了运行'));
  expect(latest).toContain(`查看了 ${run.counts.scanned} 人，认证状态有变化的 ${run.counts.stateChanged} 人`);
  expect(latest).toContain(`这一天列入暂停发放 ${run.counts.suspended} 人，恢复发放 ${run.counts.restored} 人`);
  expect(latest).toContain(`到期提醒 ${run.counts.remindersQueued} 条：发出 ${run.counts.sent} 条`);

  // The states in the tables now come from this run, and say so.
  await page.waitForText('是2026年11月23日的自动任务算出的');
  const after = (await cloud.callFunction('certification', { action: 'stats.get' }, adminToken)).data as CertificationStats;
  expect(after.statesAsOf).toBe(DEFAULT_TODAY);
  expect(after.totals.suspended).toBe(run.counts.suspended);
  expect(rowText(page.byId('stats-table-row-total'))).toBe(progressCells('合计', after.totals));
}, 90_000);
