import { PRIVACY_VERSION } from '../../contract/accounts';
import { FACE_CONSENT_VERSION } from '../../contract/certification';
import { shanghaiDay } from '../../contract/time';
import { generateDemoData } from '../../emulator/seed/generate';
import { functionTables } from '../support/functionTables';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Who may call what: every action of every cloud function, as every kind of caller,
 * against a table of expectations. The list of actions comes from the functions' own
 * tables, so a new action without an expectation fails this test.
 *
 * "Denied" means the call answered UNAUTHENTICATED, FORBIDDEN or (for actions scoped to
 * a street, a person or a link, which hide what the caller may not see) NOT_FOUND.
 * "Allowed" means any other answer: success, or a business refusal such as CONFLICT that
 * only a caller with the right could reach.
 */
const PERSONAS = [
  'anonymous',
  'guest',
  'retiree',
  'otherRetiree',
  'linkedFamily',
  'unlinkedFamily',
  'staffHere',
  'staffElsewhere',
  'admin',
] as const;
type Persona = (typeof PERSONAS)[number];

const ALL = PERSONAS;
const SIGNED_IN: Persona[] = ['guest', 'retiree', 'otherRetiree', 'linkedFamily', 'unlinkedFamily', 'staffHere', 'staffElsewhere', 'admin'];
const PEOPLE: Persona[] = ['guest', 'retiree', 'otherRetiree', 'linkedFamily', 'unlinkedFamily'];
const STAFF: Persona[] = ['staffHere', 'staffElsewhere', 'admin'];
const STAFF_HERE: Persona[] = ['staffHere', 'admin'];

interface World {
  subjectId: string; // the retiree the calls are about (street S)
  subjectRow: number;
  noticeId: string;
  call(persona: Persona, fn: string, data: Record<string, unknown>): Promise<any>;
  admin(fn: string, data: Record<string, unknown>): Promise<any>;
  newGuestLinkTo(row: number): Promise<string>;
  newStaff(): Promise<string>;
  newImportJob(): Promise<string>;
  rid(): string;
}

