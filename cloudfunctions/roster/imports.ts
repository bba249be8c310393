import { type ImportJob, rosterSchemas } from '../../contract/roster';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, forbidden, isDuplicateKey, notFound } from '../_lib/errors';
import { now } from '../_lib/time';
import { getJob, type JobDoc, jobs, runSlice, toImportJob } from './job';

/** The roster covers the whole district: only district-wide staff (and admins) import it. */
function assertDistrictWide(caller: Caller) {
  if (caller.role !== 'admin' && caller.streets !== 'all') throw forbidden('只有区级工作人员可以导入花名册，请联系区里的同事');
}

async function ownJob(caller: Caller, jobId: string): Promise<JobDoc> {
  assertDistrictWide(caller);
  const job = await getJob(jobId);
  if (!job) throw notFound('没有找到这个导入任务');
  return job;
}

export const importActions = {
  'import.start': action({
    input: rosterSchemas['import.start'],
    roles: STAFF,
    handler: async ({ fileID, fileName, requestId }, { caller }): Promise<ImportJob> => {
      assertDistrictWide(caller);
      const requestKey = `${caller.userId}:${requestId}`;
      const at = now();
      const doc = {
        requestKey,
        fileID,
        fileName,
        createdBy: caller.userId,
        phase: 'validate',
        total: null,
        valid: 0,
        invalid: 0,
        cursor: 0,
        processed: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        sampleErrors: [],
        errorReportFileID: null,
        skipFileID: null,
        failure: null,
        filesRemovedAt: null,
        leaseUntil: new Date(0),
        leaseOwner: null,
        createdAt: at,
        updatedAt: at,
        finishedAt: null,
      };
      try {
        const { id } = (await jobs().add(doc)) as { id: string };
        await audit(caller, { action: 'roster.import.start', target: { collection: COLLECTIONS.importJobs, id }, detail: { fileName } });
        return toImportJob({ _id: id, ...doc } as JobDoc);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const { data } = await jobs().where({ requestKey }).limit(1).get();
        return toImportJob(data[0] as JobDoc); // a retried start: the same job
      }
    },
  }),

  'import.run': action({
    input: rosterSchemas['import.run'],
    roles: STAFF,
    handler: async ({ jobId }, { caller }): Promise<ImportJob> => {
      await ownJob(caller, jobId);
      const job = await runSlice(jobId, caller);
      if (!job) throw new AppError('NOT_FOUND', '没有找到这个导入任务');
      return toImportJob(job);
    },
  }),

  'import.get': action({
    input: rosterSchemas['import.get'],
    roles: STAFF,
    handler: async ({ jobId }, { caller }): Promise<ImportJob> => toImportJob(await ownJob(caller, jobId)),
  }),

  'import.list': action({
    input: rosterSchemas['import.list'],
    roles: STAFF,
    handler: async (_input, { caller }): Promise<ImportJob[]> => {
      assertDistrictWide(caller);
      const { data } = await jobs().orderBy('createdAt', 'desc').limit(20).get();
      return Promise.all((data as JobDoc[]).map(toImportJob));
    },
  }),
};
