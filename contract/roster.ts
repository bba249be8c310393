import { z } from 'zod';
import { requestIdSchema, spreadsheetNameSchema, uploadedFileIdSchema } from './common';

/**
 * The roster import: the district's retiree list as XLSX or CSV, processed as a job with
 * visible progress, resumable after a crash, re-runnable without duplicates.
 */

/** The template's columns, in order (a file may order them differently; names must match). */
export const ROSTER_COLUMNS = [
  '姓名',
  '身份证号',
  '手机号',
  '性别',
  '出生日期',
  '退休日期',
  '最近认证日期',
  '街道',
  '社区',
  '境外居住',
  '非大陆证件',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly RosterColumn[] = ['姓名', '身份证号', '性别', '出生日期', '退休日期', '街道', '社区'];

/**
 * Files larger than this are refused before upload and by the import. A CSV of the template's
 * columns takes about 112 bytes a row (64 MiB for 600,000 rows; see bench/RESULTS.md).
 */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const IMPORT_EXTENSIONS = ['.csv', '.xlsx'] as const;

const requestId = requestIdSchema;
const jobId = z.string({ error: '缺少导入任务编号' }).min(1, '缺少导入任务编号').max(64, '导入任务编号不对');

export const rosterSchemas = {
  /** Staff (whole district): start importing an uploaded file. */
  'import.start': z
    .object({
      fileID: uploadedFileIdSchema,
      fileName: spreadsheetNameSchema('导入'),
      requestId,
    })
    .strict(),
  /** Do the next slice of work (each call stays well within the function's time limit). */
  'import.run': z.object({ jobId }).strict(),
  'import.get': z.object({ jobId }).strict(),
  'import.list': z.object({}).strict(),
} as const;

export type RosterInput<A extends keyof typeof rosterSchemas> = z.input<(typeof rosterSchemas)[A]>;

export type ImportPhase = 'validate' | 'write' | 'done' | 'failed';

export interface ImportJob {
  id: string;
  fileName: string;
  phase: ImportPhase;
  /** Data rows in the file (header excluded); known after validation. */
  total: number | null;
  /** Rows that passed validation. */
  valid: number;
  invalid: number;
  /** Valid rows written so far (inserted + updated + unchanged). */
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** First problems, for the screen; the whole list is in the error report. */
  sampleErrors: Array<{ row: number; column: string; problem: string }>;
  /** A link to download the error report (CSV), when there are problems. */
  errorReportUrl: string | null;
  /** Why the whole file could not be read (phase 'failed'). */
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}
