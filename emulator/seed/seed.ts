import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../../cloudfunctions/_lib/caller';
import { piiKeysFromEnv } from '../../cloudfunctions/_lib/pii';
import { rosterFields } from '../../cloudfunctions/_lib/retirees';
import { type EventDoc, occurrenceFromSlot } from '../../cloudfunctions/events/store';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { certificationState, DEFAULT_RULES } from '../../contract/certification';
import { expandSchedule, horizonEnd } from '../../contract/recurrence';
import { COLLECTIONS } from '../../database/collections';
import { localFunctionEnv } from '../localEnv';
import { pointSdkAtEmulator } from '../sdkEnv';
import { DEMO_YEAR_PLAN, pastEventDocs } from './events';
import { DEFAULT_TODAY, type DemoData, generateDemoData, type Scale } from './generate';
import { demoPolicyAnswerDocs } from './policy';

/**
 * Write the demo data into a running emulator through the real SDK, and register the
 * demo accounts for the dev sign-in page. Safe to run again: an already seeded
 * database is left as it is.
 */
export async function seedDemoData(adminUrl: string, opts: { scale?: Scale; seed?: number } = {}) {
  pointSdkAtEmulator(adminUrl);
  const app = tcb.init({ env: 'local-dev', serviceUrl: adminUrl, secretId: 'local', secretKey: 'local' } as any);
  const db = app.database();
  const data = generateDemoData({ scale: opts.scale ?? 'demo', seed: opts.seed });
  const accounts = data.accounts.map((a) => ({
    id: a.key,
    label: a.label,
    role: a.role,
    name: a.name,
    openid: a.openid,
    uid: a.uid,
  }));
  await fetch(adminUrl.replace(/\/admin$/, '/dev/accounts'), { method: 'PUT', body: JSON.stringify(accounts) });

  const already = await db
    .collection(COLLECTIONS.users)
    .where({ identity: identityOf(data.accounts[0]) })
    .count();
  if (already.total > 0) return { seeded: false, retirees: 0 };

  const retireeIds = await writeRoster(db, data);
  const now = new Date();
  for (const a of data.accounts) {
    // A guest has no account until they bind or ask to help someone.
    if (a.role === 'guest') continue;
    const identity = identityOf(a);
    const boundTo = a.retireeIdNumber ? retireeIds.get(a.retireeIdNumber) : undefined;
    const { id: userId } = (await db.collection(COLLECTIONS.users).add({
      identity,
      role: a.role,
      name: a.name,
      streets: a.streets ?? [],
      retireeId: boundTo ?? null,
      createdAt: now,
    })) as { id: string };
    // The demo people have already read and accepted the privacy guide.
    if (a.role !== 'staff' && a.role !== 'admin') {
      await db.collection(COLLECTIONS.consents).add({ identity, kind: 'privacy', version: PRIVACY_VERSION, at: now });
    }
    if (boundTo) await db.collection(COLLECTIONS.retirees).doc(boundTo).update({ boundUserId: userId });
    const parent = a.parentIdNumber ? retireeIds.get(a.parentIdNumber) : undefined;
    const parentRow = data.roster.find((r) => r.idNumber === a.parentIdNumber);
    if (parent && parentRow) {
      await db.collection(COLLECTIONS.familyLinks).add({
        pairKey: `${userId}:${parent}`,
        requestKey: `seed:${a.key}`,
        helperUserId: userId,
        helperName: a.name,
        retireeId: parent,
        elderName: parentRow.name,
        street: parentRow.street,
        relation: a.relation ?? '其他亲属',
        status: 'active',
        approvedBy: 'elder',
        note: null,
        createdAt: now,
        updatedAt: now,
        endedAt: null,
      });
      await db.collection(COLLECTIONS.retirees).doc(parent).update({ helperCount: 1 });
    }
  }
  await db.collection(COLLECTIONS.notices).add(
    data.notices.map((n, i) => ({
      requestId: `seed-notice-${i + 1}`,
      title: n.title,
      lastRequestId: `seed-notice-${i + 1}`,
      body: n.body,
      bodyFormat: 'text',
      bodyText: n.body,
      attachments: [],
      pinned: n.pinned,
      audienceKeys: ['district'],
      status: n.status,
      publishAt: null,
      publishedAt: n.publishedAt ? new Date(n.publishedAt) : null,
      expireAt: null,
      version: 1,
      createdAt: n.publishedAt ? new Date(n.publishedAt) : now,
      savedAt: n.publishedAt ? new Date(n.publishedAt) : now,
      updatedAt: n.publishedAt ? new Date(n.publishedAt) : now,
      createdBy: null,
      updatedBy: null,
      updatedByName: null,
    })),
  );
  // Policy answers (政策问答): two or more per category, published.
  await db.collection(COLLECTIONS.policyAnswers).add(demoPolicyAnswerDocs());
  await writeEvents(db, data, retireeIds);
  return { seeded: true, retirees: retireeIds.size };
}

/**
 * Events: this year's past performances, lectures, sports meets and visits with their check-ins
 * (DEMO_YEAR_PLAN: the source's mix, scaled to the demo roster), and two published events to
 * register for: the tai chi class (Mondays, Tuesdays and Thursdays) and a health lecture.
 */
