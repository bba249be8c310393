import { REVEAL_PURPOSES, STREETS } from '../../contract/accounts';
import {
  type CertificationStats,
  certificationReportSchemas,
  currentCycle,
  EXPORT_LISTS,
  type ExportList,
  type ExportResult,
  methodOf,
  STAT_METHOD_WORDS,
  STAT_METHODS,
  type StatMethod,
  type StatsRow,
} from '../../contract/certificationReports';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { certificationRules } from '../_lib/certificationRules';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { forbidden, isDuplicateKey, notFound } from '../_lib/errors';
import { createExportFile, type ExportColumn, tempUrl } from '../_lib/exportFile';
import { decryptPii } from '../_lib/pii';
import { inScope, pii, type RetireeDoc, retirees } from '../_lib/retirees';
import { now } from '../_lib/time';
import { certificationsCol } from './record';

/**
 * Statistics and exports for staff. Street staff see their streets, admins (and district-wide
 * staff) the district. Statistics are counted by the database (aggregation), never by loading
 * the roster; states come from the scheduler's last run, cycle figures from the dates.
 */
const PAGE = 1000;
const exportsCol = () => db().collection(COLLECTIONS.exports);

/** The streets a query covers: one asked for (if in scope), the caller's, or null = all. */
function scopeOf(caller: Caller, street: string | undefined): string[] | null {
  if (street) {
    if (!inScope(caller, street)) throw notFound('没有找到这个街道');
    return [street];
  }
  return caller.streets === 'all' ? null : caller.streets;
}

const emptyRow = (): StatsRow => ({
  due: 0,
  certified: 0,
  byMethod: Object.fromEntries(STAT_METHODS.map((m) => [m, 0])) as Record<StatMethod, number>,
  dataSharePercent: 0,
  dueSoon: 0,
  overdue: 0,
  suspended: 0,
  restored: 0,
  never: 0,
});

const STATE_FIELD: Record<string, keyof StatsRow | undefined> = {
  due_soon: 'dueSoon',
  overdue: 'overdue',
  suspended: 'suspended',
  restored: 'restored',
  never: 'never',
};

/** Share in percent, two decimals: 23,087 of 36,541 → 63.18. */
export const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 100 : 0);

export async function certificationStats(caller: Caller, street?: string): Promise<CertificationStats> {
  const rules = certificationRules();
  const today = shanghaiDay(now());
  const cycle = currentCycle(rules, today);
  const scope = scopeOf(caller, street);
  const _ = db().command;
  const $ = db().command.aggregate;
  const inScopeMatch = scope ? { street: _.in(scope) } : {};
  const group = async (match: Record<string, unknown>, id: Record<string, string>) =>
    (
      (await retirees()
        .aggregate()
        .match(match)
        .group({ _id: id, n: $.sum(1) })
        .limit(1000)
        .end()) as { data: Array<{ _id: Record<string, string | null>; n: number }> }
    ).data;

  const [byState, byMethod, confirmedDeaths, lastRun] = await Promise.all([
    group(inScopeMatch, { street: '$street', state: '$certState' }),
    group({ ...inScopeMatch, lastCertifiedAt: _.gte(cycle.from).and(_.lte(cycle.to)) }, { street: '$street', method: '$lastMethod' }),
    group({ ...inScopeMatch, 'autoCertStop.status': 'confirmed' }, { street: '$street' }),
    db().collection(COLLECTIONS.schedulerRuns).orderBy('_id', 'desc').limit(1).get(),
  ]);

  const rows = new Map<string, StatsRow>();
  const rowOf = (s: string) => {
    if (!rows.has(s)) rows.set(s, emptyRow());
    return rows.get(s) as StatsRow;
  };
  for (const s of scope ?? STREETS) rowOf(s);
  for (const g of byState) {
    const row = rowOf(String(g._id.street));
    row.due += g.n;
    const field = STATE_FIELD[String(g._id.state)];
    if (field) (row[field] as number) += g.n;
  }
  for (const g of confirmedDeaths) rowOf(String(g._id.street)).due -= g.n;
  for (const g of byMethod) {
    const row = rowOf(String(g._id.street));
    row.certified += g.n;
    row.byMethod[methodOf(g._id.method as never)] += g.n;
  }
  const totals = emptyRow();
  for (const row of rows.values()) {
    row.dataSharePercent = percent(row.byMethod.data, row.due);
    for (const k of ['due', 'certified', 'dueSoon', 'overdue', 'suspended', 'restored', 'never'] as const) totals[k] += row[k];
    for (const m of STAT_METHODS) totals.byMethod[m] += row.byMethod[m];
  }
  totals.dataSharePercent = percent(totals.byMethod.data, totals.due);
  const run = lastRun.data[0] as { day: string; stepsDone?: string[] } | undefined;
  return {
    today,
    cycle,
    statesAsOf: run?.stepsDone?.includes('states') ? run.day : null,
    totals,
    byStreet: [...rows.entries()].map(([s, row]) => ({ street: s, ...row })),
  };
}

