import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { type CloudFunction, firstMessage } from '../../cloudfunctions/_lib/defineFunction';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { FACE_CONSENT_VERSION } from '../../contract/certification';
import { ERROR_CODES } from '../../contract/envelope';
import { COLLECTIONS } from '../../database/collections';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import type { LocalCloud } from './localCloud';

/**
 * Hostile input for every action of every function, shared by `test/functions/fuzz.test.ts`
 * (a few hundred cases an action) and `bench/fuzz.bench.ts` (10,000 an action).
 *
 * Three kinds of case, all built from the action itself:
 * - **mutations of a valid input** (`VALID_INPUTS`, one per action): a field dropped, a field's
 *   value replaced by one of another kind, by a boundary or lookalike value the schema may well
 *   accept (another id, an impossible date, the longest allowed text, another enum option), an
 *   unknown field added (`__proto__`, `constructor`, `$where`…), a text made 100,000 characters;
 * - **hostile objects**: the schema's field names (and strangers) holding values of every wrong kind;
 * - **anything at all** (`fc.anything` with null-prototype objects, boxed values, `__proto__` keys…)
 *   and extremes: 100,000 characters, NaN, ±Infinity, -0, 1e308, nesting 1,000 deep, 10,000 items.
 */

// ---- values ---------------------------------------------------------------------------

const LENGTHS = [0, 1, 2, 4, 5, 6, 8, 20, 21, 30, 31, 40, 41, 50, 51, 60, 61, 64, 65, 100, 101, 120, 121, 200, 201, 400, 401, 500, 501];

const NASTY_STRINGS = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  '\u202e',
  '\ud800',
  '\ufeff张三',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example")',
  '+1',
  '@SUM(A1)',
  '../../etc/passwd',
  "' OR 1=1 --",
  '{"$ne": null}',
  '$where',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '110101194903070012',
  '11010119490307001X',
  '110101194903070013',
  '13800138000',
  '123456',
  '000000',
  'WXTF-CI1.x.1.y',
  'ABCDEFGH',
  'all',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e308',
  '张三',
  '😀😀😀',
  '👨‍👩‍👧‍👦',
  '嵩屿街道',
  'cloud://local-dev.bucket/x.csv',
  'cloud://',
  'x.csv',
  'x.xlsx',
  '说明.pdf',
  'https://evil.example/',
  // Days, times and instants, possible and impossible.
  '2026-02-30',
  '2026-02-29',
  '2028-02-29',
  '2026-11-23',
  '2026-11-24',
  '2026-12-31',
  '2027-01-01',
  '0000-01-01',
  '0001-01-01',
  '1900-01-01',
  '1970-01-01',
  '9999-12-31',
  '2026-13-01',
  '2026-00-10',
  '00:00',
  '08:00',
  '09:30',
  '23:59',
  '24:00',
  '07:60',
  '2026-12-01 08:00',
  '2026-11-23T09:30:00+08:00',
  '2026-11-23T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '2026-11-23T09:30:00+23:59',
  '2026-11-23T09:30:00-23:59',
];

const strings = (ch: string) => LENGTHS.map((n) => ch.repeat(n));
/** Boundary texts for the length checks, and lookalikes of every kind of field. */
const PLAUSIBLE_STRINGS = [...new Set([...NASTY_STRINGS, ...strings('x'), ...strings('字'), ...strings('1')])];
const PLAUSIBLE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  2,
  7,
  8,
  39,
  40,
  90,
  91,
  100,
  101,
  120,
  121,
  200,
  1000,
  1001,
  1999,
  2000,
  2100,
  2101,
  5000,
  5001,
  9999,
  10000,
  10001,
  10080,
  10081,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53 + 2,
  1.5,
  1e308,
  Number.MIN_VALUE,
];

const nested = (depth: number, wrap: (v: unknown) => unknown) => {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
};
const DEEP_OBJECT = nested(1_000, (v) => ({ a: v }));
const DEEP_ARRAY = nested(1_000, (v) => [v]);
const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, i) => i);
const TEN_THOUSAND_STRINGS = Array.from({ length: 10_000 }, (_, i) => `id-${i}`);
/** Own properties named `__proto__` and `constructor`, as JSON.parse makes them on the server. */
const OWN_PROTO = JSON.parse('{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"role":"admin"}}}');
const nullProto = (o: Record<string, unknown>) => Object.assign(Object.create(null), o);

/** A value of any wrong kind. `live`: only what survives JSON (the call goes over HTTP). */
function hostileValue(maxString: number, live: boolean): fc.Arbitrary<unknown> {
  const extremes: unknown[] = [
    0,
    -0,
    -1,
    0.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    true,
    false,
    null,
    [],
    {},
    [null],
    [''],
    DEEP_OBJECT,
    DEEP_ARRAY,
    OWN_PROTO,
    { $ne: null },
    { $gt: '' },
  ];
  if (!live)
    extremes.push(undefined, nullProto({ a: 1 }), new Date(Number.NaN), new Date(8.64e15), 10n, Symbol('x'), () => 1, new Map(), /x/);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '字'.repeat(maxString),
        'x'.repeat(maxString),
        ' '.repeat(maxString),
        '\u0000'.repeat(Math.min(maxString, 5_000)),
      ),
    },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 3, arbitrary: fc.constantFrom(...extremes) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(TEN_THOUSAND, TEN_THOUSAND_STRINGS) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }) },
  );
}

const STRANGER_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'action',
  '_id',
  '$where',
  'role',
  'userId',
  'isAdmin',
];

/** `o` with an own property `key` (also when the key is `__proto__`). */
function withKey(o: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

// ---- reading a schema -----------------------------------------------------------------

const defOf = (schema: unknown): any => (schema as any)?._zod?.def;

function unwrap(schema: z.ZodType, depth = 0): z.ZodType {
  const def = defOf(schema);
  if (!def || depth > 8) return schema;
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type))
    return unwrap(def.innerType, depth + 1);
  if (def.type === 'pipe') return unwrap(def.in, depth + 1);
  if (def.type === 'lazy') return unwrap(def.getter(), depth + 1);
  return schema;
}

