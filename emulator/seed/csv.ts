/** Roster rows as CSV (RFC 4180), shared by the demo-data CLI and its tests. */
import { ROSTER_COLUMNS } from '../../contract/roster';
import type { RosterRow } from './generate';

/** The column names staff see in the roster import template, in order. */
export const ROSTER_CSV_HEADER = ROSTER_COLUMNS;

/** Quote a field only when it must be: it holds a comma, a double quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with the CRLF line ending RFC 4180 asks for. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

export function rosterCsvLine(r: RosterRow): string {
  return csvLine([
    r.name,
    r.idNumber,
    r.phone,
    r.sex === 'M' ? '男' : '女',
    r.birthDate,
    r.retirementDate,
    r.lastCertifiedAt ?? '',
    r.street,
    r.community,
    yesNo(r.abroad),
    yesNo(r.nonMainlandId),
  ]);
}