// ---- exports ---------------------------------------------------------------------------

interface ExportDoc {
  _id: string;
  requestKey: string;
  list: ExportList;
  format: 'xlsx' | 'csv';
  whole: boolean;
  purpose: string | null;
  streets: string[] | 'all';
  status: 'writing' | 'done';
  fileName: string;
  fileId: string | null;
  rows: number | null;
  createdBy: string | null;
  createdAt: Date;
}

const COMMON: ExportColumn[] = [
  { header: '姓名', width: 10 },
  { header: '身份证号', width: 22 },
  { header: '手机号', width: 14 },
  { header: '街道', width: 10 },
  { header: '社区', width: 12 },
];
const METHOD_WORDS: Record<StatMethod, string> = STAT_METHOD_WORDS;

const LISTS: Record<ExportList, { columns: ExportColumn[]; cells: (d: RetireeDoc, source: string) => Array<string | null> }> = {
  certified: {
    columns: [...COMMON, { header: '认证日期', width: 12 }, { header: '认证方式', width: 12 }, { header: '来源', width: 14 }],
    cells: (d, source) => [d.lastCertifiedAt, METHOD_WORDS[methodOf(d.lastMethod)], source],
  },
  suspended: {
    columns: [...COMMON, { header: '上次认证日期', width: 12 }, { header: '暂停发放日期', width: 12 }],
    cells: (d) => [d.lastCertifiedAt ?? '无记录', d.suspendedAt ?? ''],
  },
  restored: {
    columns: [...COMMON, { header: '暂停发放日期', width: 12 }, { header: '认证日期', width: 12 }, { header: '恢复发放日期', width: 12 }],
    cells: (d) => [d.suspendedAt ?? '', d.lastCertifiedAt, d.restoredAt ?? ''],
  },
};

/** The source of each person's last certification, from its record (the roster keeps only day and method). */
async function lastSources(page: RetireeDoc[]): Promise<Map<string, string>> {
  const _ = db().command;
  const out = new Map<string, string>();
  const certified = page.filter((d) => d.lastCertifiedAt);
  for (let i = 0; i < certified.length; i += 250) {
    const part = certified.slice(i, i + 250);
    const { data } = await certificationsCol()
      .where({ retireeId: _.in(part.map((d) => d._id)), day: _.in([...new Set(part.map((d) => d.lastCertifiedAt as string))]) })
      .field({ retireeId: true, day: true, method: true, source: true })
      .limit(1000)
      .get();
    const last = new Map(part.map((d) => [d._id, d]));
    for (const r of data as Array<{ retireeId: string; day: string; method: string; source: string }>) {
      const d = last.get(r.retireeId);
      if (d && d.lastCertifiedAt === r.day && (!out.has(r.retireeId) || r.method === d.lastMethod)) out.set(r.retireeId, r.source);
    }
  }
  return out;
}

function listWhere(list: ExportList, cycle: { from: string; to: string }) {
  const _ = db().command;
  if (list === 'certified') return { lastCertifiedAt: _.gte(cycle.from).and(_.lte(cycle.to)) };
  if (list === 'suspended') return { certState: 'suspended' };
  return { restoredAt: _.gte(cycle.from) };
}

async function toResult(d: ExportDoc): Promise<ExportResult> {
  return {
    exportId: d._id,
    list: d.list,
    format: d.format,
    whole: d.whole,
    rows: d.rows ?? 0,
    fileName: d.fileName,
    fileId: d.fileId ?? '',
    url: d.fileId ? await tempUrl(d.fileId) : '',
  };
}

type ExportInput = {
  list: ExportList;
  format: 'xlsx' | 'csv';
  whole: boolean;
  purpose?: keyof typeof REVEAL_PURPOSES;
  street?: string;
  requestId: string;
};