/** Field names an input schema knows, through objects, unions, pipes, optionals and defaults. */
export function fieldsOf(schema: z.ZodType, depth = 0): string[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (!def || depth > 4) return [];
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') return [...new Set((def.options as z.ZodType[]).flatMap((o) => fieldsOf(o, depth + 1)))];
  if (def.type === 'intersection') return [...fieldsOf(def.left, depth + 1), ...fieldsOf(def.right, depth + 1)];
  return [];
}

/** Every enum option and literal anywhere in a schema: other valid choices to swap in. */
function choicesIn(schema: z.ZodType, out = new Set<unknown>(), depth = 0): Set<unknown> {
  const def = defOf(schema);
  if (!def || depth > 12) return out;
  if (def.type === 'enum') for (const v of Object.values(def.entries ?? {})) out.add(v);
  if (def.type === 'literal') for (const v of def.values ?? []) out.add(v);
  const children: unknown[] = [def.innerType, def.in, def.out, def.element, def.left, def.right, ...(def.options ?? [])];
  if (def.type === 'object') children.push(...Object.values(def.shape ?? {}));
  for (const c of children) if (c) choicesIn(c as z.ZodType, out, depth + 1);
  return out;
}

// ---- valid inputs ---------------------------------------------------------------------

/** Ids (and a few facts) a valid input refers to: the seeded world's in a live run, made-up ones in process. */
export interface FuzzWorld {
  noticeId: string;
  answerId: string;
  /** The retiree persona's own roster entry, and their name and ID number. */
  retireeId: string;
  retireeName: string;
  retireeIdNumber: string;
  /** The elder the family persona helps, through `familyLinkId`, and their name and ID number. */
  elderId: string;
  elderName: string;
  elderIdNumber: string;
  familyLinkId: string;
  /** Someone else on the roster (street 嵩屿). */
  otherRetireeId: string;
  newcomerName: string;
  newcomerIdNumber: string;
  /** A request to help the retiree, waiting for their answer. */
  pendingLinkId: string;
  /** A staff member made for the fuzzing (to update and disable), and an unused invitation. */
  staffUserId: string;
  inviteCode: string;
  questionId: string;
  /** A published weekly event made for the fuzzing, and three of its occurrences. */
  eventId: string;
  occurrenceIds: [string, string, string];
  /** The retiree's confirmed place, and a place waiting for approval. */
  registrationId: string;
  pendingRegistrationId: string;
  importJobId: string;
  matchJobId: string;
  faceAttemptId: string;
  bindAttemptId: string;
}

/** Stands for a fresh requestId: a live run puts a new one in each call, so a retried create is not what is tested. */
export const REQUEST_ID = 'fuzzRequestId00';

const demo = generateDemoData({ scale: 'demo' });
const S = '嵩屿街道';
const TEMPLATE_ID = 'LocalSandboxCertReminder-0000000000000000001';

/** A made-up world for the in-process run (ids only have to pass the schemas there). */
export function placeholderWorld(): FuzzWorld {
  const [mine, , parent, newcomer] = demo.roster;
  const id = (what: string) => `fuzz-${what}-0001`;
  return {
    noticeId: id('notice'),
    answerId: 'seed-answer-cert-how-often',
    retireeId: id('retiree'),
    retireeName: mine.name,
    retireeIdNumber: mine.idNumber,
    elderId: id('elder'),
    elderName: parent.name,
    elderIdNumber: parent.idNumber,
    familyLinkId: id('link'),
    otherRetireeId: id('other'),
    newcomerName: newcomer.name,
    newcomerIdNumber: newcomer.idNumber,
    pendingLinkId: id('pending-link'),
    staffUserId: id('staff'),
    inviteCode: 'ABCD2345',
    questionId: id('question'),
    eventId: id('event'),
    occurrenceIds: [id('occ-a'), id('occ-b'), id('occ-c')],
    registrationId: id('registration'),
    pendingRegistrationId: id('pending-registration'),
    importJobId: id('import'),
    matchJobId: id('match'),
    faceAttemptId: id('face'),
    bindAttemptId: id('bind'),
  };
}

type InputOf = (w: FuzzWorld) => Record<string, unknown>;

/**
 * One valid input for every action (`fuzz.test.ts` checks the list is complete and that each one
 * passes its schema). The optional fields are filled in too, so that they are mutated as well.
 */
