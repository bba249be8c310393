import tcb from '@cloudbase/node-sdk';
import { hashPii, piiKeysFromEnv } from '../../cloudfunctions/_lib/pii';
import { rosterFields } from '../../cloudfunctions/_lib/retirees';
import { addMonths, certificationState, DEFAULT_RULES } from '../../contract/certification';
import { ROSTER_COLUMNS } from '../../contract/roster';
import { localFunctionEnv } from '../../emulator/localEnv';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { csvLine, rosterCsvLine } from '../../emulator/seed/csv';
import { DEFAULT_TODAY, generateDemoData, generateRoster } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * The daily scheduler through the functions host and the emulator, on the demo's "today"
 * (2026-11-23, UTC+8): states moved, overdue people suspended, people certified since their
 * suspension restored, reminders at the configured offsets to the retiree and their active
 * helpers (not an ended one), sent once per person even when run twice, and a run killed
 * with -9 half-way that completes once after a restart.
 */
const D = DEFAULT_TODAY;
const APP_NOW = `${D}T09:30:00+08:00`;
const TEMPLATE = 'LocalSandboxCertReminder-0000000000000000001';
const demo = generateDemoData({ scale: 'demo' });

let seq = 0;
const rid = () => `sched-${Date.now().toString(36)}-${seq++}`;
const dbOf = (cloud: LocalCloud) =>
  tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database() as any;
const all = async (db: any, col: string, where: Record<string, unknown> = {}) => {
  const out: any[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection(col).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    out.push(...data);
    if (data.length < 1000) return out;
  }
};
const outbox = async (cloud: LocalCloud, openid?: string) =>
  ((await (await fetch(`${cloud.url}/sandbox/wechat/outbox${openid ? `?openid=${openid}` : ''}`)).json()) as { messages: any[] }).messages;
const runNow = async (cloud: LocalCloud) => cloud.callFunction('scheduler', { action: 'daily.run' }, await cloud.tokenFor('admin'));
const retireeByIdNumber = async (db: any, idNumber: string) => {
  const keys = piiKeysFromEnv(localFunctionEnv());
  const { data } = await db
    .collection('retirees')
    .where({ idHash: hashPii(keys, 'id', idNumber) })
    .get();
  return data[0];
};

