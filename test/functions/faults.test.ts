import tcb from '@cloudbase/node-sdk';
import { shanghaiDay } from '../../contract/time';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * kill -9 in the middle of registrations. The emulator process is both the database and the
 * functions host (each function instance is a worker thread in it), so one kill takes both
 * down mid-call, as a crashed CloudBase host would. Sixty people are registered for thirty
 * places, eight calls at a time; the process is killed after the tenth acknowledged answer.
 * After the restart every request is sent again with its own requestId, as a phone retries:
 * every acknowledged registration is there with the same id, no one is registered twice, no
 * more than thirty have a place, the waitlist has no gaps, and the totals are those of an
 * undisturbed run (thirty confirmed, thirty waiting).
 */
let cloud: LocalCloud;
let db: any;
let admin: string;
let seq = 0;
const rid = () => `fault-${Date.now().toString(36)}-${seq++}`;
const CAPACITY = 30;
const PEOPLE = 60;

beforeAll(async () => {
  cloud = await startLocalCloud({ seed: true });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  admin = await cloud.tokenFor('admin');
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

const events = (data: Record<string, unknown>) => cloud.callFunction('events', data, admin);

async function newOccurrence(): Promise<string> {
  const saved = await events({
    action: 'event.save',
    kind: 'lecture',
    title: '断电演练讲座',
    place: { name: '社区服务站', address: '海沧区测试路1号' },
    schedule: { type: 'once', date: shanghaiDay(new Date(Date.now() + 2 * 86_400_000)), start: '14:30', end: '16:00' },
    capacity: CAPACITY,
    opensDaysBefore: 7,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
    requestId: rid(),
  });
  expect(saved.ok).toBe(true);
  expect((await events({ action: 'event.publish', eventId: saved.data.id })).ok).toBe(true);
  const got = await events({ action: 'event.get', eventId: saved.data.id });
  return got.data.occurrences[0].id;
}

async function retireeIds(n: number): Promise<string[]> {
  const { data } = await db.collection('retirees').orderBy('_id', 'asc').limit(n).field({ _id: true }).get();
  expect(data).toHaveLength(n);
  return data.map((r: { _id: string }) => r._id);
}

test('kill -9 of the emulator and functions host mid-registration: every acknowledged place kept, none twice, no oversell, same totals', async () => {
  const occurrenceId = await newOccurrence();
  const people = await retireeIds(PEOPLE);
  const requests = people.map((retireeId) => ({ retireeId, requestId: rid() }));
  const acknowledged = new Map<string, string>(); // retireeId → registration id
  let killed: Promise<void> | null = null;
  let failed = 0;

  // Eight callers at a time, like a crowd of phones; the kill lands while calls are in flight.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests.length && !killed) {
        const r = requests[next++];
        try {
          const res = await events({ action: 'registration.create', occurrenceId, ...r });
          if (res.ok) acknowledged.set(r.retireeId, res.data.id);
          if (acknowledged.size >= 10 && !killed) killed = cloud.kill9();
        } catch {
          failed++;
        }
      }
    }),
  );
  await killed;
  expect(acknowledged.size).toBeGreaterThanOrEqual(10);
  expect(acknowledged.size).toBeLessThan(PEOPLE);
  await cloud.restart();

  // Every phone tries again with the request it sent before (the acknowledged ones too).
  const retried = new Map<string, string>();
  for (const r of requests) {
    const res = await events({ action: 'registration.create', occurrenceId, ...r });
    expect(res.ok).toBe(true);
    retried.set(r.retireeId, res.data.id);
  }
  for (const [retireeId, id] of acknowledged) expect(retried.get(retireeId)).toBe(id);

  const list = await events({ action: 'registration.list', occurrenceId });
  expect(list.ok).toBe(true);
  const lines = list.data.lines as Array<{ retireeId: string; registrationId: string; status: string; position: number | null }>;
  expect(lines).toHaveLength(PEOPLE);
  expect(new Set(lines.map((l) => l.retireeId)).size).toBe(PEOPLE);
  for (const [retireeId, id] of acknowledged) expect(lines.find((l) => l.retireeId === retireeId)?.registrationId).toBe(id);
  const confirmed = lines.filter((l) => l.status === 'confirmed');
  const waiting = lines.filter((l) => l.status === 'waitlisted');
  expect(confirmed).toHaveLength(CAPACITY);
  expect(waiting).toHaveLength(PEOPLE - CAPACITY);
  expect(waiting.map((l) => l.position)).toEqual(Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1));
  // The stored documents agree with the list: one per person, the occurrence's count is the places taken.
  const docs = (await db.collection('registrations').where({ occurrenceId }).limit(1000).get()).data;
  expect(docs).toHaveLength(PEOPLE);
  const occ = (await db.collection('occurrences').doc(occurrenceId).get()).data[0];
  expect(occ.confirmed).toBe(CAPACITY);
  console.info(
    `faults: registrations — ${acknowledged.size} acknowledged before kill -9, ${failed} calls cut off, ${PEOPLE} after retries, 0 lost, 0 duplicated`,
  );
  // The SDK's slow-request timers from the killed connection fire ~3 s later; let them.
  await new Promise((r) => setTimeout(r, 3200));
}, 120_000);