export const VALID_INPUTS: Record<string, Record<string, InputOf>> = {
  content: {
    'notice.list': () => ({ page: 1 }),
    'notice.get': (w) => ({ id: w.noticeId }),
    'notice.listAll': () => ({ page: 1 }),
    'notice.save': () => ({
      requestId: REQUEST_ID,
      title: '模糊测试通知',
      body: '<p>模糊测试的<b>正文</b></p>',
      pinned: false,
      publish: false,
      attachments: [{ fileId: 'cloud://local-dev.bucket/fuzz.pdf', name: '说明.pdf' }],
      publishAt: '2026-12-01 08:00',
      expireAt: null,
      streets: [S],
    }),
    'notice.setStatus': (w) => ({ id: w.noticeId, status: 'published', publishAt: null }),
    'notice.preview': (w) => ({ id: w.noticeId, version: 1 }),
    'notice.versions': (w) => ({ id: w.noticeId }),
    'notice.restore': (w) => ({ id: w.noticeId, version: 1, requestId: REQUEST_ID }),
    'notice.unreadCount': () => ({}),
    'notice.markRead': (w) => ({ id: w.noticeId }),
    'policy.list': () => ({ category: '资格认证', page: 1 }),
    'policy.get': (w) => ({ id: w.answerId }),
    'policy.listAll': () => ({ status: 'published', category: '资格认证', page: 1 }),
    'policy.load': (w) => ({ id: w.answerId }),
    'policy.save': (w) => ({
      requestId: REQUEST_ID,
      question: '模糊测试的问题是什么',
      answer: '模糊测试的答复',
      category: '资格认证',
      source: { document: '模糊测试文件', article: '第三条' },
      effectiveFrom: '2026-01-01',
      effectiveUntil: '2027-12-31',
      relatedIds: [w.answerId],
      keywords: ['认证'],
    }),
    'policy.publish': (w) => ({ id: w.answerId, publishAt: null }),
    'policy.unpublish': (w) => ({ id: w.answerId }),
    'policy.preview': (w) => ({ id: w.answerId, version: 1 }),
    'policy.versions': (w) => ({ id: w.answerId }),
    'policy.restore': (w) => ({ id: w.answerId, version: 1, requestId: REQUEST_ID }),
    'policy.feedback': (w) => ({ id: w.answerId, helpful: false, note: '没看懂' }),
    'policy.search': () => ({ q: '资格认证', kind: 'answer', limit: 10 }),
    'question.ask': () => ({ text: '模糊测试：认证怎么办？', category: '资格认证', requestId: REQUEST_ID }),
    'question.mine': () => ({}),
    'question.list': () => ({ status: 'open', page: 1 }),
    'question.get': (w) => ({ id: w.questionId }),
    'question.answer': (w) => ({ id: w.questionId, answer: '模糊测试的答复', requestId: REQUEST_ID }),
    'question.publish': (w) => ({ id: w.questionId, category: '资格认证', requestId: REQUEST_ID }),
  },
  account: {
    'me.get': () => ({}),
    'me.data': () => ({}),
    'me.unbind': () => ({ confirm: true }),
    'privacy.accept': () => ({ version: PRIVACY_VERSION }),
    'bind.start': (w) => ({ name: w.newcomerName, idNumber: w.newcomerIdNumber, requestId: REQUEST_ID }),
    'bind.confirm': (w) => ({ attemptId: w.bindAttemptId, code: '123456' }),
    'family.request': (w) => ({
      elderName: w.retireeName,
      idNumber: w.retireeIdNumber,
      relation: '儿子',
      helperName: '模糊测试',
      requestId: REQUEST_ID,
    }),
    'family.mine': () => ({}),
    'family.respond': (w) => ({ linkId: w.pendingLinkId, accept: false }),
    'family.end': (w) => ({ linkId: w.familyLinkId }),
    'family.elder': (w) => ({ retireeId: w.elderId }),
    'family.queue': () => ({ page: 1 }),
    'family.review': (w) => ({ linkId: w.pendingLinkId, accept: false, note: '模糊测试' }),
    'roster.list': () => ({ street: S, community: '海虹社区', name: '张', page: 1 }),
    'roster.get': (w) => ({ id: w.otherRetireeId }),
    'roster.reveal': (w) => ({ id: w.otherRetireeId, field: 'phone', purpose: 'contact' }),
    'staff.list': () => ({}),
    'staff.invite': () => ({ name: '模糊测试', role: 'staff', streets: [S], requestId: REQUEST_ID }),
    'staff.claim': (w) => ({ code: w.inviteCode }),
    'staff.update': (w) => ({ userId: w.staffUserId, role: 'staff', streets: [S, '东孚街道'] }),
    'staff.disable': (w) => ({ userId: w.staffUserId }),
    'audit.search': (w) => ({
      kind: 'pii.reveal.phone',
      actorUserId: w.staffUserId,
      targetId: w.otherRetireeId,
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-11-30T23:59:59+08:00',
      page: 1,
    }),
  },
  certification: {
    'status.mine': () => ({}),
    'stats.get': () => ({ street: S }),
    'export.create': () => ({ list: 'suspended', format: 'csv', whole: false, purpose: 'visit', street: S, requestId: REQUEST_ID }),
    'subscribe.record': () => ({ templateIds: [TEMPLATE_ID], requestId: REQUEST_ID }),
    'subscribe.templates': () => ({}),
    'face.consent': () => ({ version: FACE_CONSENT_VERSION }),
    'face.today': (w) => ({ retireeId: w.retireeId }),
    'face.start': (w) => ({ retireeId: w.retireeId, channel: 'weapp', requestId: REQUEST_ID }),
    'face.finish': (w) => ({ attemptId: w.faceAttemptId, client: 'done' }),
    'staff.find': () => ({ q: '1234' }),
    'staff.record': (w) => ({
      retireeId: w.otherRetireeId,
      method: 'onsite',
      place: '社区服务站',
      note: '模糊测试',
      day: DEFAULT_TODAY,
      requestId: REQUEST_ID,
    }),
    'history.get': (w) => ({ retireeId: w.retireeId }),
    'homeVisit.list': () => ({ street: S, assignee: 'all', page: 0 }),
    'homeVisit.assign': (w) => ({ retireeIds: [w.otherRetireeId], assigneeUserId: null }),
  },
  scheduler: {
    'daily.run': () => ({}),
    'daily.last': () => ({}),
  },
  roster: {
    'import.start': () => ({ fileID: 'cloud://local-dev.bucket/none.csv', fileName: 'none.csv', requestId: REQUEST_ID }),
    'import.run': (w) => ({ jobId: w.importJobId }),
    'import.get': (w) => ({ jobId: w.importJobId }),
    'import.list': () => ({}),
  },
  events: {
    'event.week': () => ({ monday: DEFAULT_TODAY, kind: 'class' }),
    'event.get': (w) => ({ eventId: w.eventId, past: false }),
    'event.list': () => ({ status: 'published' }),
    'event.save': () => eventInput(),
    'event.publish': (w) => ({ eventId: w.eventId }),
    'event.end': (w) => ({ eventId: w.eventId }),
    'occurrence.cancel': (w) => ({ occurrenceId: w.occurrenceIds[1], reason: '模糊测试' }),
    'occurrence.move': (w) => ({
      occurrenceId: w.occurrenceIds[2],
      toDate: '2026-12-10',
      start: '15:00',
      end: '16:00',
      reason: '模糊测试',
    }),
    'registration.create': (w) => ({ occurrenceId: w.occurrenceIds[0], retireeId: w.retireeId, requestId: REQUEST_ID }),
    'registration.cancel': (w) => ({ registrationId: w.registrationId }),
    'registration.mine': () => ({}),
    'registration.list': (w) => ({ occurrenceId: w.occurrenceIds[0] }),
    'registration.review': (w) => ({ registrationId: w.pendingRegistrationId, approve: true }),
    'checkin.code': (w) => ({ registrationId: w.registrationId }),
    'checkin.scan': (w) => ({ occurrenceId: w.occurrenceIds[0], code: '123456' }),
    'checkin.mark': (w) => ({ registrationId: w.registrationId, checkedIn: true }),
    'attendance.export': (w) => ({ occurrenceId: w.occurrenceIds[0], format: 'csv', requestId: REQUEST_ID }),
    'stats.get': () => ({ year: 2026 }),
  },
  comparison: {
    'match.start': () => ({ fileId: 'cloud://local-dev.bucket/none.csv', fileName: 'none.csv', requestId: REQUEST_ID }),
    'match.run': (w) => ({ jobId: w.matchJobId }),
    'match.get': (w) => ({ jobId: w.matchJobId }),
    'match.list': () => ({}),
    'verification.list': () => ({ page: 1 }),
    'verification.settle': (w) => ({ retireeId: w.otherRetireeId, outcome: 'alive', note: '模糊测试', requestId: REQUEST_ID }),
  },
};

function eventInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'lecture',
    title: '模糊测试讲座',
    description: '模糊测试的活动介绍',
    coverFileId: null,
    place: { name: '社区服务站', address: '海沧区测试路1号', latitude: 24.48, longitude: 118.03 },
    schedule: {
      type: 'weekly',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      start: '14:30',
      end: '16:00',
      from: '2026-11-24',
      to: '2026-12-31',
      exceptions: [{ date: '2026-12-25', action: 'cancel', reason: '放假' }],
    },
    capacity: 30,
    opensDaysBefore: 40,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
    ageMin: 50,
    ageMax: 110,
    requestId: REQUEST_ID,
    ...over,
  };
}

/**
 * Actions that change who a persona is, or end what the others use: called after all the others
 * (the dedicated staff member is updated and disabled, the family link ended, the retiree unbound).
 */
export const LATE_ACTIONS = [
  'events.event.end',
  'account.family.end',
  'account.staff.update',
  'account.staff.disable',
  'account.staff.claim',
  'account.me.unbind',
];

// ---- mutations ------------------------------------------------------------------------

type Path = Array<string | number>;
type Json = Record<string, unknown>;

function pathsOf(v: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...prefix, i], ...pathsOf(x, [...prefix, i])]);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])]);
  return [];
}

/** A copy of the plain objects and arrays in `v`; any other value (NaN, a Date, a null-prototype object…) is kept as it is. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Json = {};
    for (const [k, x] of Object.entries(v)) withKey(o, k, copy(x));
    return o;
  }
  return v;
}
const clone = (v: Json): Json => copy(v) as Json;

function getAt(o: unknown, p: Path): unknown {
  return p.reduce<unknown>((v, k) => (v == null ? undefined : (v as any)[k]), o);
}

/** A copy of `o` with the value at `p` replaced (or deleted, for `drop`). */
function setAt(o: Json, p: Path, v: unknown, drop = false): Json {
  const out = clone(o);
  const parent = getAt(out, p.slice(0, -1)) as any;
  const key = p[p.length - 1];
  if (parent == null || typeof parent !== 'object') return out; // an earlier step replaced the parent
  if (drop) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent[key as number] = v;
  else withKey(parent, String(key), v);
  return out;
}

export interface ActionRef {
  fn: string;
  action: string;
  schema: z.ZodType;
  roles: readonly string[];
}

export function actionsOf(tables: CloudFunction[]): ActionRef[] {
  return tables.flatMap((t) =>
    Object.entries(t.actions).map(([action, spec]) => ({ fn: t.name, action, schema: spec.input, roles: spec.roles })),
  );
}

export const keyOf = (a: { fn: string; action: string }) => `${a.fn}.${a.action}`;

export function validInput(a: { fn: string; action: string }, w: FuzzWorld): Json {
  const make = VALID_INPUTS[a.fn]?.[a.action];
  if (!make) throw new Error(`no valid input for ${keyOf(a)} in VALID_INPUTS (test/support/fuzzInputs.ts)`);
  return make(w);
}

const worldIds = (w: FuzzWorld) =>
  Object.values(w)
    .flat()
    .filter((v): v is string => typeof v === 'string');

/**
 * Values for `p` the schema may accept: from the boundary texts, numbers, ids of the world and
 * the schema's own choices, those that keep the whole input valid when put at `p`.
 */
function acceptedAt(schema: z.ZodType, valid: Json, p: Path, pool: unknown[]): unknown[] {
  const current = JSON.stringify(getAt(valid, p));
  return pool.filter((v) => JSON.stringify(v) !== current && schema.safeParse(setAt(valid, p, v)).success);
}

type Step = (o: Json) => Json;

interface Variants {
  valid: Json;
  paths: Path[];
  absent: string[];
  pool: unknown[];
  /** For each field (present, or optional and absent), the pool's values the schema accepts there. */
  accepted: Array<{ p: Path; values: unknown[] }>;
}

const variantsCache = new WeakMap<FuzzWorld, Map<string, Variants>>();

