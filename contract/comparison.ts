import { z } from 'zod';
import { requestIdSchema, spreadsheetNameSchema, uploadedFileIdSchema } from './common';

/**
 * Big-data comparison (大数据比对): evidence files from other agencies (ID number, name,
 * source, date) matched to the roster by keyed hash, certifying by the configured rule; death
 * and cancellation records stop automatic certification and go on a staff verification list.
 * Runs as a job with progress, resumable, idempotent (the same file twice changes nothing).
 */

/** The template's columns, in order (names must match; 证件号码/身份证号码 also read as 身份证号, 来源 as 数据来源). */
export const EVIDENCE_COLUMNS = ['身份证号', '姓名', '数据来源', '日期'] as const;
export type EvidenceColumn = (typeof EVIDENCE_COLUMNS)[number];
export const EVIDENCE_REQUIRED: readonly EvidenceColumn[] = ['身份证号', '数据来源', '日期'];
export const EVIDENCE_ALIASES: Readonly<Record<string, EvidenceColumn>> = {
  证件号码: '身份证号',
  身份证号码: '身份证号',
  公民身份号码: '身份证号',
  来源: '数据来源',
  数据来源单位: '数据来源',
  发生日期: '日期',
  业务日期: '日期',
};

/** About 50 bytes a row: 100 MiB is some 2,000,000 rows. Larger files are split by staff. */
export const MATCH_MAX_BYTES = 100 * 1024 * 1024;

const requestId = requestIdSchema;
const jobId = z.string({ error: '缺少比对任务编号' }).min(1, '缺少比对任务编号').max(64, '比对任务编号不对');

export const comparisonSchemas = {
  /** Staff: start matching an uploaded evidence file. Street staff's jobs touch only their streets. */
  'match.start': z
    .object({
      fileId: uploadedFileIdSchema,
      fileName: spreadsheetNameSchema('比对'),
      requestId,
    })
    .strict(),
  /** Do the next slice of work (each call stays well within the function's time limit). */
  'match.run': z.object({ jobId }).strict(),
  'match.get': z.object({ jobId }).strict(),
  'match.list': z.object({}).strict(),
  /** People whose automatic certification a death or cancellation record stopped, waiting for staff. */
  'verification.list': z
    .object({ page: z.number({ error: '页码不对' }).int('页码不对').min(1, '页码不对').max(10_000, '页码不对').default(1) })
    .strict(),
  'verification.settle': z
    .object({
      retireeId: z.string({ error: '缺少人员' }).min(1, '缺少人员').max(64, '人员编号不对'),
      outcome: z.enum(['alive', 'confirmed'], { error: '请选择核实结果' }),
      note: z
        .string({ error: '请写明怎样核实的' })
        .trim()
        .min(2, '请写明怎样核实的（例如：电话联系本人、上门见到本人、家属提供死亡证明）')
        .max(200, '说明太长了，请精简到200字以内'),
      requestId,
    })
    .strict(),
} as const;

export type ComparisonInput<A extends keyof typeof comparisonSchemas> = z.input<(typeof comparisonSchemas)[A]>;

export type MatchPhase = 'read' | 'merge' | 'match' | 'report' | 'done' | 'failed';

/** What happened to the people a file names (each person counted once per file). */
export interface MatchCounts {
  /** On the roster (within the job's streets). */
  matched: number;
  /** Certified by this file: their last certification moved forward. */
  certified: number;
  /** The evidence certifies, but they were already certified on that day or later: no change. */
  alreadyCertified: number;
  /** Too few or too old records to certify (e.g. one weak source). */
  notEnough: number;
  /** A death or cancellation record: automatic certification stopped, on the verification list. */
  stopRecords: number;
  /** An earlier stop record still stands (open or confirmed): the file's evidence is not used. */
  stopped: number;
  /** Name differs from the roster's, or a stop record and certifying evidence in one file: not certified, see the report. */
  conflicts: number;
}

export const EMPTY_COUNTS: MatchCounts = {
  matched: 0,
  certified: 0,
  alreadyCertified: 0,
  notEnough: 0,
  stopRecords: 0,
  stopped: 0,
  conflicts: 0,
};

export interface MatchJob {
  id: string;
  fileName: string;
  phase: MatchPhase;
  /** Data rows in the file (header excluded); known after reading. */
  rows: number | null;
  invalidRows: number;
  /** Different people (ID numbers) among the valid rows. */
  people: number | null;
  /** People worked through so far. */
  processed: number;
  counts: MatchCounts;
  /** People the file names who are not on the roster (or, for street staff, not in their streets). */
  unmatched: number;
  /** First problems, for the screen; the whole list is in the report. */
  sampleProblems: Array<{ row: number; problem: string }>;
  /** Download: invalid rows, unmatched people, conflicts and stop records (ID numbers masked). */
  reportUrl: string | null;
  failure: string | null;
  /** Whose streets this job covers: 'all', or the street staff's streets. */
  streets: 'all' | string[];
  /**
   * False when the caller sees a district-wide job from their own streets: the counts are
   * theirs only, and rows, unmatched people and the report (which cover everyone) are hidden.
   */
  whole: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export interface VerificationEntry {
  retireeId: string;
  name: string;
  idMasked: string;
  street: string;
  community: string;
  kind: 'death' | 'cancellation';
  source: string;
  /** The day on the record. */
  date: string;
  lastCertifiedAt: string | null;
  status: 'open' | 'alive' | 'confirmed';
}

export const VERIFICATION_PAGE_SIZE = 20;

export interface VerificationPage {
  items: VerificationEntry[];
  page: number;
  hasMore: boolean;
  /** Open entries in the caller's streets. */
  total: number;
}