describe('one day', () => {
  let cloud: LocalCloud;
  let db: any;
  let app: any;
  const jobs: Record<string, { id: string; fileID: string }> = {};
  const stored = async (fileID: string) => (await app.getTempFileURL({ fileList: [fileID] })).fileList[0].code !== 'STORAGE_FILE_NONEXIST';
  const ids: Record<string, string> = {};
  let before: any[];

  beforeAll(async () => {
    cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
    Object.assign(process.env, localSdkEnv(cloud.adminUrl));
    app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
    db = dbOf(cloud);
    const _ = db.command;
    for (const [name, row] of [
      ['retiree', 0],
      ['overdue', 1],
      ['parent', 2],
      ['suspendedEarlier', 5],
      ['suspendedStill', 6],
    ] as const) {
      ids[name] = (await retireeByIdNumber(db, demo.roster[row].idNumber))._id;
    }
    // Due in 7 days (the retiree's own account will be told) and in 30 days (the parent's helpers).
    await db
      .collection('retirees')
      .doc(ids.retiree)
      .update({ lastCertifiedAt: addMonths('2026-11-30', -12) });
    await db
      .collection('retirees')
      .doc(ids.parent)
      .update({ lastCertifiedAt: addMonths('2026-12-23', -12) });
    // Suspended last month, certified since: to be restored. Suspended and still not certified: stays.
    await db.collection('retirees').doc(ids.suspendedEarlier).update({ suspendedAt: '2026-10-01', lastCertifiedAt: '2026-11-02' });
    await db.collection('retirees').doc(ids.suspendedStill).update({ suspendedAt: '2026-10-01', lastCertifiedAt: '2025-09-20' });

    // The parent has a second active helper who never granted a message, and a helper whose link ended (with a grant).
    const helperOf = async (openid: string, status: string) => {
      const { id } = await db
        .collection('users')
        .add({ identity: `wx:${openid}`, role: 'family', name: '帮手', streets: [], retireeId: null });
      await db.collection('family_links').add({
        pairKey: status === 'active' ? `${id}:${ids.parent}` : `closed:${openid}`,
        requestKey: `test:${openid}`,
        helperUserId: id,
        helperName: '帮手',
        retireeId: ids.parent,
        elderName: demo.roster[2].name,
        street: demo.roster[2].street,
        relation: '儿子',
        status,
        approvedBy: 'elder',
        note: null,
        createdAt: new Date(),
        updatedAt: new Date(),
        endedAt: status === 'ended' ? new Date() : null,
      });
      return id as string;
    };
    ids.silentHelper = await helperOf('openid-silent-helper', 'active');
    ids.endedHelper = await helperOf('openid-ended-helper', 'ended');
    await db.collection('subscriptions').add({
      identity: 'wx:openid-ended-helper',
      userId: ids.endedHelper,
      templateId: TEMPLATE,
      requestKey: 'test-ended-grant',
      grantedAt: new Date(),
      usedAt: null,
      usedFor: null,
    });
    // Roster imports: one started 8 days ago and never run (abandoned), one ended whose file removal
    // was cut off (its file back in storage, not marked), one started just now and not yet run.
    const staffToken = await cloud.tokenFor('staff');
    const rosterCsv = `\ufeff${csvLine([...ROSTER_COLUMNS])}${demo.roster.slice(10, 13).map(rosterCsvLine).join('')}`;
    const startImport = async (name: string) => {
      const { fileID } = await app.uploadFile({ cloudPath: `roster-uploads/sched-${name}.csv`, fileContent: Buffer.from(rosterCsv) });
      const res = await cloud.callFunction(
        'roster',
        { action: 'import.start', fileID, fileName: `${name}.csv`, requestId: rid() },
        staffToken,
      );
      return { id: res.data.id as string, fileID: fileID as string };
    };
    jobs.abandoned = await startImport('abandoned');
    await db
      .collection('import_jobs')
      .doc(jobs.abandoned.id)
      .update({ updatedAt: new Date(Date.parse(APP_NOW) - 8 * 86_400_000) });
    jobs.untidy = await startImport('untidy');
    for (let i = 0; i < 20; i++) {
      const run = await cloud.callFunction('roster', { action: 'import.run', jobId: jobs.untidy.id }, staffToken);
      if (run.data.phase === 'done') break;
    }
    await app.uploadFile({ cloudPath: 'roster-uploads/sched-untidy.csv', fileContent: Buffer.from(rosterCsv) });
    await db.collection('import_jobs').doc(jobs.untidy.id).update({ filesRemovedAt: null });
    jobs.fresh = await startImport('fresh');

    before = await all(db, 'retirees');
    void _;
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  test('granting messages: each accepted template is one message; a retried request stores nothing twice', async () => {
    const requestId = rid();
    for (const who of ['retiree', 'family']) {
      const token = await cloud.tokenFor(who);
      const first = await cloud.callFunction('certification', { action: 'subscribe.record', templateIds: [TEMPLATE], requestId }, token);
      expect(first).toEqual({ ok: true, data: { recorded: 1 } });
      const again = await cloud.callFunction('certification', { action: 'subscribe.record', templateIds: [TEMPLATE], requestId }, token);
      expect(again).toEqual({ ok: true, data: { recorded: 0 } });
    }
    expect(await all(db, 'subscriptions', { identity: 'wx:demo-openid-retiree' })).toHaveLength(1);
    const bad = await cloud.callFunction(
      'certification',
      { action: 'subscribe.record', templateIds: [], requestId: rid() },
      await cloud.tokenFor('retiree'),
    );
    expect(bad.error).toEqual({ code: 'INVALID_INPUT', message: '请至少选一个消息' });
    const nobody = await cloud.callFunction('certification', { action: 'subscribe.record', templateIds: [TEMPLATE], requestId: rid() });
    expect(nobody.error.code).toBe('UNAUTHENTICATED');
  });

  test('the run moves states, suspends the overdue, restores those certified since', async () => {
    const res = await runNow(cloud);
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({
      day: D,
      status: 'done',
      trigger: 'admin',
      stepsDone: ['states', 'events', 'send', 'files', 'counts'],
    });

    const after = new Map((await all(db, 'retirees')).map((d) => [d._id, d]));
    const wasOverdue = before.filter(
      (d) => certificationState({ lastCertifiedAt: d.lastCertifiedAt, suspendedAt: d.suspendedAt ?? null }, DEFAULT_RULES, D) === 'overdue',
    );
    expect(wasOverdue.length).toBeGreaterThan(0);
    expect(wasOverdue.map((d) => d._id)).toContain(ids.overdue);
    // Every overdue person is suspended today; nobody else is.
    const suspendedToday = [...after.values()].filter((d) => d.suspendedAt === D).map((d) => d._id);
    expect(suspendedToday.sort()).toEqual(wasOverdue.map((d) => d._id).sort());
    expect(after.get(ids.overdue)).toMatchObject({ certState: 'suspended', suspendedAt: D, certStateDay: D });
    expect(after.get(ids.suspendedEarlier)).toMatchObject({ certState: 'restored', suspendedAt: '2026-10-01', restoredAt: D });
    expect(after.get(ids.suspendedStill)).toMatchObject({ certState: 'suspended', suspendedAt: '2026-10-01' });
    expect(after.get(ids.suspendedStill).restoredAt ?? null).toBeNull();
    expect(after.get(ids.retiree)).toMatchObject({ certState: 'due_soon' });
    // The stored state is what the rules say for everyone; nobody is left "overdue".
    for (const d of after.values()) {
      expect(d.certState).toBe(certificationState(d, DEFAULT_RULES, D));
      expect(d.certState).not.toBe('overdue');
    }
    expect(res.data.counts).toMatchObject({ scanned: before.length, suspended: wasOverdue.length, restored: 1 });
    expect(res.data.states.suspended).toBe(wasOverdue.length + 1);
  });

  test('the run deletes the uploaded files of ended imports and ends an abandoned one; a new one is left alone', async () => {
    const job = async (id: string) => (await db.collection('import_jobs').doc(id).get()).data[0];
    const abandoned = await job(jobs.abandoned.id);
    expect(abandoned).toMatchObject({ phase: 'failed', failure: '这个导入停下超过7天了，上传的文件已经删除。请重新上传文件导入' });
    expect(abandoned.filesRemovedAt).toBeTruthy();
    expect(await stored(jobs.abandoned.fileID)).toBe(false);
    const untidy = await job(jobs.untidy.id);
    expect(untidy.phase).toBe('done');
    expect(untidy.filesRemovedAt).toBeTruthy();
    expect(await stored(jobs.untidy.fileID)).toBe(false);
    const fresh = await job(jobs.fresh.id);
    expect(fresh).toMatchObject({ phase: 'validate', filesRemovedAt: null });
    expect(await stored(jobs.fresh.fileID)).toBe(true);
    const [run] = (await cloud.callFunction('scheduler', { action: 'daily.last' }, await cloud.tokenFor('admin'))).data;
    expect(run.counts).toMatchObject({ jobsAbandoned: 1, jobsTidied: 2 });
  });

  test('reminders go to the retiree and active helpers at the configured offsets, not to an ended helper', async () => {
    const queued = await all(db, 'notifications', { runDay: D });
    const byUser = Object.fromEntries(queued.map((n) => [n.userId, n]));
    const users = Object.fromEntries((await all(db, 'users')).map((u) => [u.identity, u._id]));
    expect(byUser[users['wx:demo-openid-retiree']]).toMatchObject({
      retireeId: ids.retiree,
      due: '2026-11-30',
      daysBefore: 7,
      to: 'self',
      status: 'sent',
      key: `remind:${ids.retiree}:2026-11-30:7:${users['wx:demo-openid-retiree']}`,
    });
    expect(byUser[users['wx:demo-openid-family']]).toMatchObject({
      retireeId: ids.parent,
      due: '2026-12-23',
      daysBefore: 30,
      to: 'family',
      status: 'sent',
    });
    // An active helper who never allowed messages: visible to staff as such, nothing sent.
    expect(byUser[ids.silentHelper]).toMatchObject({ retireeId: ids.parent, status: 'no_subscription' });
    expect(byUser[ids.endedHelper]).toBeUndefined();
    expect(queued.every((n) => DEFAULT_RULES.reminderDaysBefore.includes(n.daysBefore))).toBe(true);

    const toRetiree = await outbox(cloud, 'demo-openid-retiree');
    expect(toRetiree).toHaveLength(1);
    expect(toRetiree[0]).toMatchObject({ templateId: TEMPLATE, page: 'pages/index/index' });
    expect(JSON.stringify(toRetiree[0].data)).toContain('2026年11月30日');
    expect(await outbox(cloud, 'demo-openid-family')).toHaveLength(1);
    expect(await outbox(cloud, 'openid-ended-helper')).toHaveLength(0);
    expect(await outbox(cloud, 'openid-silent-helper')).toHaveLength(0);
    // The grant was spent on that message.
    const [grant] = await all(db, 'subscriptions', { identity: 'wx:demo-openid-retiree' });
    expect(grant.usedFor).toBe(byUser[users['wx:demo-openid-retiree']].key);
  });

  test('run twice the same day: nothing changes, nothing more is sent, even with a fresh grant', async () => {
    await cloud.callFunction(
      'certification',
      { action: 'subscribe.record', templateIds: [TEMPLATE], requestId: rid() },
      await cloud.tokenFor('retiree'),
    );
    const retireesBefore = await all(db, 'retirees');
    const notificationsBefore = await all(db, 'notifications');
    const messagesBefore = await outbox(cloud);
    const first = (await cloud.callFunction('scheduler', { action: 'daily.last' }, await cloud.tokenFor('admin'))).data[0];

    const again = await runNow(cloud);
    expect(again.data).toEqual(first);
    // The timer firing too (the emulator's dev route, as CloudBase would call it): the same.
    const timer = await fetch(`${cloud.url}/dev/trigger/scheduler/daily`, { method: 'POST' });
    expect(((await timer.json()) as any).result).toEqual({ ok: true, data: first });

    expect(await all(db, 'retirees')).toEqual(retireesBefore);
    expect(await all(db, 'notifications')).toEqual(notificationsBefore);
    expect(await outbox(cloud)).toEqual(messagesBefore);
  });

  test('the timer shape is honoured only without a caller; only an admin may run it by hand', async () => {
    const timerShape = { Type: 'Timer', TriggerName: 'daily', Time: '2026-11-22T18:00:00Z', Message: '' };
    const asRetiree = await cloud.callFunction('scheduler', timerShape, await cloud.tokenFor('retiree'));
    expect(asRetiree.error.code).toBe('UNKNOWN_ACTION');
    const asStaff = await cloud.callFunction('scheduler', { action: 'daily.run' }, await cloud.tokenFor('staff'));
    expect(asStaff.error.code).toBe('FORBIDDEN');
  });
});

test('killed with -9 half-way through, the run completes once after a restart', async () => {
  // A different day, a bigger roster (several pages), and a short claim so the rerun need not wait long.
  const day = '2026-12-01';
  const cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${day}T02:00:00+08:00`, SCHEDULER_LEASE_MS: '1500' } });
  try {
    Object.assign(process.env, localSdkEnv(cloud.adminUrl));
    const db = dbOf(cloud);
    const keys = piiKeysFromEnv(localFunctionEnv());
    const extra = [...generateRoster(4600)].slice(100);
    for (let i = 0; i < extra.length; i += 500) {
      await db
        .collection('retirees')
        .add(extra.slice(i, i + 500).map((r) => ({ ...rosterFields(keys, r), boundUserId: null, helperCount: 0 })));
    }
    // The retiree is due in 7 days and has one grant: exactly one message must arrive.
    const mine = await retireeByIdNumber(db, demo.roster[0].idNumber);
    await db
      .collection('retirees')
      .doc(mine._id)
      .update({ lastCertifiedAt: addMonths('2026-12-08', -12) });
    for (let i = 0; i < 2; i++) {
      await cloud.callFunction(
        'certification',
        { action: 'subscribe.record', templateIds: [TEMPLATE], requestId: rid() },
        await cloud.tokenFor('retiree'),
      );
    }
    const total = (await db.collection('retirees').count()).total;

    const inFlight = runNow(cloud).catch(() => null);
    // Kill once the first page is saved (the rest still to do).
    for (let i = 0; i < 400; i++) {
      const { data } = await db.collection('scheduler_runs').doc(day).get();
      if (data[0]?.cursor) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await cloud.kill9();
    await inFlight;
    await cloud.restart();
    Object.assign(process.env, localSdkEnv(cloud.adminUrl));
    const db2 = dbOf(cloud);
    const cut = (await db2.collection('scheduler_runs').doc(day).get()).data[0];
    expect(cut.status).toBe('running');

    let run: any;
    for (let i = 0; i < 100; i++) {
      run = await runNow(cloud);
      if (run.data?.status === 'done') break;
      await new Promise((r) => setTimeout(r, 200)); // the dead run's claim runs out
    }
    expect(run.data).toMatchObject({ status: 'done', stepsDone: ['states', 'events', 'send', 'files', 'counts'] });
    expect(run.data.counts.scanned).toBe(total);
    const docs = await all(db2, 'retirees');
    for (const d of docs) expect(d.certState).toBe(certificationState(d, DEFAULT_RULES, day));
    expect(run.data.counts.suspended).toBe(docs.filter((d) => d.suspendedAt === day).length);
    // 02:00: the reminder is queued once and waits for the daytime; the outbox timer at night sends nothing.
    expect(await all(db2, 'notifications', { retireeId: mine._id })).toEqual([
      expect.objectContaining({ status: 'pending', daysBefore: 7 }),
    ]);
    expect(run.data.counts).toMatchObject({ pending: run.data.counts.remindersQueued, sent: 0 });
    const night = (await (await fetch(`${cloud.url}/dev/trigger/scheduler/outbox`, { method: 'POST' })).json()) as any;
    expect(night.result).toEqual({ ok: true, data: { skipped: 'night' } });
    expect(await outbox(cloud, 'demo-openid-retiree')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 3200)); // the SDK's timers from the killed connection
    await cloud.stop({ keepData: true });

    // 08:00 the same day, on the same data: the outbox timer sends it, once, with one grant.
    const morning = await startLocalCloud({ dataDir: cloud.dataDir, seed: false, functionEnv: { APP_NOW: `${day}T08:00:00+08:00` } });
    try {
      const db3 = dbOf(morning);
      for (let i = 0; i < 2; i++) await fetch(`${morning.url}/dev/trigger/scheduler/outbox`, { method: 'POST' });
      expect(await outbox(morning, 'demo-openid-retiree')).toHaveLength(1);
      expect(await all(db3, 'notifications', { retireeId: mine._id })).toEqual([
        expect.objectContaining({ status: 'sent', daysBefore: 7 }),
      ]);
      // One of the two grants spent, the other still there.
      expect((await all(db3, 'subscriptions', { identity: 'wx:demo-openid-retiree', usedAt: null })).length).toBe(1);
      // The admin's panel sees the figures move: nothing left waiting.
      const [latest] = (await morning.callFunction('scheduler', { action: 'daily.last' }, await morning.tokenFor('admin'))).data;
      expect(latest.day).toBe(day);
      expect(latest.counts.pending).toBe(0);
      expect(latest.counts.sent).toBeGreaterThanOrEqual(1);
      expect(latest.counts.sent + latest.counts.noSubscription + latest.counts.notWechat + latest.counts.failed).toBe(
        latest.counts.remindersQueued,
      );
    } finally {
      await morning.stop();
    }
  } finally {
    await cloud.stop(); // removes the data folder both used
  }
}, 180_000);
