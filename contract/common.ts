import { z } from 'zod';

/**
 * Pieces of input every function's schemas share. A person never types these: the app makes
 * them, so the words only need to say "try again".
 */

/** One intended write (src/lib/requestId.ts makes it): a retried request carries the same one. */
export const requestIdSchema = z
  .string({ error: '请求编号不对，请重试' })
  .min(8, '请求编号不对，请重试')
  .max(64, '请求编号不对，请重试')
  .regex(/^[A-Za-z0-9_-]+$/, '请求编号不对，请重试');

/** A file the app uploaded to cloud storage (`cloud://…`). */
export const uploadedFileIdSchema = z
  .string({ error: '请先上传文件' })
  .min(1, '请先上传文件')
  .max(500, '文件地址不对')
  .regex(/^cloud:\/\//, '文件地址不对');

/** The uploaded spreadsheet's name, for the reports; `verb` is what is done with it (导入, 比对). */
export const spreadsheetNameSchema = (verb: string) =>
  z
    .string({ error: '缺少文件名' })
    .trim()
    .min(1, '缺少文件名')
    .max(200, '文件名太长了')
    .regex(/\.(csv|xlsx)$/i, `只能${verb} .xlsx 或 .csv 文件`);