interface Expectation {
  allow: readonly Persona[];
  /** Denial may be NOT_FOUND (the action hides what is outside the caller's scope). */
  scoped?: boolean;
  /** Run after the others (it changes who the personas are). */
  late?: number;
  /** The input, built once per action. */
  input: (w: World) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const demo = generateDemoData({ scale: 'demo' });
const roster = demo.roster;
const S = '嵩屿街道';
const rowsInS = roster.map((r, i) => ({ r, i })).filter(({ r, i }) => i > 3 && r.street === S);

const EXPECTATIONS: Record<string, Record<string, Expectation>> = {
  content: {
    'notice.list': { allow: ALL, input: () => ({}) },
    'notice.get': { allow: ALL, input: (w) => ({ id: w.noticeId }) },
    'notice.listAll': { allow: STAFF, input: () => ({}) },
    'notice.save': { allow: STAFF, input: (w) => ({ requestId: w.rid(), title: '权限测试', body: '权限测试正文' }) },
    'notice.setStatus': { allow: STAFF, input: (w) => ({ id: w.noticeId, status: 'published' }) },
    'notice.preview': { allow: STAFF, input: (w) => ({ id: w.noticeId }) },
    'notice.versions': { allow: STAFF, input: (w) => ({ id: w.noticeId }) },
    'notice.restore': { allow: STAFF, input: (w) => editedTwice(w, 'notice') },
    // Unread counts and read markers belong to a sign-in (a guest may read notices too).
    'notice.unreadCount': { allow: SIGNED_IN, input: () => ({}) },
    'notice.markRead': { allow: SIGNED_IN, input: () => ({ all: true }) },
    'policy.list': { allow: ALL, input: () => ({}) },
    'policy.get': { allow: ALL, input: () => ({ id: SEED_ANSWER }) },
    'policy.listAll': { allow: STAFF, input: () => ({}) },
    'policy.load': { allow: STAFF, input: () => ({ id: SEED_ANSWER }) },
    'policy.save': { allow: STAFF, input: (w) => answerInput(w) },
    'policy.publish': { allow: STAFF, input: async (w) => ({ id: (await w.admin('content', answerInput(w))).data.id }) },
    'policy.unpublish': { allow: STAFF, input: async (w) => ({ id: (await w.admin('content', answerInput(w))).data.id }) },
    'policy.preview': { allow: STAFF, input: () => ({ id: SEED_ANSWER }) },
    'policy.versions': { allow: STAFF, input: () => ({ id: SEED_ANSWER }) },
    'policy.restore': { allow: STAFF, input: (w) => editedTwice(w, 'answer') },
    'policy.feedback': { allow: SIGNED_IN, input: () => ({ id: SEED_ANSWER, helpful: true }) },
    'policy.search': { allow: ALL, input: () => ({ q: '资格认证' }) },
    // Retirees and family members ask; a guest (the unlinked family member too) must bind or be linked first.
    'question.ask': {
      allow: ['retiree', 'otherRetiree', 'linkedFamily'],
      input: (w) => ({ text: '权限测试：认证怎么办？', requestId: w.rid() }),
    },
    'question.mine': { allow: ['retiree', 'otherRetiree', 'linkedFamily'], input: () => ({}) },
    'question.list': { allow: STAFF, input: () => ({}) },
    // The subject's question: staff of other streets do not see it.
    'question.get': { allow: STAFF_HERE, scoped: true, input: async (w) => ({ id: await subjectQuestion(w) }) },
    'question.answer': {
      allow: STAFF_HERE,
      scoped: true,
      input: async (w) => ({ id: await subjectQuestion(w), answer: '权限测试的答复', requestId: w.rid() }),
    },
    'question.publish': {
      allow: STAFF_HERE,
      scoped: true,
      input: async (w) => {
        const id = await subjectQuestion(w);
        await w.admin('content', { action: 'question.answer', id, answer: '权限测试的答复', requestId: w.rid() });
        return { id, requestId: w.rid() };
      },
    },
  },
  account: {
    'me.get': { allow: ALL, input: () => ({}) },
    'me.data': { allow: PEOPLE, input: () => ({}) },
    'me.unbind': { allow: ['retiree', 'otherRetiree'], late: 3, input: () => ({ confirm: true }) },
    'privacy.accept': { allow: SIGNED_IN, input: () => ({ version: PRIVACY_VERSION }) },
    'bind.start': {
      allow: PEOPLE,
      input: (w) => ({ name: '张三', idNumber: roster[rowsInS[5].i].idNumber, requestId: w.rid() }),
    },
    'bind.confirm': { allow: PEOPLE, input: () => ({ attemptId: 'no-such-attempt', code: '123456' }) },
    'family.request': {
      allow: PEOPLE,
      input: (w) => ({
        elderName: roster[w.subjectRow].name,
        idNumber: roster[w.subjectRow].idNumber,
        relation: '儿子',
        helperName: '权限测试',
        requestId: w.rid(),
      }),
    },
    'family.mine': { allow: PEOPLE, input: () => ({}) },
    'family.respond': {
      allow: ['retiree'],
      scoped: true,
      input: async (w) => ({ linkId: await w.newGuestLinkTo(w.subjectRow), accept: false }),
    },
    'family.end': {
      allow: ['linkedFamily', 'retiree', 'staffHere', 'admin'],
      scoped: true,
      late: 1,
      input: async (w) => {
        const mine = await w.call('linkedFamily', 'account', { action: 'family.mine' });
        return { linkId: mine.data.helping.find((l: any) => l.status === 'active').id };
      },
    },
    'family.elder': { allow: ['retiree', 'linkedFamily'], input: (w) => ({ retireeId: w.subjectId }) },
    'family.queue': { allow: STAFF, input: () => ({}) },
    'family.review': {
      allow: STAFF_HERE,
      scoped: true,
      input: async (w) => ({ linkId: await w.newGuestLinkTo(rowsInS[1].i), accept: false, note: '权限测试' }),
    },
    'roster.list': { allow: STAFF, input: () => ({}) },
    'roster.get': { allow: STAFF_HERE, scoped: true, input: (w) => ({ id: w.subjectId }) },
    'roster.reveal': { allow: STAFF_HERE, scoped: true, input: (w) => ({ id: w.subjectId, field: 'phone', purpose: 'contact' }) },
    'staff.list': { allow: ['admin'], input: () => ({}) },
    'staff.invite': { allow: ['admin'], input: (w) => ({ name: '权限测试', role: 'staff', streets: [S], requestId: w.rid() }) },
    'staff.claim': {
      // Whoever is a guest or family member by now (family.end has run): the first redeems, the rest get INVALID_INPUT.
      allow: ['guest', 'linkedFamily', 'unlinkedFamily'],
      late: 2,
      input: async (w) => {
        const invite = await w.admin('account', {
          action: 'staff.invite',
          name: '权限测试',
          role: 'staff',
          streets: [S],
          requestId: w.rid(),
        });
        return { code: invite.data.code };
      },
    },
    'staff.update': { allow: ['admin'], scoped: true, input: async (w) => ({ userId: await w.newStaff(), role: 'staff', streets: [S] }) },
    'staff.disable': { allow: ['admin'], scoped: true, input: async (w) => ({ userId: await w.newStaff() }) },
    'audit.search': { allow: ['admin'], input: () => ({}) },
  },
  certification: {
    'status.mine': { allow: PEOPLE, input: () => ({}) },
    'stats.get': { allow: STAFF, input: () => ({}) },
    // Masked lists for any staff member (their streets); whole numbers are the admin's (tested in certificationReports).
    'export.create': { allow: STAFF, input: (w) => ({ list: 'suspended', format: 'csv', whole: false, requestId: w.rid() }) },
    'subscribe.record': {
      allow: SIGNED_IN,
      input: (w) => ({ templateIds: ['LocalSandboxCertReminder-0000000000000000001'], requestId: w.rid() }),
    },
    // The template ids the phone needs to ask; public (guests are asked while binding).
    'subscribe.templates': { allow: ALL, input: () => ({}) },
    'face.consent': { allow: PEOPLE, input: () => ({ version: FACE_CONSENT_VERSION }) },
    'face.today': { allow: ['retiree', 'linkedFamily'], input: (w) => ({ retireeId: w.subjectId }) },
    // Without the face consent the allowed get NEEDS_CONSENT (a step, not a denial).
    'face.start': { allow: ['retiree', 'linkedFamily'], input: (w) => ({ retireeId: w.subjectId, channel: 'weapp', requestId: w.rid() }) },
    // Only the person who started an attempt may finish it.
    'face.finish': {
      allow: ['retiree'],
      scoped: true,
      input: async (w) => {
        await w.call('retiree', 'certification', { action: 'face.consent', version: FACE_CONSENT_VERSION });
        const started = await w.call('retiree', 'certification', {
          action: 'face.start',
          retireeId: w.subjectId,
          channel: 'weapp',
          requestId: w.rid(),
        });
        return { attemptId: started.data.attemptId };
      },
    },
    'staff.find': { allow: STAFF, input: () => ({ q: '1234' }) },
    'staff.record': {
      allow: STAFF_HERE,
      scoped: true,
      input: (w) => ({ retireeId: w.subjectId, method: 'onsite', place: '社区服务站', requestId: w.rid() }),
    },
    'history.get': { allow: ['retiree', 'linkedFamily', 'staffHere', 'admin'], scoped: true, input: (w) => ({ retireeId: w.subjectId }) },
    'homeVisit.list': { allow: STAFF, input: () => ({}) },
    'homeVisit.assign': { allow: STAFF_HERE, scoped: true, input: (w) => ({ retireeIds: [w.subjectId], assigneeUserId: null }) },
  },
  scheduler: {
    // The timer's run, and the last runs, for admins ("今天的自动任务" in the staff console).
    'daily.run': { allow: ['admin'], input: () => ({}) },
    'daily.last': { allow: ['admin'], input: () => ({}) },
  },
  roster: {
    // The roster is imported by district-wide staff and admins; street staff may not.
    'import.start': {
      allow: ['admin'],
      input: (w) => ({ fileID: 'cloud://local-dev.bucket/none.csv', fileName: 'none.csv', requestId: w.rid() }),
    },
    'import.run': { allow: ['admin'], input: async (w) => ({ jobId: await w.newImportJob() }) },
    'import.get': { allow: ['admin'], input: async (w) => ({ jobId: await w.newImportJob() }) },
    'import.list': { allow: ['admin'], input: () => ({}) },
  },
  events: {
    // Anyone may browse; a signed-in person also sees their own places.
    'event.week': { allow: ALL, input: () => ({}) },
    'event.get': { allow: ALL, input: async (w) => ({ eventId: (await eventOccurrence(w)).eventId }) },
    // Events are the district's: any staff member manages them, street scope does not apply.
    'event.list': { allow: STAFF, input: () => ({}) },
    'event.save': { allow: STAFF, input: (w) => eventInput(w) },
    'event.publish': { allow: STAFF, input: async (w) => ({ eventId: (await w.admin('events', eventInput(w))).data.id }) },
    'event.end': { allow: STAFF, input: async (w) => ({ eventId: (await w.admin('events', eventInput(w))).data.id }) },
    'occurrence.cancel': { allow: STAFF, input: async (w) => ({ occurrenceId: (await eventOccurrence(w)).id, reason: '权限测试' }) },
    'occurrence.move': {
      allow: STAFF,
      input: async (w) => ({
        occurrenceId: (await eventOccurrence(w)).id,
        toDate: inDays(2),
        start: '15:00',
        end: '16:00',
        reason: '权限测试',
      }),
    },
    // For themself, for the elder they help, or (staff) anyone; someone else's elder is FORBIDDEN.
    'registration.create': {
      allow: ['retiree', 'linkedFamily', ...STAFF],
      input: async (w) => ({ occurrenceId: (await eventOccurrence(w)).id, retireeId: w.subjectId, requestId: w.rid() }),
    },
    // Someone else's registration does not exist for them.
    'registration.cancel': {
      allow: ['retiree', 'linkedFamily', ...STAFF],
      scoped: true,
      input: async (w) => {
        const occ = await eventOccurrence(w);
        const reg = await w.admin('events', {
          action: 'registration.create',
          occurrenceId: occ.id,
          retireeId: w.subjectId,
          requestId: w.rid(),
        });
        return { registrationId: reg.data.id };
      },
    },
    'registration.mine': { allow: ['retiree', 'otherRetiree', 'linkedFamily', ...STAFF], input: () => ({}) },
    'registration.list': { allow: STAFF, input: async (w) => ({ occurrenceId: (await eventOccurrence(w)).id }) },
    // The first staff member approves; the others get CONFLICT (already decided), which only staff can reach.
    'registration.review': {
      allow: STAFF,
      scoped: true,
      input: async (w) => {
        const occ = await eventOccurrence(w, { needsApproval: true });
        const reg = await w.call('retiree', 'events', {
          action: 'registration.create',
          occurrenceId: occ.id,
          retireeId: w.subjectId,
          requestId: w.rid(),
        });
        return { registrationId: reg.data.id, approve: true };
      },
    },
    // The person, or the family member helping them; someone else's registration does not exist for them.
    'checkin.code': {
      allow: ['retiree', 'linkedFamily', ...STAFF],
      scoped: true,
      input: async (w) => ({ registrationId: await subjectRegistration(w) }),
    },
    // A code that is not ours: staff get INVALID_INPUT, which only staff can reach.
    'checkin.scan': {
      allow: STAFF,
      input: async (w) => ({ occurrenceId: (await eventOccurrence(w)).id, code: 'WXTF-CI1.x.1.y' }),
    },
    // Tomorrow's occurrence: staff get CONFLICT (当天才能签到), which only staff can reach.
    'checkin.mark': { allow: STAFF, input: async (w) => ({ registrationId: await subjectRegistration(w), checkedIn: true }) },
    'attendance.export': {
      allow: STAFF,
      input: async (w) => ({ occurrenceId: (await eventOccurrence(w)).id, format: 'csv', requestId: w.rid() }),
    },
    'stats.get': { allow: STAFF, input: () => ({}) },
  },
  comparison: {
    // Any staff member may match a file; a street staff member's job covers their streets only.
    'match.start': {
      allow: STAFF,
      input: (w) => ({ fileId: 'cloud://local-dev.bucket/none.csv', fileName: 'none.csv', requestId: w.rid() }),
    },
    // A job started by staff of street S: staff elsewhere do not see it.
    'match.run': { allow: STAFF_HERE, scoped: true, input: async (w) => ({ jobId: await streetMatchJob(w) }) },
    'match.get': { allow: STAFF_HERE, scoped: true, input: async (w) => ({ jobId: await streetMatchJob(w) }) },
    'match.list': { allow: STAFF, input: () => ({}) },
    'verification.list': { allow: STAFF, input: () => ({ page: 1 }) },
    // The subject has no stop record: those allowed get CONFLICT, staff elsewhere NOT_FOUND.
    'verification.settle': {
      allow: STAFF_HERE,
      scoped: true,
      input: (w) => ({ retireeId: w.subjectId, outcome: 'alive', note: '权限测试', requestId: w.rid() }),
    },
  },
};

const SEED_ANSWER = 'seed-answer-cert-how-often';

function answerInput(w: World) {
  return { action: 'policy.save', requestId: w.rid(), question: '权限测试的问题', answer: '权限测试的答复', category: '资格认证' };
}

/** A notice or an answer made and edited once by the admin: version 1 can be restored. */
async function editedTwice(w: World, kind: 'notice' | 'answer') {
  const first =
    kind === 'notice'
      ? { action: 'notice.save', requestId: w.rid(), title: '权限测试', body: '第一版' }
      : { ...answerInput(w), answer: '第一版' };
  const made = await w.admin('content', first);
  await w.admin('content', {
    ...first,
    id: made.data.id,
    requestId: w.rid(),
    ...(kind === 'notice' ? { body: '第二版' } : { answer: '第二版' }),
  });
  return { id: made.data.id, version: 1, requestId: w.rid() };
}

/** A question the subject (street S) asked, in a category so it can be published. */
async function subjectQuestion(w: World): Promise<string> {
  const q = await w.call('retiree', 'content', {
    action: 'question.ask',
    text: '权限测试：养老金怎么没到账？',
    category: '养老金发放',
    requestId: w.rid(),
  });
  return q.data.id as string;
}

/** A day from today in UTC+8 (this test runs on the real clock). */
const inDays = (n: number) => shanghaiDay(new Date(Date.now() + n * 86_400_000));

function eventInput(w: World, over: Record<string, unknown> = {}) {
  return {
    action: 'event.save',
    kind: 'lecture',
    title: '权限测试讲座',
    place: { name: '社区服务站', address: '海沧区测试路1号' },
    schedule: { type: 'once', date: inDays(1), start: '14:30', end: '16:00' },
    capacity: 30,
    opensDaysBefore: 7,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
    requestId: w.rid(),
    ...over,
  };
}

/** The subject's confirmed place at a fresh occurrence (registered by the admin). */
async function subjectRegistration(w: World): Promise<string> {
  const occ = await eventOccurrence(w);
  const reg = await w.admin('events', { action: 'registration.create', occurrenceId: occ.id, retireeId: w.subjectId, requestId: w.rid() });
  return reg.data.id;
}

/** A published one-off event (tomorrow) and its occurrence, made by the admin. */
async function eventOccurrence(w: World, over: Record<string, unknown> = {}): Promise<{ id: string; eventId: string }> {
  const saved = await w.admin('events', eventInput(w, over));
  await w.admin('events', { action: 'event.publish', eventId: saved.data.id });
  const got = await w.admin('events', { action: 'event.get', eventId: saved.data.id });
  return { id: got.data.occurrences[0].id, eventId: saved.data.id };
}

async function streetMatchJob(w: World): Promise<string> {
  const job = await w.call('staffHere', 'comparison', {
    action: 'match.start',
    fileId: 'cloud://local-dev.bucket/none.csv',
    fileName: 'none.csv',
    requestId: w.rid(),
  });
  return job.data.id as string;
}

/** Every built function's table, found by folder, as the deploy script finds them. */
let cloud: LocalCloud;
const tokens = {} as Record<Persona, string | undefined>;
let world: World;

beforeAll(async () => {
  cloud = await startLocalCloud();
  const call = (token: string | undefined, fn: string, data: Record<string, unknown>) => cloud.callFunction(fn, data, token);
  let seq = 0;
  const rid = () => `authz-${Date.now().toString(36)}-${seq++}`;
  const adminToken = await cloud.tokenFor('admin');
  const consenting = async () => {
    const { token } = await cloud.newUser('wx');
    await call(token, 'account', { action: 'privacy.accept', version: PRIVACY_VERSION });
    return token;
  };
  const newStaff = async (streets: string[]) => {
    const invite = await call(adminToken, 'account', {
      action: 'staff.invite',
      name: '测试干部',
      role: 'staff',
      streets,
      requestId: rid(),
    });
    const { token } = await cloud.newUser('web');
    const claimed = await call(token, 'account', { action: 'staff.claim', code: invite.data.code });
    return { token, userId: claimed.data.userId as string };
  };
  const bindTo = async (row: number) => {
    const token = await consenting();
    const start = await call(token, 'account', {
      action: 'bind.start',
      name: roster[row].name,
      idNumber: roster[row].idNumber,
      requestId: rid(),
    });
    const res = await fetch(`${cloud.url}/sandbox/sms/outbox?phone=${roster[row].phone}`);
    const { messages } = (await res.json()) as { messages: Array<{ text: string }> };
    const code = /(\d{6})/.exec(messages[0].text)?.[1];
    const done = await call(token, 'account', { action: 'bind.confirm', attemptId: start.data.attemptId, code });
    if (!done.ok) throw new Error(`binding row ${row} failed: ${JSON.stringify(done)}`);
    return { token, retireeId: done.data.retiree.id as string };
  };
  const linkTo = async (row: number, token: string) => {
    await call(token, 'account', {
      action: 'family.request',
      elderName: roster[row].name,
      idNumber: roster[row].idNumber,
      relation: '女儿',
      helperName: '测试家属',
      requestId: rid(),
    });
  };

  const subjectRow = rowsInS[0].i;
  const subject = await bindTo(subjectRow);
  const other = await bindTo(rowsInS[2].i);
  const linked = await consenting();
  await linkTo(subjectRow, linked);
  const pending = await call(subject.token, 'account', { action: 'family.mine' });
  await call(subject.token, 'account', { action: 'family.respond', linkId: pending.data.helpers[0].id, accept: true });
  const unlinked = await consenting();
  await linkTo(rowsInS[3].i, unlinked); // pending elsewhere: a family member, but not this elder's

  tokens.anonymous = undefined;
  tokens.guest = await consenting();
  tokens.retiree = subject.token;
  tokens.otherRetiree = other.token;
  tokens.linkedFamily = linked;
  tokens.unlinkedFamily = unlinked;
  tokens.staffHere = (await newStaff([S])).token;
  tokens.staffElsewhere = (await newStaff(['东孚街道'])).token;
  tokens.admin = adminToken;

  const notices = await call(undefined, 'content', { action: 'notice.list' });
  world = {
    subjectId: subject.retireeId,
    subjectRow,
    noticeId: notices.data.items[0].id,
    call: (p, fn, data) => call(tokens[p], fn, data),
    admin: (fn, data) => call(adminToken, fn, data),
    async newGuestLinkTo(row) {
      const token = await consenting();
      await linkTo(row, token);
      const mine = await call(token, 'account', { action: 'family.mine' });
      return mine.data.helping[0].id as string;
    },
    newStaff: async () => (await newStaff([S])).userId,
    async newImportJob() {
      const job = await call(adminToken, 'roster', {
        action: 'import.start',
        fileID: 'cloud://local-dev.bucket/none.csv',
        fileName: 'none.csv',
        requestId: rid(),
      });
      return job.data.id as string;
    },
    rid,
  };
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test('every action of every function has an expectation', () => {
  const tables = functionTables();
  expect(tables.map((t) => t.name).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
  for (const t of tables) expect(Object.keys(EXPECTATIONS[t.name]).sort()).toEqual(Object.keys(t.actions).sort());
});

test('each persona is who the table says', async () => {
  const roles = await Promise.all(PERSONAS.map(async (p) => (await world.call(p, 'account', { action: 'me.get' })).data.role));
  expect(Object.fromEntries(PERSONAS.map((p, i) => [p, roles[i]]))).toEqual({
    anonymous: 'anonymous',
    guest: 'guest',
    retiree: 'retiree',
    otherRetiree: 'retiree',
    linkedFamily: 'family',
    unlinkedFamily: 'guest', // asked, not yet accepted: nobody to help yet
    staffHere: 'staff',
    staffElsewhere: 'staff',
    admin: 'admin',
  });
});

const DENIED = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

test('allow and deny, action by action', async () => {
  const cases = Object.entries(EXPECTATIONS)
    .flatMap(([fn, actions]) => Object.entries(actions).map(([name, e]) => ({ fn, name, e })))
    .sort((a, b) => (a.e.late ?? 0) - (b.e.late ?? 0));
  const wrong: string[] = [];
  let calls = 0;
  for (const { fn, name, e } of cases) {
    const input = await e.input(world);
    // Denied personas first, so an allowed call cannot change what they would see.
    const order = [...PERSONAS].sort((a, b) => Number(e.allow.includes(a)) - Number(e.allow.includes(b)));
    for (const p of order) {
      const res = await world.call(p, fn, { action: name, ...input });
      calls++;
      const code: string | null = res.ok ? null : res.error.code;
      const denied = code !== null && (DENIED.has(code) || (e.scoped === true && code === 'NOT_FOUND'));
      const allowed = e.allow.includes(p);
      if (allowed && denied) wrong.push(`${fn}.${name} as ${p}: expected allowed, got ${code} ${res.error.message}`);
      if (!allowed && !denied) wrong.push(`${fn}.${name} as ${p}: expected denied, got ${code ?? 'ok'}`);
      if (code === 'INTERNAL') wrong.push(`${fn}.${name} as ${p}: INTERNAL error`);
    }
  }
  expect(wrong).toEqual([]);
  expect(calls).toBe(cases.length * PERSONAS.length);
}, 120_000);
