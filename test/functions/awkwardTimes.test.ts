import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * The clock at awkward moments. Each day is asked at noon (Asia/Shanghai) and then again at
 * 00:00:00 and 07:59:59 (when it is still the day before in UTC) and at 23:59:59 (the last
 * second of the day): the same data must give the same answers — the retiree's certification
 * state and due day, the week of events shown, and the district's certification figures. The
 * days: the last day of a person's cycle (31 December, certified on 31 December last year),
 * 29 February (certified on 28 February last year: due the 28th, so overdue on the 29th), and
 * a Monday (a week that starts in Shanghai before it starts in UTC). One second after the last
 * day of the cycle, the person is overdue.
 *
 * One emulator folder, seeded once; each moment is the functions' clock (`APP_NOW`) of a restart.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-clock-'));
let cloud: LocalCloud | null = null;
let retireeId = '';

async function at(moment: string): Promise<LocalCloud> {
  await cloud?.stop({ keepData: true });
  cloud = await startLocalCloud({ dataDir, seed: false, functionEnv: { APP_NOW: moment } });
  return cloud;
}

async function setLastCertified(day: string) {
  const c = cloud as LocalCloud;
  const db = tcb.init({ env: 'local-dev', serviceUrl: c.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  await db.collection('retirees').doc(retireeId).update({ lastCertifiedAt: day, suspendedAt: null, restoredAt: null });
}

/** What the people and staff are told at this moment (read-only calls). */
async function answers(c: LocalCloud) {
  const retiree = await c.tokenFor('retiree');
  const admin = await c.tokenFor('admin');
  const status = await c.callFunction('certification', { action: 'status.mine' }, retiree);
  const week = await c.callFunction('events', { action: 'event.week' }, retiree);
  const stats = await c.callFunction('certification', { action: 'stats.get' }, admin);
  for (const r of [status, week, stats]) expect(r.ok).toBe(true);
  const self = status.data.self;
  return {
    state: self.state,
    due: self.due,
    headline: self.headline,
    week: { monday: week.data.monday, sunday: week.data.sunday, dates: week.data.occurrences.map((o: any) => `${o.date} ${o.start}`) },
    stats: stats.data,
  };
}

beforeAll(async () => {
  const first = await startLocalCloud({ dataDir, seed: true });
  Object.assign(process.env, localSdkEnv(first.adminUrl));
  const me = await first.callFunction('account', { action: 'me.get' }, await first.tokenFor('retiree'));
  retireeId = me.data.retiree.id;
  cloud = first;
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const TIMES = ['00:00:00', '07:59:59', '23:59:59'];

test.each([
  { day: '2026-12-31', last: '2025-12-31', state: 'due_soon', due: '2026-12-31', monday: '2026-12-28', sunday: '2027-01-03' },
  { day: '2028-02-29', last: '2027-02-28', state: 'overdue', due: '2028-02-28', monday: '2028-02-28', sunday: '2028-03-05' },
  { day: '2027-03-01', last: '2026-03-01', state: 'due_soon', due: '2027-03-01', monday: '2027-03-01', sunday: '2027-03-07' },
])(
  '$day: midnight, 07:59:59 and 23:59:59 give the answers of noon',
  async ({ day, last, state, due, monday, sunday }) => {
    await at(`${day}T12:00:00+08:00`);
    await setLastCertified(last);
    const noon = await answers(cloud as LocalCloud);
    expect(noon).toMatchObject({ state, due, week: { monday, sunday } });
    for (const time of TIMES) {
      const then = await answers(await at(`${day}T${time}+08:00`));
      expect({ time, ...then }).toEqual({ time, ...noon });
    }
  },
  90_000,
);

test('one second after the last day of the cycle the person is overdue', async () => {
  await at('2026-12-31T23:59:59+08:00');
  await setLastCertified('2025-12-31');
  expect((await answers(cloud as LocalCloud)).state).toBe('due_soon');
  const after = await answers(await at('2027-01-01T00:00:00+08:00'));
  expect(after).toMatchObject({ state: 'overdue', due: '2026-12-31', week: { monday: '2026-12-28', sunday: '2027-01-03' } });
}, 60_000);