/** An action's valid input, its fields, and the values each field may take instead (computed once a world). */
function variantsOf(a: ActionRef, w: FuzzWorld): Variants {
  const byAction = variantsCache.get(w) ?? new Map<string, Variants>();
  variantsCache.set(w, byAction);
  const cached = byAction.get(keyOf(a));
  if (cached) return cached;
  const valid = validInput(a, w);
  const paths = pathsOf(valid);
  const absent = fieldsOf(a.schema).filter((f) => !(f in valid));
  const pool: unknown[] = [...PLAUSIBLE_STRINGS, ...PLAUSIBLE_NUMBERS, ...choicesIn(a.schema), ...worldIds(w), true, false, null, [], {}];
  const targets: Path[] = [...paths, ...absent.map((f) => [f])];
  const accepted = targets.map((p) => ({ p, values: acceptedAt(a.schema, valid, p, pool) })).filter((t) => t.values.length > 0);
  const v = { valid, paths, absent, pool, accepted };
  byAction.set(keyOf(a), v);
  return v;
}

/** Swaps one field for a value the schema accepts there: the input stays valid, the handler gets an edge case. */
function acceptedSwap(v: Variants): fc.Arbitrary<Step> {
  return fc.constantFrom(...v.accepted).chain(({ p, values }) =>
    fc.constantFrom(...values).map(
      (x): Step =>
        (o) =>
          setAt(o, p, x),
    ),
  );
}

/**
 * Inputs the schema (most likely) accepts: the valid input with one to three fields swapped for
 * accepted edge values (another id, the longest text, another option, a boundary number).
 */
export function acceptedVariant(a: ActionRef, w: FuzzWorld): fc.Arbitrary<Json> {
  const v = variantsOf(a, w);
  if (!v.accepted.length) return fc.constant(v.valid);
  return fc.array(acceptedSwap(v), { minLength: 1, maxLength: 3 }).map((chosen) => chosen.reduce((o, step) => step(o), v.valid));
}

/**
 * Mutations of the action's valid input: one to three of drop, retype, swap for a plausible
 * value (accepted by the schema, or not), add a stranger, oversize a text.
 */
export function mutatedInput(a: ActionRef, w: FuzzWorld, opts: { live: boolean; maxString: number }): fc.Arbitrary<Json> {
  const { valid, paths, absent, pool, accepted } = variantsOf(a, w);
  const hostile = hostileValue(opts.maxString, opts.live);
  const huge = fc.constantFrom('x'.repeat(opts.maxString), '字'.repeat(opts.maxString), `${'1'.repeat(opts.maxString)}x`);
  const stringPaths = paths.filter((p) => typeof getAt(valid, p) === 'string');

  const steps: Array<{ weight: number; arbitrary: fc.Arbitrary<Step> }> = [
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...STRANGER_KEYS, 'x'), hostile).map(
        ([k, v]): Step =>
          (o) =>
            k === 'action' ? o : withKey(clone(o), k, v),
      ),
    },
  ];
  if (paths.length) {
    const path = fc.constantFrom(...paths);
    steps.push({
      weight: 2,
      arbitrary: path.map(
        (p): Step =>
          (o) =>
            setAt(o, p, undefined, true),
      ),
    });
    steps.push({
      weight: 3,
      arbitrary: fc.tuple(path, hostile).map(
        ([p, v]): Step =>
          (o) =>
            setAt(o, p, v),
      ),
    });
    steps.push({
      weight: 2,
      arbitrary: fc.tuple(path, fc.constantFrom(...pool)).map(
        ([p, v]): Step =>
          (o) =>
            setAt(o, p, v),
      ),
    });
  }
  if (accepted.length) steps.push({ weight: 4, arbitrary: acceptedSwap({ valid, paths, absent, pool, accepted }) });
  if (absent.length) {
    steps.push({
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...absent), fc.oneof(hostile, fc.constantFrom(...pool))).map(
        ([f, v]): Step =>
          (o) =>
            setAt(o, [f], v),
      ),
    });
  }
  if (stringPaths.length) {
    steps.push({
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...stringPaths), huge).map(
        ([p, v]): Step =>
          (o) =>
            setAt(o, p, v),
      ),
    });
  }
  return fc
    .array(fc.oneof(...steps), { minLength: 1, maxLength: 3 })
    .map((chosen) => chosen.reduce((o, step) => step(o), valid))
    .map((o) => {
      // The event's `action` names the call; an input field of that name is never the input's.
      if (Object.hasOwn(o, 'action')) delete o.action;
      return o;
    });
}

/** An input object for an action: its own field names (and strangers) with hostile values. */
export function hostileObject(schema: z.ZodType, maxString: number, live: boolean): fc.Arbitrary<Json> {
  const known = fieldsOf(schema);
  const key = fc.oneof(
    { weight: 6, arbitrary: known.length ? fc.constantFrom(...known) : fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom(...STRANGER_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  return fc
    .uniqueArray(fc.tuple(key, hostileValue(maxString, live)), { maxLength: known.length + 2, selector: ([k]) => k })
    .map((entries) => {
      const o: Json = {};
      for (const [k, v] of entries) if (k !== 'action') withKey(o, k, v);
      return o;
    });
}

const ANYTHING = fc.anything({
  maxDepth: 4,
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...STRANGER_KEYS)),
  withObjectString: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
});

const EXTREMES: unknown[] = [
  undefined,
  null,
  0,
  Number.NaN,
  '',
  'x'.repeat(100_000),
  [],
  TEN_THOUSAND,
  DEEP_OBJECT,
  DEEP_ARRAY,
  OWN_PROTO,
  nullProto({}),
  nullProto({ page: 1 }),
  Object.create({ page: 1 }),
  new Date(Number.NaN),
];

/** What `safeParse` may be handed in process: mutations, hostile objects, anything, extremes. */
export function schemaCase(a: ActionRef, w: FuzzWorld): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedInput(a, w, { live: false, maxString: 100_000 }) },
    { weight: 1, arbitrary: acceptedVariant(a, w) },
    { weight: 2, arbitrary: hostileObject(a.schema, 100_000, false) },
    { weight: 1, arbitrary: ANYTHING },
    { weight: 1, arbitrary: fc.constantFrom(...EXTREMES) },
  );
}

