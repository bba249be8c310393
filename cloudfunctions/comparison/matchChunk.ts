import { type CertificationRules, type Evidence, evidenceCertifies, oldestFreshDay } from '../../contract/certification';
import type { MatchCounts } from '../../contract/comparison';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { isDuplicateKey } from '../_lib/errors';
import { type AutoCertStop, type RetireeDoc, retirees } from '../_lib/retirees';
import { type CertificationInput, certificationsCol, recordCertifications } from '../certification/record';
import { sameName } from './evidenceRows';
import { reportLine } from './report';

/** One person of a file: what all their rows say, gathered (see job.ts, the read phase). */
export interface Person {
  /** The keyed hash of the ID number (= the roster's idHash). */
  h: string;
  /** The ID number masked, for the report. */
  m: string;
  /** The names the file uses for them (at most 3). */
  n: string[];
  /** The first row naming them. */
  r: number;
  /** Strong and weak sources: the latest day of each. */
  ev: Record<string, string>;
  /** The latest death or cancellation record. */
  st: { source: string; date: string } | null;
}

interface Ctx {
  jobId: string;
  streets: 'all' | string[];
  day: string;
  rules: CertificationRules;
}

type Roster = Pick<RetireeDoc, '_id' | 'idHash' | 'name' | 'street' | 'community' | 'lastCertifiedAt' | 'autoCertStop'>;
type Category = keyof Omit<MatchCounts, 'matched'>;

interface EvidenceDoc {
  _id: string;
  retireeId: string;
  source: string;
  date: string;
}

const stopKind = (source: string): AutoCertStop['kind'] => (source.includes('注销') ? 'cancellation' : 'death');
const ids1000 = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / 1000) }, (_, i) => list.slice(i * 1000, i * 1000 + 1000));

/**
 * Decide and write one chunk of people (at most 1,000). Each person lands in exactly one
 * category: stop record in the file → on the verification list (a conflict if the same file
 * also certifies them); an earlier stop still open or confirmed → not certified; a name that
 * differs from the roster's → conflict, not certified; else the rule decides (the file's
 * records plus the weak ones kept from earlier files). Safe to run twice: the second time
 * finds this job's own writes and counts them the same.
 */
