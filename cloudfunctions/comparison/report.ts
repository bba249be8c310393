import { safeCell } from '../_lib/tableFile';

/**
 * The job's report, a CSV staff open in Excel: invalid rows, people not on the roster,
 * conflicts and stop records. ID numbers are always masked; cells that Excel would run as a
 * formula are neutralised.
 */
export const REPORT_HEADER = ['类别', '行号', '身份证号', '姓名', '数据来源', '日期', '说明'];

export const reportLine = (cells: Array<string | number>) => cells.map((c) => safeCell(String(c))).join(',');

/** A loosely masked ID for a row whose ID number is not valid (so maskIdNumber may not apply). */
export const maskLoose = (s: string) =>
  s.length >= 10 ? `${s.slice(0, 6)}${'*'.repeat(Math.min(8, s.length - 10))}${s.slice(-4)}` : '***';