/**
 * What a live call sends (JSON): mostly mutations of the valid input, among them many the schema
 * accepts (to reach the handler with edge values), and some hostile objects.
 */
export function liveCase(a: ActionRef, w: FuzzWorld): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 3, arbitrary: mutatedInput(a, w, { live: true, maxString: 20_000 }) },
    { weight: 2, arbitrary: acceptedVariant(a, w) },
    { weight: 1, arbitrary: hostileObject(a.schema, 20_000, true) },
  );
}

// ---- part one: the schemas, in process ------------------------------------------------

const CHINESE = /[\u4e00-\u9fa5]/;
/** A schema slower than this on one input is a problem too (a regular expression that backtracks). */
const SLOW_PARSE_MS = 1_000;

export interface SchemaResult {
  cases: number;
  refused: number;
  problems: string[];
}

/**
 * Each action's schema takes `runs` cases. It must never throw, never take long, and a refusal
 * must read, in Chinese, as the message `main` would send.
 */
export function fuzzSchemas(actions: ActionRef[], runs: number, seed: number, w: FuzzWorld = placeholderWorld()): SchemaResult {
  const out: SchemaResult = { cases: 0, refused: 0, problems: [] };
  for (const [i, a] of actions.entries()) {
    try {
      fc.assert(
        fc.property(schemaCase(a, w), (input) => {
          out.cases++;
          const problem = checkSchemaCase(a, input);
          if (problem === 'refused') out.refused++;
          else if (problem) throw new Error(problem);
        }),
        { numRuns: runs, seed: seed + i, endOnFailure: true },
      );
    } catch (e) {
      out.problems.push(`${keyOf(a)}: ${firstLines((e as Error).message, 8)}`);
    }
  }
  return out;
}

/** One in-process case: null (accepted), 'refused' (refused in Chinese), or what is wrong. */
export function checkSchemaCase(a: ActionRef, input: unknown): string | null {
  const t = performance.now();
  const r = a.schema.safeParse(input);
  const ms = performance.now() - t;
  if (ms > SLOW_PARSE_MS) return `safeParse took ${ms.toFixed(0)} ms`;
  if (r.success) return null;
  const msg = firstMessage(r.error);
  if (!msg || !CHINESE.test(msg)) return `refused without Chinese words: "${msg}" (zod: ${r.error.issues[0]?.message})`;
  return 'refused';
}

const firstLines = (s: string, n: number) =>
  String(s)
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, n)
    .join(' | ')
    .slice(0, 1_500);

// ---- part two: through the real functions ---------------------------------------------

export type Persona = 'retiree' | 'admin' | 'family' | 'newcomer' | 'staff';

/**
 * The callers of an action: the admin and a retiree always; a new WeChat user (a guest) too where a
 * guest may call but not everyone may (binding, asking to help, claiming an invitation go other ways
 * for a guest); and a family member where none of them may (so every handler is reached).
 */
export function personasFor(a: ActionRef): Persona[] {
  const out: Persona[] = ['admin', 'retiree'];
  if (a.roles.includes('guest') && !a.roles.includes('anonymous')) out.push('newcomer');
  else if (!a.roles.includes('admin') && !a.roles.includes('retiree')) out.push('family');
  return out;
}

/** Every code the envelope knows, except INTERNAL (a crash). */
const KNOWN_CODES = new Set<string>(ERROR_CODES.filter((c) => c !== 'INTERNAL'));

/**
 * Refusals that write, on purpose, and where. Anything else a refusal writes is a problem.
 * (The daily counters count an attempt before its outcome is known, so that guessing costs.)
 */
export const REFUSAL_WRITES: Record<string, { collections: string[]; why: string }> = {
  'account.bind.confirm': { collections: [COLLECTIONS.bindAttempts], why: 'a wrong code uses up one of the attempt’s tries' },
  'account.family.request': {
    collections: [COLLECTIONS.rateLimits],
    why: 'the daily limit counts a request before the elder is looked up (so guessing ID numbers costs)',
  },
};

/** Bytes in the emulator's data folder: the database log (and which file), and everything else (storage, outboxes). */
interface Footprint {
  wal: string;
  walBytes: number;
  otherBytes: number;
}

function footprint(dataDir: string): Footprint {
  const dbDir = path.join(dataDir, 'db');
  const logs = fs
    .readdirSync(dbDir)
    .filter((f) => /^wal-\d+\.jsonl$/.test(f))
    .sort((x, y) => Number(/\d+/.exec(x)?.[0]) - Number(/\d+/.exec(y)?.[0]));
  const wal = path.join(dbDir, logs[logs.length - 1] ?? 'wal-0.jsonl');
  let otherBytes = 0;
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (p !== wal) otherBytes += fs.statSync(p).size;
    }
  };
  walk(dataDir);
  return { wal, walBytes: fs.existsSync(wal) ? fs.statSync(wal).size : 0, otherBytes };
}

/** The collections the database log gained writes in since `before`. */
function collectionsWritten(before: Footprint): string[] {
  const fd = fs.openSync(before.wal, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - before.walBytes));
    fs.readSync(fd, buf, 0, buf.length, before.walBytes);
    const out = new Set<string>();
    for (const line of buf.toString('utf8').split('\n').filter(Boolean)) {
      const rec = JSON.parse(line) as { w?: Array<[string]>; cc?: string };
      for (const [coll] of rec.w ?? []) out.add(coll);
      if (rec.cc) out.add(rec.cc);
    }
    return [...out].sort();
  } finally {
    fs.closeSync(fd);
  }
}

