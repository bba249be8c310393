import crypto from 'node:crypto';
import { db } from './cloud';

/**
 * The slice loop of a long job (a roster import, a comparison file): the job is a document
 * worked on in slices, each well inside the function's time limit, by whoever calls next.
 * A lease on the document (renewed with every committed chunk) keeps two callers from doing
 * the same work at once; a caller that dies simply lets its lease run out.
 */
const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Work per call, and how long a claim lasts without renewal, from the function's environment. */
export const jobTiming = (prefix: string, stepMs = 8_000, leaseMs = 30_000) => ({
  stepMs: () => env(`${prefix}_STEP_MS`, stepMs),
  leaseMs: () => env(`${prefix}_LEASE_MS`, leaseMs),
});

/** When a lease taken or renewed now ends. */
export const leaseEnd = (leaseMs: number) => new Date(Date.now() + leaseMs);

/** Claim the job for one slice; the owner token, or null if someone else holds it. */
export async function claimJob(collection: string, jobId: string, leaseMs: number): Promise<string | null> {
  const _ = db().command;
  const owner = crypto.randomUUID();
  const res = (await db()
    .collection(collection)
    .where({ _id: jobId, leaseUntil: _.lt(new Date()) })
    .update({ leaseUntil: leaseEnd(leaseMs), leaseOwner: owner })) as { updated: number };
  return res.updated === 1 ? owner : null;
}

export async function releaseJob(collection: string, jobId: string, owner: string) {
  await db()
    .collection(collection)
    .where({ _id: jobId, leaseOwner: owner })
    .update({ leaseUntil: new Date(0), leaseOwner: null });
}