export async function createExport(caller: Caller, input: ExportInput): Promise<ExportResult> {
  // Whole ID and phone numbers: admins only, and only for a stated purpose (the schema asks for it).
  if (input.whole && caller.role !== 'admin') throw forbidden('只有管理员可以导出完整号码，请选择“号码打码”');
  const scope = scopeOf(caller, input.street);
  const today = shanghaiDay(now());
  const cycle = currentCycle(certificationRules(), today);
  const fileName = `${EXPORT_LISTS[input.list]}-${today}${input.whole ? '-完整号码' : ''}.${input.format}`;
  const requestKey = `${caller.userId}:${input.requestId}`;
  let doc: ExportDoc;
  try {
    const fields = {
      requestKey,
      list: input.list,
      format: input.format,
      whole: input.whole,
      purpose: input.purpose ?? null,
      streets: scope ?? ('all' as const),
      status: 'writing' as const,
      fileName,
      fileId: null,
      rows: null,
      createdBy: caller.userId,
      createdAt: now(),
    };
    const { id } = (await exportsCol().add(fields)) as { id: string };
    doc = { _id: id, ...fields };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const { data } = await exportsCol().where({ requestKey }).limit(1).get();
    doc = data[0] as ExportDoc;
    // A retry of a finished export gets the same file; of one cut short, the file is written again.
    if (doc.status === 'done') return toResult(doc);
  }

  const _ = db().command;
  const spec = LISTS[doc.list];
  const file = await createExportFile(doc.format, spec.columns, EXPORT_LISTS[doc.list]);
  const subjects: string[] = [];
  let saved: { fileID: string; rows: number };
  try {
    const base = { ...listWhere(doc.list, cycle), ...(doc.streets === 'all' ? {} : { street: _.in(doc.streets) }) };
    let cursor: string | null = null;
    for (;;) {
      const { data } = await retirees()
        .where(cursor ? { ...base, _id: _.gt(cursor) } : base)
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get();
      const page = data as RetireeDoc[];
      if (!page.length) break;
      const sources = doc.list === 'certified' ? await lastSources(page) : new Map<string, string>();
      for (const d of page) {
        const id = doc.whole ? decryptPii(pii(), d.idEnc) : d.idMasked;
        const phone = d.phoneEnc ? (doc.whole ? decryptPii(pii(), d.phoneEnc) : d.phoneMasked) : '';
        await file.addRow([d.name, id, phone, d.street, d.community, ...spec.cells(d, sources.get(d._id) ?? '')]);
        if (doc.whole) subjects.push(d._id);
      }
      cursor = page[page.length - 1]._id;
    }
    saved = await file.save(`exports/${today}/${doc._id}/${fileName}`);
  } catch (e) {
    await file.discard();
    throw e;
  }

  // Audited before the link leaves: who, which list, masked or whole, how many rows.
  await audit(caller, {
    action: doc.whole ? 'export.whole' : 'export.masked',
    target: { collection: COLLECTIONS.exports, id: doc._id },
    subjectId: doc._id,
    detail: {
      list: doc.list,
      format: doc.format,
      whole: doc.whole,
      purpose: doc.purpose,
      purposeText: doc.purpose ? REVEAL_PURPOSES[doc.purpose as keyof typeof REVEAL_PURPOSES] : null,
      rows: saved.rows,
      streets: doc.streets,
    },
  });
  // A whole export reads each person's numbers: each of them can see it among their data.
  for (let i = 0; i < subjects.length; i += 500) {
    await db()
      .collection(COLLECTIONS.auditLog)
      .add(
        subjects.slice(i, i + 500).map((subjectId) => ({
          action: 'pii.export.whole',
          target: { collection: COLLECTIONS.exports, id: doc._id },
          subjectId,
          detail: { list: doc.list, purpose: doc.purpose, purposeText: REVEAL_PURPOSES[doc.purpose as keyof typeof REVEAL_PURPOSES] },
          actorUserId: caller.userId,
          actorRole: caller.role,
          at: db().serverDate(),
        })),
      );
  }
  await exportsCol().doc(doc._id).update({ status: 'done', fileId: saved.fileID, rows: saved.rows, finishedAt: now() });
  return toResult({ ...doc, status: 'done', fileId: saved.fileID, rows: saved.rows });
}

export const reportActions = {
  'stats.get': action({
    input: certificationReportSchemas['stats.get'],
    roles: STAFF,
    handler: ({ street }, { caller }) => certificationStats(caller, street),
  }),
  'export.create': action({
    input: certificationReportSchemas['export.create'],
    roles: STAFF,
    handler: (input, { caller }) => createExport(caller, input as ExportInput),
  }),
};
