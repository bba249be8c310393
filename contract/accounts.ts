import { z } from 'zod';
import { CERT_STATES, type CertificationState } from './certification';
import { requestIdSchema } from './common';
import type { CallerRole } from './envelope';
import { idNumberSchema } from './idCard';

/**
 * Accounts and trust: privacy consent, binding a WeChat user to a roster entry, family
 * links, staff accounts and scopes, the roster seen by staff, personal-data reveals and
 * the audit log. Schemas carry their Chinese messages; both sides import them.
 */
export const PRIVACY_VERSION = '2026-11';
/** How many people may help one elder at a time (pending requests included). */
export const MAX_HELPERS = 8;
/** Binding and link requests: attempts per WeChat user per day, and per roster entry per day. */
export const BIND_ATTEMPTS_PER_DAY = 5;
export const CODE_TTL_MINUTES = 10;
export const CODE_TRIES = 5;
export const ROSTER_PAGE_SIZE = 20;
/** How the roster may be sorted: by place and name, or by the last certification either way. */
export const ROSTER_SORTS = ['name', 'certifiedLongAgo', 'certifiedRecently'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
export const AUDIT_PAGE_SIZE = 50;

/** The district's streets (this deployment's; the demo data uses the same list). */
export const STREETS = ['海沧街道', '新阳街道', '嵩屿街道', '东孚街道'] as const;
export const RELATIONS = ['儿子', '女儿', '配偶', '孙子女', '儿媳', '女婿', '兄弟姐妹', '其他亲属', '朋友邻居'] as const;
export const REVEAL_PURPOSES = {
  certification: '办理资格认证',
  contact: '联系本人或家属',
  correction: '核对更正信息',
  visit: '上门服务',
} as const;

const personName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(20, '姓名不能超过20个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能是汉字或字母');
const requestId = requestIdSchema;
const docId = (what: string) =>
  z
    .string({ error: `缺少${what}` })
    .min(1, `缺少${what}`)
    .max(64, `${what}不对`);
const streets = z.union([
  z.literal('all'),
  z
    .array(z.enum(STREETS, { error: '街道不对' }))
    .min(1, '请至少选一个街道')
    .max(STREETS.length),
]);
const page = z.number().int().min(1).max(10_000).default(1);

export const accountSchemas = {
  'me.get': z.object({}).strict(),
  /** Everything held about the caller: their account, roster entry (masked), links, consents, who read their data. */
  'me.data': z.object({}).strict(),
  /** Undo the binding; the roster entry stays, the WeChat account no longer acts as that retiree. */
  'me.unbind': z.object({ confirm: z.literal(true, { error: '请确认解除绑定' }) }).strict(),

  'privacy.accept': z.object({ version: z.literal(PRIVACY_VERSION, { error: '隐私说明已更新，请重新阅读' }) }).strict(),

  /** Step 1 of binding: name + ID number. The answer never says whether the ID is on the roster. */
  'bind.start': z.object({ name: personName, idNumber: idNumberSchema, requestId }).strict(),
  /** Step 2: the code from the SMS sent to the roster's phone. */
  'bind.confirm': z
    .object({
      attemptId: docId('验证编号'),
      code: z
        .string({ error: '请填写验证码' })
        .trim()
        .regex(/^\d{6}$/, '验证码是6位数字'),
    })
    .strict(),

  /** A user asks to help an elder (name + ID + relation). */
  'family.request': z
    .object({
      elderName: personName,
      idNumber: idNumberSchema,
      relation: z.enum(RELATIONS, { error: '请选择您和长辈的关系' }),
      helperName: personName,
      requestId,
    })
    .strict(),
  /** The links I am part of: elders I help, and people helping me (with requests waiting for me). */
  'family.mine': z.object({}).strict(),
  /** The elder answers a request in their own WeChat. */
  'family.respond': z.object({ linkId: docId('申请编号'), accept: z.boolean() }).strict(),
  /** Either side (or staff) ends a link; it stops working at once. */
  'family.end': z.object({ linkId: docId('关系编号') }).strict(),
  /** A linked helper reads the elder's summary (the gate every act-for-the-elder goes through). */
  'family.elder': z.object({ retireeId: docId('长辈编号') }).strict(),
  /** Staff: requests waiting for approval in their streets (elders without a smartphone). */
  'family.queue': z.object({ page }).strict(),
  /** Staff approve or refuse a request, with a note of how they checked. */
  'family.review': z
    .object({
      linkId: docId('申请编号'),
      accept: z.boolean(),
      note: z.string({ error: '请写明核实方式' }).trim().min(2, '请写明核实方式，例如"本人到社区现场确认"').max(200, '备注不能超过200字'),
    })
    .strict(),

  /**
   * Staff: the roster in their scope, masked; filter by street, community, name and
   * certification state (as the last daily run stored it); sorted by name, or by the last
   * certification (longest ago first, never certified before anyone; or most recent first).
   */
  'roster.list': z
    .object({
      street: z.enum(STREETS).optional(),
      community: z.string().trim().max(30).optional(),
      name: z.string().trim().max(20).optional(),
      state: z.enum(CERT_STATES, { error: '认证情况不对' }).optional(),
      sort: z.enum(ROSTER_SORTS, { error: '排序方式不对' }).default('name'),
      page,
    })
    .strict(),
  'roster.get': z.object({ id: docId('人员编号') }).strict(),
  /** Staff: one whole ID or phone number, for a stated purpose; always audited. */
  'roster.reveal': z
    .object({
      id: docId('人员编号'),
      field: z.enum(['idNumber', 'phone'], { error: '要查看的内容不对' }),
      purpose: z.enum(Object.keys(REVEAL_PURPOSES) as [keyof typeof REVEAL_PURPOSES], { error: '请选择查看原因' }),
    })
    .strict(),

  /** Admin: staff accounts. */
  'staff.list': z.object({}).strict(),
  /** Admin: an invitation code for a new staff member (shown once). */
  'staff.invite': z.object({ name: personName, role: z.enum(['staff', 'admin']), streets, requestId }).strict(),
  /** A newly signed-in console user redeems the code. */
  'staff.claim': z
    .object({
      code: z
        .string({ error: '请填写邀请码' })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{8}$/, '邀请码是8位字母或数字'),
    })
    .strict(),
  'staff.update': z.object({ userId: docId('账号编号'), role: z.enum(['staff', 'admin']), streets }).strict(),
  'staff.disable': z.object({ userId: docId('账号编号') }).strict(),

  /** Admin: search the append-only audit log. */
  'audit.search': z
    .object({
      /** The audited action, e.g. 'pii.reveal.idNumber' (not `action`: that names the call). */
      kind: z.string().trim().max(40).optional(),
      actorUserId: z.string().trim().max(64).optional(),
      targetId: z.string().trim().max(64).optional(),
      from: z.iso.datetime({ offset: true, error: '开始时间不对' }).optional(),
      to: z.iso.datetime({ offset: true, error: '结束时间不对' }).optional(),
      page,
    })
    .strict(),
} as const;

