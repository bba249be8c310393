import { comparisonSchemas, EMPTY_COUNTS, type MatchCounts, type MatchJob } from '../../contract/comparison';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { cloud } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { isDuplicateKey, notFound } from '../_lib/errors';
import { now } from '../_lib/time';
import { getMatchJob, type MatchJobDoc, matchJobs, runMatchSlice } from './job';

/**
 * Who sees a job: district-wide staff and admins every job; street staff the jobs they
 * could have started themselves (whole), and district-wide jobs only as far as their own
 * streets go (counts of their streets; rows, unmatched people and the report, which
 * cover everyone, hidden). Anything else does not exist for them.
 */
function view(caller: Caller, job: MatchJobDoc): { whole: boolean; streets: string[] | 'all' } | null {
  if (caller.streets === 'all') return { whole: true, streets: 'all' };
  const mine = caller.streets;
  if (job.streets !== 'all' && job.streets.every((s) => mine.includes(s))) return { whole: true, streets: 'all' };
  const shared = job.streets === 'all' ? mine : job.streets.filter((s) => mine.includes(s));
  return shared.length ? { whole: false, streets: shared } : null;
}

async function visibleJob(caller: Caller, jobId: string) {
  const job = await getMatchJob(jobId);
  const seen = job && view(caller, job);
  if (!job || !seen) throw notFound('没有找到这个比对任务');
  return { job, seen };
}

export async function toMatchJob(d: MatchJobDoc, seen: { whole: boolean; streets: string[] | 'all' }): Promise<MatchJob> {
  let counts: MatchCounts = { ...EMPTY_COUNTS, ...d.counts };
  if (seen.streets !== 'all') {
    counts = { ...EMPTY_COUNTS };
    for (const s of seen.streets) for (const [k, v] of Object.entries(d.byStreet?.[s] ?? {})) counts[k as keyof MatchCounts] += v ?? 0;
  }
  let reportUrl: string | null = null;
  if (seen.whole && d.reportFileId) {
    const res = (await cloud().getTempFileURL({ fileList: [d.reportFileId] })) as { fileList: Array<{ tempFileURL?: string }> };
    reportUrl = res.fileList[0]?.tempFileURL || null;
  }
  return {
    id: d._id,
    fileName: d.fileName,
    phase: d.phase,
    rows: seen.whole ? d.rows : null,
    invalidRows: seen.whole ? d.invalidRows : 0,
    people: seen.whole ? d.people : null,
    processed: seen.whole ? d.processed : counts.matched,
    counts,
    unmatched: seen.whole ? d.unmatched : 0,
    sampleProblems: seen.whole ? d.sampleProblems : [],
    reportUrl,
    failure: d.failure,
    streets: d.streets,
    whole: seen.whole,
    createdAt: new Date(d.createdAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
  };
}

export const matchActions = {
  'match.start': action({
    input: comparisonSchemas['match.start'],
    roles: STAFF,
    handler: async ({ fileId, fileName, requestId }, { caller }): Promise<MatchJob> => {
      const requestKey = `${caller.userId}:${requestId}`;
      const at = now();
      const doc = {
        requestKey,
        fileId,
        fileName,
        createdBy: caller.userId,
        streets: caller.streets,
        day: shanghaiDay(at),
        phase: 'read',
        rows: null,
        invalidRows: 0,
        people: null,
        cursor: 0,
        processed: 0,
        unmatched: 0,
        counts: { ...EMPTY_COUNTS },
        byStreet: {},
        sampleProblems: [],
        peopleFileId: null,
        readRows: 0,
        readParts: [],
        reportParts: [],
        reportFileId: null,
        failure: null,
        filesRemovedAt: null,
        leaseUntil: new Date(0),
        leaseOwner: null,
        createdAt: at,
        updatedAt: at,
        finishedAt: null,
      };
      try {
        const { id } = (await matchJobs().add(doc)) as { id: string };
        await audit(caller, { action: 'comparison.start', target: { collection: COLLECTIONS.matchJobs, id }, detail: { fileName } });
        return toMatchJob({ _id: id, ...doc } as MatchJobDoc, { whole: true, streets: 'all' });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const { data } = await matchJobs().where({ requestKey }).limit(1).get();
        return toMatchJob(data[0] as MatchJobDoc, { whole: true, streets: 'all' }); // a retried start: the same job
      }
    },
  }),

  'match.run': action({
    input: comparisonSchemas['match.run'],
    roles: STAFF,
    handler: async ({ jobId }, { caller }): Promise<MatchJob> => {
      const { seen } = await visibleJob(caller, jobId);
      const job = await runMatchSlice(jobId, caller);
      if (!job) throw notFound('没有找到这个比对任务');
      return toMatchJob(job, seen);
    },
  }),

  'match.get': action({
    input: comparisonSchemas['match.get'],
    roles: STAFF,
    handler: async ({ jobId }, { caller }): Promise<MatchJob> => {
      const { job, seen } = await visibleJob(caller, jobId);
      return toMatchJob(job, seen);
    },
  }),

  'match.list': action({
    input: comparisonSchemas['match.list'],
    roles: STAFF,
    handler: async (_input, { caller }): Promise<MatchJob[]> => {
      const { data } = await matchJobs().orderBy('createdAt', 'desc').limit(100).get();
      const visible = (data as MatchJobDoc[]).flatMap((d) => {
        const seen = view(caller, d);
        return seen ? [{ d, seen }] : [];
      });
      return Promise.all(visible.slice(0, 20).map(({ d, seen }) => toMatchJob(d, seen)));
    },
  }),
};
