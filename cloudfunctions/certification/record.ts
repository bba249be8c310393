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

/** Records the certification; returns the record and whether this call wrote it (false: it was there). */
export async function recordCertification(input: CertificationInput): Promise<{ record: CertificationDoc; created: boolean }> {
  const { retiree, ...rest } = input;
  const doc = {
    ...rest,
    sources: input.sources ?? [input.source],
    providerRef: input.providerRef ?? null,
    operatorName: input.operatorName ?? null,
    place: input.place ?? null,
    note: input.note ?? null,
    jobId: input.jobId ?? null,
    retireeId: retiree._id,
    street: retiree.street,
    community: retiree.community,
    at: now(),
  };
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
 * is harmless (same day, a method as true as the other).
 */
export async function moveLastCertified(r: Pick<CertificationDoc, '_id' | 'retireeId' | 'day' | 'method' | 'source'>) {
  const _ = db().command;
  await db()
    .collection(COLLECTIONS.retirees)
    .where(
      _.or([
        { _id: r.retireeId, lastCertifiedAt: null },
        { _id: r.retireeId, lastCertifiedAt: _.lte(r.day) },
      ]),
    )
    .update({ lastCertifiedAt: r.day, lastMethod: r.method, lastSource: r.source, lastCertificationId: r._id });
}

/**
 * Many certifications at once (a comparison job writes up to 1,000 per chunk), with the same
 * invariants as recordCertification: one record per unique `key`, and each retiree's last
 * certification only ever moved forward. The records go in one batch insert; if any key is
 * already there (a chunk re-done after a crash), each is written the one-at-a-time way, which
 * finds the first record. Then the retirees are moved forward, some at a time.
 * Returns how many records this call wrote.
 */
export async function recordCertifications(inputs: CertificationInput[]): Promise<{ created: number }> {
  if (!inputs.length) return { created: 0 };
  const at = now();
  // The same document recordCertification writes.
  const docs = inputs.map(({ retiree, ...rest }) => ({
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
  }));
  let records: Array<Pick<CertificationDoc, '_id' | 'retireeId' | 'day' | 'method' | 'source'>>;
  let created = 0;
  try {
    const res = (await certificationsCol().add(docs)) as { ids: string[] };
    records = docs.map((d, i) => ({ ...d, _id: res.ids[i] }));
    created = docs.length;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    for (const input of inputs) if ((await recordCertification(input)).created) created++;
    return { created };
  }
  for (let i = 0; i < records.length; i += MOVE_IN_FLIGHT) await Promise.all(records.slice(i, i + MOVE_IN_FLIGHT).map(moveLastCertified));
  return { created };
}
const MOVE_IN_FLIGHT = 16;