export type AccountInput<A extends keyof typeof accountSchemas> = z.input<(typeof accountSchemas)[A]>;

export type Streets = 'all' | string[];

/** A roster entry as it leaves the server: personal numbers masked. */
export interface RetireeSummary {
  id: string;
  name: string;
  idMasked: string;
  phoneMasked: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  street: string;
  community: string;
  lastCertifiedAt: string | null;
  /** As the last daily run (or the person's own status check) stored it; null before any. */
  certState: CertificationState | null;
  abroad: boolean;
  nonMainlandId: boolean;
  bound: boolean;
}

export interface Me {
  role: CallerRole;
  name: string | null;
  userId: string | null;
  privacyAccepted: boolean;
  retiree: RetireeSummary | null;
  /** Elders this user helps (active links). */
  helping: Array<{ linkId: string; retireeId: string; name: string; relation: string }>;
  /** Requests to help me that wait for my answer. */
  pendingForMe: number;
  streets: Streets;
}

export interface BindStarted {
  attemptId: string;
  /** The same words whether or not the ID is on the roster. */
  message: string;
  expiresInMinutes: number;
}

export type LinkStatus = 'pending' | 'active' | 'refused' | 'ended';

export interface FamilyLink {
  id: string;
  retireeId: string | null;
  elderName: string;
  helperUserId: string;
  helperName: string;
  relation: string;
  status: LinkStatus;
  approvedBy: 'elder' | 'staff' | null;
  note: string | null;
  createdAt: string;
  endedAt: string | null;
}

export interface FamilyMine {
  helping: FamilyLink[];
  helpers: FamilyLink[];
}

export interface QueueItem extends FamilyLink {
  street: string;
  community: string;
  elderIdMasked: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  hasMore: boolean;
}

export interface StaffAccount {
  userId: string;
  name: string;
  role: 'staff' | 'admin';
  streets: Streets;
  disabled: boolean;
}

export interface Invitation {
  code: string;
  name: string;
  role: 'staff' | 'admin';
  streets: Streets;
  expiresAt: string;
}

export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  actorUserId: string | null;
  actorRole: string;
  target: { collection: string; id: string };
  detail: Record<string, unknown> | null;
}

export interface MyData {
  account: { userId: string | null; role: CallerRole; name: string | null; createdAt: string | null };
  retiree: RetireeSummary | null;
  links: FamilyLink[];
  consents: Array<{ kind: string; version: string; at: string }>;
  /** Who looked at or changed my records (staff reveals included). */
  accessLog: AuditRecord[];
}