export interface LiveResult {
  calls: number;
  ok: number;
  internal: number;
  refusedByCode: Record<string, number>;
  /** Refusals that wrote, by action (those of REFUSAL_WRITES, where expected). */
  refusalWrites: Record<string, number>;
  problems: string[];
}

export interface LiveSetup {
  cloud: LocalCloud;
  world: FuzzWorld;
  tokens: Record<Persona, string>;
}

/**
 * The seeded emulator's world for the live run: the demo personas' ids, and what the valid inputs
 * need (a pending family request, a staff member, an invitation, a question, an event with
 * occurrences and registrations, an import and a matching job, a face attempt, a binding attempt).
 */
export async function buildWorld(cloud: LocalCloud): Promise<LiveSetup> {
  const [mine, , parent, newcomer] = demo.roster;
  const tokens = {} as Record<Persona, string>;
  for (const p of ['retiree', 'admin', 'family', 'newcomer', 'staff'] as const) tokens[p] = await cloud.tokenFor(p);
  let seq = 0;
  const rid = () => `fuzzworld${(seq++).toString(36).padStart(4, '0')}`;
  const as = async (token: string, fn: string, data: Json) => {
    const res = await cloud.callFunction(fn, data, token);
    if (!res?.ok) throw new Error(`fuzz world: ${fn}.${data.action} answered ${JSON.stringify(res)}`);
    return res.data;
  };
  const admin = (fn: string, data: Json) => as(tokens.admin, fn, data);

  const me = await as(tokens.retiree, 'account', { action: 'me.get' });
  const family = await as(tokens.family, 'account', { action: 'me.get' });
  const notices = await as(tokens.retiree, 'content', { action: 'notice.list' });
  const roster = await admin('account', { action: 'roster.list', street: S });
  const other = roster.items.find((r: { id: string }) => r.id !== me.retiree.id && r.id !== family.helping[0].retireeId);

  // Someone new asks to help the retiree; the request waits for the retiree's (or staff's) answer.
  const helper = await cloud.newUser('wx');
  await as(helper.token, 'account', { action: 'privacy.accept', version: PRIVACY_VERSION });
  await as(helper.token, 'account', {
    action: 'family.request',
    elderName: mine.name,
    idNumber: mine.idNumber,
    relation: '女儿',
    helperName: '模糊测试',
    requestId: rid(),
  });
  const asked = await as(helper.token, 'account', { action: 'family.mine' });

  const invite = async () =>
    (await admin('account', { action: 'staff.invite', name: '模糊测试', role: 'staff', streets: [S], requestId: rid() })).code;
  const staffUser = await cloud.newUser('web');
  const claimed = await as(staffUser.token, 'account', { action: 'staff.claim', code: await invite() });

  const question = await as(tokens.retiree, 'content', { action: 'question.ask', text: '模糊测试：认证怎么办？', requestId: rid() });

  const publishedEvent = async (over: Json) => {
    const saved = await admin('events', { action: 'event.save', ...eventInput(over), requestId: rid() });
    await admin('events', { action: 'event.publish', eventId: saved.id });
    const got = await admin('events', { action: 'event.get', eventId: saved.id });
    return { eventId: saved.id as string, occurrenceIds: got.occurrences.map((o: { id: string }) => o.id) as string[] };
  };
  const event = await publishedEvent({});
  const approval = await publishedEvent({ needsApproval: true, title: '模糊测试审核活动' });
  const registration = await admin('events', {
    action: 'registration.create',
    occurrenceId: event.occurrenceIds[0],
    retireeId: me.retiree.id,
    requestId: rid(),
  });
  const pending = await as(tokens.retiree, 'events', {
    action: 'registration.create',
    occurrenceId: approval.occurrenceIds[0],
    retireeId: me.retiree.id,
    requestId: rid(),
  });

  const importJob = await admin('roster', {
    action: 'import.start',
    fileID: 'cloud://local-dev.bucket/none.csv',
    fileName: 'none.csv',
    requestId: rid(),
  });
  const matchJob = await admin('comparison', {
    action: 'match.start',
    fileId: 'cloud://local-dev.bucket/none.csv',
    fileName: 'none.csv',
    requestId: rid(),
  });

  await as(tokens.retiree, 'certification', { action: 'face.consent', version: FACE_CONSENT_VERSION });
  const face = await as(tokens.retiree, 'certification', {
    action: 'face.start',
    retireeId: me.retiree.id,
    channel: 'weapp',
    requestId: rid(),
  });

  await as(tokens.newcomer, 'account', { action: 'privacy.accept', version: PRIVACY_VERSION });
  const bind = await as(tokens.newcomer, 'account', {
    action: 'bind.start',
    name: newcomer.name,
    idNumber: newcomer.idNumber,
    requestId: rid(),
  });

  const world: FuzzWorld = {
    noticeId: notices.items[0].id,
    answerId: 'seed-answer-cert-how-often',
    retireeId: me.retiree.id,
    retireeName: mine.name,
    retireeIdNumber: mine.idNumber,
    elderId: family.helping[0].retireeId,
    elderName: parent.name,
    elderIdNumber: parent.idNumber,
    familyLinkId: family.helping[0].linkId,
    otherRetireeId: other.id,
    newcomerName: newcomer.name,
    newcomerIdNumber: newcomer.idNumber,
    pendingLinkId: asked.helping[0].id,
    staffUserId: claimed.userId,
    inviteCode: await invite(),
    questionId: question.id,
    eventId: event.eventId,
    occurrenceIds: [event.occurrenceIds[0], event.occurrenceIds[1], event.occurrenceIds[2]],
    registrationId: registration.id,
    pendingRegistrationId: pending.id,
    importJobId: importJob.id,
    matchJobId: matchJob.id,
    faceAttemptId: face.attemptId,
    bindAttemptId: bind.attemptId,
  };
  return { cloud, world, tokens };
}