export async function matchChunk(chunk: Person[], ctx: Ctx) {
  const _ = db().command;
  const { rules, day } = ctx;
  const counts: MatchCounts = { matched: 0, certified: 0, alreadyCertified: 0, notEnough: 0, stopRecords: 0, stopped: 0, conflicts: 0 };
  const byStreet: Record<string, Partial<MatchCounts>> = {};
  const lines: string[] = [];
  let unmatched = 0;
  const count = (r: Roster, c: Category) => {
    counts.matched++;
    counts[c]++;
    byStreet[r.street] ??= {};
    const s = byStreet[r.street];
    s.matched = (s.matched ?? 0) + 1;
    s[c] = (s[c] ?? 0) + 1;
  };
  const line = (kind: string, p: Person, source: string, date: string, note: string) =>
    lines.push(reportLine([kind, p.r, p.m, p.n.join('/'), source, date, note]));
  const fileSources = (p: Person) => Object.keys(p.ev).join('、');

  const { data } = await retirees()
    .where({ idHash: _.in(chunk.map((p) => p.h)) })
    .field({ _id: true, idHash: true, name: true, street: true, community: true, lastCertifiedAt: true, autoCertStop: true })
    .limit(1000)
    .get();
  const byHash = new Map((data as Roster[]).map((r) => [r.idHash, r]));
  const inScope = (r: Roster) => ctx.streets === 'all' || ctx.streets.includes(r.street);

  // The weak records kept from earlier files: they may combine with this file's, and knowing
  // them tells a record to keep from one already kept (the same file again writes nothing).
  const weak = new Set(rules.evidence.weak);
  const oldest = oldestFreshDay(day, rules.evidence.maxAgeDays);
  const fresh = (d: string) => d <= day && d >= oldest;
  const needStored: string[] = [];
  for (const p of chunk) {
    const r = byHash.get(p.h);
    if (!r || !inScope(r)) continue;
    for (const s of weak) needStored.push(`${r._id}:${s}`);
  }
  const stored = new Map<string, EvidenceDoc>();
  for (const part of ids1000(needStored)) {
    const res = await db()
      .collection(COLLECTIONS.evidence)
      .where({ _id: _.in(part) })
      .limit(1000)
      .get();
    for (const e of res.data as EvidenceDoc[]) stored.set(e._id, e);
  }

  const toCertify: Array<{ p: Person; r: Roster; input: CertificationInput }> = [];
  const maybeOurs: Array<{ p: Person; r: Roster; key: string }> = [];
  const stops: Array<{ r: Roster; stop: AutoCertStop }> = [];
  const evidenceWrites: Array<{ doc: EvidenceDoc; existing: boolean }> = [];

  for (const p of chunk) {
    const r = byHash.get(p.h);
    if (!r || !inScope(r)) {
      unmatched++;
      line(
        '未匹配',
        p,
        fileSources(p) || (p.st?.source ?? ''),
        '',
        ctx.streets === 'all' ? '花名册里没有这个身份证号' : '您负责的街道的花名册里没有这个身份证号',
      );
      continue;
    }
    const records: Evidence[] = Object.entries(p.ev).map(([source, date]) => ({ source, date }));
    for (const s of weak) {
      const e = stored.get(`${r._id}:${s}`);
      if (e) records.push({ source: e.source, date: e.date });
    }
    const cert = evidenceCertifies(records, rules, day);
    const existingStop = r.autoCertStop ?? null;

    if (p.st) {
      const reopen = !existingStop || (existingStop.status === 'alive' && existingStop.date < p.st.date);
      if (reopen)
        stops.push({ r, stop: { kind: stopKind(p.st.source), source: p.st.source, date: p.st.date, jobId: ctx.jobId, status: 'open' } });
      if (cert) {
        count(r, 'conflicts');
        line(
          '冲突',
          p,
          `${p.st.source}；${cert.sources.join('、')}`,
          p.st.date,
          `同一文件里既有${p.st.source}记录，又有生存记录：按${p.st.source}处理，不认证，已列入核实名单`,
        );
      } else {
        count(r, 'stopRecords');
        line(
          '死亡或注销',
          p,
          p.st.source,
          p.st.date,
          reopen || existingStop?.jobId === ctx.jobId
            ? '已停止自动认证，列入核实名单，请尽快核实'
            : '此前已停止自动认证（或工作人员已核实过这条记录）',
        );
      }
      continue;
    }
    if (existingStop && existingStop.status !== 'alive') {
      count(r, 'stopped');
      continue;
    }
    const otherName = p.n.find((n) => !sameName(n, r.name));
    if (otherName) {
      count(r, 'conflicts');
      line('冲突', p, fileSources(p), '', `文件里的姓名"${otherName}"与花名册的"${r.name}"不一致：未认证，请核对`);
      continue;
    }

    // Weak records worth keeping: they may combine with another file's later. One no later
    // than the person's last certification can never move it, so it is not kept.
    const last = [r.lastCertifiedAt ?? '', cert?.date ?? ''].sort().pop() as string;
    for (const [source, date] of Object.entries(p.ev)) {
      if (!weak.has(source) || !fresh(date) || date <= last) continue;
      const id = `${r._id}:${source}`;
      const before = stored.get(id);
      if (before && before.date >= date) continue;
      evidenceWrites.push({ doc: { _id: id, retireeId: r._id, source, date }, existing: !!before });
    }

    if (!cert) {
      count(r, 'notEnough');
      continue;
    }
    const key = `data:${r._id}:${cert.date}`;
    if (r.lastCertifiedAt && r.lastCertifiedAt >= cert.date) {
      maybeOurs.push({ p, r, key });
      continue;
    }
    toCertify.push({
      p,
      r,
      input: {
        key,
        retiree: r,
        method: 'data',
        day: cert.date,
        source: cert.sources.join('、'),
        sources: cert.sources,
        operatorUserId: null,
        via: 'data',
        jobId: ctx.jobId,
      },
    });
  }

  // Already certified that day or later: by this job before a crash (it counts as certified, as
  // in an undisturbed run), or by anything else (no change).
  const ours = new Set<string>();
  for (const part of ids1000(maybeOurs.map((m) => m.key))) {
    const res = await certificationsCol()
      .where({ key: _.in(part), jobId: ctx.jobId })
      .field({ key: true })
      .limit(1000)
      .get();
    for (const c of res.data as Array<{ key: string }>) ours.add(c.key);
  }
  for (const m of maybeOurs) count(m.r, ours.has(m.key) ? 'certified' : 'alreadyCertified');

  await writeEvidence(evidenceWrites);
  await recordCertifications(toCertify.map((t) => t.input));
  for (const t of toCertify) count(t.r, 'certified');
  for (let i = 0; i < stops.length; i += 16) await Promise.all(stops.slice(i, i + 16).map(setStop));
  return { counts, byStreet, unmatched, lines };
}

/** Keep the latest day per person and source; new ones in one batch, never a day moved back. */
async function writeEvidence(writes: Array<{ doc: EvidenceDoc; existing: boolean }>) {
  const _ = db().command;
  const col = db().collection(COLLECTIONS.evidence);
  const fresh = writes.filter((w) => !w.existing).map((w) => w.doc);
  const update = async (doc: EvidenceDoc) => {
    const { _id, ...rest } = doc;
    await col.where({ _id, date: _.lt(doc.date) }).update(rest);
  };
  if (fresh.length) {
    try {
      await col.add(fresh);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // Written before (a chunk re-done after a crash), or by another job meanwhile: one at a time.
      for (const doc of fresh) {
        try {
          await col.add(doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          await update(doc);
        }
      }
    }
  }
  const older = writes.filter((w) => w.existing).map((w) => w.doc);
  for (let i = 0; i < older.length; i += 16) await Promise.all(older.slice(i, i + 16).map(update));
}

/** Stop automatic certification: only where none stands, or staff judged an older record wrong. */
async function setStop({ r, stop }: { r: Roster; stop: AutoCertStop }) {
  const _ = db().command;
  await retirees()
    .where(
      _.or([
        { _id: r._id, autoCertStop: null },
        { _id: r._id, 'autoCertStop.status': 'alive', 'autoCertStop.date': _.lt(stop.date) },
      ]),
    )
    .update({ autoCertStop: _.set(stop) });
}
