import type { CertificationMethod } from '../../contract/certification';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { isDuplicateKey } from '../_lib/errors';
import type { RetireeDoc } from '../_lib/retirees';
import { now } from '../_lib/time';

/**
 * One certification, written the same way whatever the method: a record in
 * `certifications` (who, which day, how, from where, who operated) and the retiree's
 * "last certified" moved forward.
 *
 * Idempotent by `key`: the record has a unique key, so a retried request (or the same
 * evidence file run twice) finds the first record and writes no second. The retiree's
 * update is conditional (only moves `lastCertifiedAt` forward), and runs on a retry too,
 * so a crash between the two writes is mended by the retry.
 */
export interface CertificationInput {
  /** Unique per real-world event: "face:<attemptId>", "data:<retireeId>:<day>", "staff:<requestKey>". */
  key: string;
  retiree: Pick<RetireeDoc, '_id' | 'street' | 'community'>;
  method: CertificationMethod;
  /** The day certified (UTC+8). */
  day: string;
  /** Evidence source(s) for data comparison; the provider ('wechat' | 'faceid') for face; the place for staff. */
  source: string;
  sources?: string[];
  /** Provider's reference (verifyId / BizToken) for face; never an image. */
  providerRef?: string | null;
  /** Who did the steps: the retiree's own account, a family member's, a staff member's; null for data. */
  operatorUserId: string | null;
  /** Their name at the time (the history shows "家人 张小明 帮助", "工作人员 李敏"). */
  operatorName?: string | null;
  via: 'self' | 'family' | 'staff' | 'data';
  place?: string | null;
  note?: string | null;
  jobId?: string | null;
}

export interface CertificationDoc extends Omit<CertificationInput, 'retiree'> {
  _id: string;
  retireeId: string;
  street: string;
  community: string;
  at: Date;
}

export const certificationsCol = () => db().collection(COLLECTIONS.certifications);

/** The stored record of one certification (the same for one and for a batch). */
function toDoc({ retiree, ...rest }: CertificationInput, at: Date): Omit<CertificationDoc, '_id'> {
  return {
    ...rest,
    sources: rest.sources ?? [rest.source],
    providerRef: rest.providerRef ?? null,
    operatorName: rest.operatorName ?? null,
    place: rest.place ?? null,
    note: rest.note ?? null,
    jobId: rest.jobId ?? null,
    retireeId: retiree._id,
    street: retiree.street,
    community: retiree.community,
    at,
  };
}

/** Records the certification; returns the record and whether this call wrote it (false: it was there). */
export async function recordCertification(input: CertificationInput): Promise<{ record: CertificationDoc; created: boolean }> {
  const doc = toDoc(input, now());
  let created = true;
  let id: string;
  try {
    const res = (await certificationsCol().add(doc)) as { id: string };
    id = res.id;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    created = false;
    const { data } = await certificationsCol().where({ key: input.key }).limit(1).get();
    const first = data[0] as CertificationDoc;
    await moveLastCertified(first);
    return { record: first, created };
  }
  const record = { _id: id, ...doc } as CertificationDoc;
  await moveLastCertified(record);
  return { record, created };
}

/**
 * Moves the retiree's last certification forward to this record's day (never back: a late
 * evidence file with an older day changes nothing). Same day: the later write wins, which
 * is harmless (same day, a method as true as the other). The retiree keeps the day and the
 * method; the source and the rest stay on the record (history.get, exports join them).
 */
export async function moveLastCertified(r: Pick<CertificationDoc, 'retireeId' | 'day' | 'method'>) {
  await moveLastCertifiedMany([r.retireeId], r.day, r.method);
}

/** The same forward move for many people certified the same day the same way: one conditional update. */
async function moveLastCertifiedMany(retireeIds: string[], day: string, method: CertificationMethod) {
  const _ = db().command;
  const ids = retireeIds.length === 1 ? retireeIds[0] : _.in(retireeIds);
  await db()
    .collection(COLLECTIONS.retirees)
    .where(
      _.or([
        { _id: ids, lastCertifiedAt: null },
        { _id: ids, lastCertifiedAt: _.lte(day) },
      ]),
    )
    .update({ lastCertifiedAt: day, lastMethod: method });
}

export async function recordCertifications(inputs: CertificationInput[]): Promise<{ created: number }> {
  if (!inputs.length) return { created: 0 };
  const at = now();
  const docs = inputs.map((input) => toDoc(input, at));
  let created = 0;
  try {
    await certificationsCol().add(docs);
    created = docs.length;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    for (const input of inputs) if ((await recordCertification(input)).created) created++;
    return { created };
  }
  // One update per (day, method): a file's certifications fall on a few dozen days.
  const groups = new Map<string, { day: string; method: CertificationMethod; ids: string[] }>();
  for (const d of docs) {
    const key = `${d.day}|${d.method}`;
    const g = groups.get(key) ?? { day: d.day, method: d.method, ids: [] };
    g.ids.push(d.retireeId);
    groups.set(key, g);
  }
  const list = [...groups.values()];
  for (let i = 0; i < list.length; i += MOVE_IN_FLIGHT) {
    await Promise.all(list.slice(i, i + MOVE_IN_FLIGHT).map((g) => moveLastCertifiedMany(g.ids, g.day, g.method)));
  }
  return { created };
}
const MOVE_IN_FLIGHT = 16;