/** Late actions last, the others in table order. */
export function liveOrder(actions: ActionRef[]): ActionRef[] {
  const late = (a: ActionRef) => LATE_ACTIONS.indexOf(keyOf(a));
  return [...actions].sort((x, y) => late(x) - late(y));
}

/**
 * One call, checked: the answer is the envelope with a known code (never INTERNAL) and a
 * Chinese message, and a refusal writes nothing (or, for REFUSAL_WRITES, only where expected).
 */
export async function liveCall(setup: LiveSetup, a: ActionRef, who: Persona, input: Json, out: LiveResult): Promise<string> {
  const { cloud } = setup;
  let seq = out.calls;
  const data: Json = {};
  for (const [k, v] of Object.entries(input))
    withKey(data, k, v === REQUEST_ID ? `fuzz${Date.now().toString(36)}${(seq++).toString(36)}` : v);
  data.action = a.action;
  const before = footprint(cloud.dataDir);
  const label = `${keyOf(a)} as ${who}`;
  out.calls++;
  let res: any;
  try {
    res = await cloud.callFunction(a.fn, data, setup.tokens[who]);
  } catch (e) {
    // Over the platform's ~100 KB a call: refused at the door (413), which must write nothing either.
    const status = (e as { status?: number }).status;
    const key = `HTTP ${status}`;
    out.refusedByCode[key] = (out.refusedByCode[key] ?? 0) + 1;
    if (status !== 413) out.problems.push(`${label}: HTTP ${status} ${(e as Error).message} for ${short(input)}`);
    checkNoWrite(cloud.dataDir, before, a, label, key, input, out);
    return key;
  }
  if (res?.ok === true) {
    out.ok++;
    return 'ok';
  }
  const code = res?.error?.code;
  out.refusedByCode[code] = (out.refusedByCode[code] ?? 0) + 1;
  if (code === 'INTERNAL') {
    out.internal++;
    out.problems.push(`${label}: INTERNAL for ${short(input)}`);
  } else if (!KNOWN_CODES.has(code)) out.problems.push(`${label}: unknown answer ${short(res)} for ${short(input)}`);
  else if (typeof res.error.message !== 'string' || !CHINESE.test(res.error.message))
    out.problems.push(`${label}: ${code} without Chinese words: "${res.error.message}"`);
  checkNoWrite(cloud.dataDir, before, a, label, code, input, out);
  return code;
}

function checkNoWrite(dataDir: string, before: Footprint, a: ActionRef, label: string, code: string, input: Json, out: LiveResult) {
  const after = footprint(dataDir);
  if (after.wal !== before.wal) return; // the log was compacted meanwhile (not at these sizes): nothing to compare
  if (after.walBytes === before.walBytes && after.otherBytes === before.otherBytes) return;
  const colls = collectionsWritten(before);
  const allowed = REFUSAL_WRITES[keyOf(a)];
  if (allowed && after.otherBytes === before.otherBytes && colls.every((c) => allowed.collections.includes(c))) {
    out.refusalWrites[keyOf(a)] = (out.refusalWrites[keyOf(a)] ?? 0) + 1;
    return;
  }
  out.problems.push(
    `${label}: refused (${code}) but wrote ${after.walBytes - before.walBytes} bytes to the database (${colls.join(', ') || '-'}) and ${
      after.otherBytes - before.otherBytes
    } elsewhere, for ${short(input)}`,
  );
}

/**
 * Part two: `runs` cases an action (mostly mutations of its valid input), each sent as every
 * persona of `personasFor`, late actions last.
 */
export async function fuzzLive(setup: LiveSetup, actions: ActionRef[], runs: number, seed: number): Promise<LiveResult> {
  const out: LiveResult = { calls: 0, ok: 0, internal: 0, refusedByCode: {}, refusalWrites: {}, problems: [] };
  for (const [i, a] of liveOrder(actions).entries()) {
    const inputs = fc.sample(liveCase(a, setup.world), { numRuns: runs, seed: seed + i });
    for (const input of inputs) for (const who of personasFor(a)) await liveCall(setup, a, who, input, out);
  }
  return out;
}

/**
 * Inputs that once found a bug, kept as fixed cases: the live test sends each (as `who`, expecting
 * `answer`) and the in-process test parses each. `input` gets the live world, so ids are real.
 */
export const REGRESSIONS: Array<{
  fn: string;
  action: string;
  who: Persona;
  input: (w: FuzzWorld) => Json;
  answer: string;
  found: string;
}> = [
  {
    fn: 'certification',
    action: 'face.start',
    who: 'retiree',
    input: (w) => ({ retireeId: w.retireeId, channel: 'h5', requestId: REQUEST_ID }),
    answer: 'INVALID_INPUT',
    found: 'h5 without a returnUrl was refused only after a face attempt had been written (face_attempts)',
  },
  {
    fn: 'certification',
    action: 'face.start',
    who: 'retiree',
    input: (w) => ({ retireeId: w.retireeId, channel: 'h5', returnUrl: 'https://evil.example/x', requestId: REQUEST_ID }),
    answer: 'INVALID_INPUT',
    found: 'h5 with a returnUrl elsewhere was refused only after a face attempt had been written (face_attempts)',
  },
  {
    fn: 'account',
    action: 'family.request',
    who: 'family',
    input: (w) => ({ elderName: w.elderName, idNumber: w.elderIdNumber, relation: '女儿', helperName: '模糊测试', requestId: REQUEST_ID }),
    answer: 'CONFLICT',
    found: 'asking again to help an elder already helped was refused only after a place had been taken and given back (retirees)',
  },
  {
    fn: 'account',
    action: 'roster.list',
    who: 'admin',
    input: () => ({ street: S, name: '\u0000', page: 1 }),
    answer: 'ok',
    found: 'a name with a NUL character made a search pattern the database refuses (BSON): INTERNAL',
  },
];

const short = (v: unknown) => {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s;
};