async function writeEvents(db: ReturnType<ReturnType<typeof tcb.init>['database']>, data: DemoData, retireeIds: Map<string, string>) {
  // The people behind the demo accounts are left out, so "my registrations" starts empty for them.
  const accountPeople = new Set(data.accounts.flatMap((a) => [a.retireeIdNumber, a.parentIdNumber]).filter(Boolean));
  const people = data.roster
    .filter((r) => retireeIds.has(r.idNumber) && !accountPeople.has(r.idNumber))
    .map((r) => ({ id: retireeIds.get(r.idNumber) as string, name: r.name, street: r.street }));
  const history = pastEventDocs(DEMO_YEAR_PLAN, people, Number(DEFAULT_TODAY.slice(0, 4)), DEFAULT_TODAY);
  if (history.events.length) await db.collection(COLLECTIONS.events).add(history.events);
  if (history.occurrences.length) await db.collection(COLLECTIONS.occurrences).add(history.occurrences);
  for (let i = 0; i < history.registrations.length; i += 500) {
    await db.collection(COLLECTIONS.registrations).add(history.registrations.slice(i, i + 500));
  }
  const at = new Date();
  const until = horizonEnd(DEFAULT_TODAY);
  for (const live of DEMO_LIVE_EVENTS) {
    const event = {
      ...live,
      requestKey: `seed:${live._id}`,
      lastRequestKey: `seed:${live._id}`,
      coverFileId: null,
      ageMin: null,
      ageMax: null,
      status: 'published' as const,
      version: 1,
      materialisedUntil: until,
      createdBy: null,
      createdAt: at,
      updatedBy: null,
      updatedAt: at,
      publishedAt: at,
      endedAt: null,
    };
    const { _id, ...fields } = event;
    await db.collection(COLLECTIONS.events).doc(_id).set(fields);
    const slots = expandSchedule(event.schedule, { from: DEFAULT_TODAY, until });
    const occs = slots.map((slot) => occurrenceFromSlot(event, slot, at));
    for (let i = 0; i < occs.length; i += 100) await db.collection(COLLECTIONS.occurrences).add(occs.slice(i, i + 100));
  }
}

const DEMO_LIVE_EVENTS: Array<
  Omit<
    EventDoc,
    | 'requestKey'
    | 'lastRequestKey'
    | 'coverFileId'
    | 'ageMin'
    | 'ageMax'
    | 'status'
    | 'version'
    | 'materialisedUntil'
    | 'createdBy'
    | 'createdAt'
    | 'updatedBy'
    | 'updatedAt'
    | 'publishedAt'
    | 'endedAt'
  >
> = [
  {
    _id: 'demo-taichi',
    kind: 'class',
    title: '太极拳公益课',
    description: '退服中心的老牌课程，已经开了近7年。老师手把手教，新学员从基本动作学起，穿宽松的衣服和平底鞋来就行。',
    place: { name: '海沧文化中心广场', address: '厦门市海沧区滨湖北路', latitude: 24.4846, longitude: 118.0328 },
    schedule: {
      type: 'weekly',
      weekdays: [1, 2, 4],
      start: '08:00',
      end: '09:00',
      from: '2026-03-02',
      to: '2027-06-30',
      exceptions: [{ date: '2027-02-08', action: 'cancel', reason: '春节放假' }],
    },
    capacity: 30,
    opensDaysBefore: 7,
    closesMinutesBefore: 30,
    cancelMinutesBefore: 60,
    needsApproval: false,
  },
  {
    _id: 'demo-lecture-winter',
    kind: 'lecture',
    title: '冬季养生健康讲座',
    description: '社区医院的医生讲冬季常见病的预防，讲完可以现场咨询，免费量血压。',
    place: { name: '海沧街道社区卫生服务中心', address: '厦门市海沧区海虹路', latitude: 24.4783, longitude: 118.0401 },
    schedule: { type: 'once', date: '2026-11-26', start: '14:30', end: '16:00' },
    capacity: 50,
    opensDaysBefore: 14,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
  },
];

function identityOf(a: { openid?: string; uid?: string }): string {
  const key = identityKey(a);
  if (!key) throw new Error('a demo account needs an openid or a uid');
  return key;
}

/** The roster, encrypted as the functions store it, in batches. Returns ID number → document id. */
async function writeRoster(db: ReturnType<ReturnType<typeof tcb.init>['database']>, data: DemoData) {
  const keys = piiKeysFromEnv(localFunctionEnv());
  const ids = new Map<string, string>();
  const now = new Date();
  for (let i = 0; i < data.roster.length; i += 500) {
    const batch = data.roster.slice(i, i + 500);
    const docs = batch.map((r) => ({
      ...rosterFields(keys, r),
      // As the scheduler would have left it the night before (lists such as home visits read it).
      certState: certificationState({ lastCertifiedAt: r.lastCertifiedAt }, DEFAULT_RULES, DEFAULT_TODAY),
      certStateDay: DEFAULT_TODAY,
      boundUserId: null,
      helperCount: 0,
      createdByJob: null,
      updatedByJob: null,
      createdAt: now,
      updatedAt: now,
    }));
    const res = (await db.collection(COLLECTIONS.retirees).add(docs)) as { ids: string[] };
    for (const [j, r] of batch.entries()) ids.set(r.idNumber, res.ids[j]);
  }
  return ids;
}
