import { REQUIRED_COLUMNS, ROSTER_COLUMNS, type RosterColumn } from '../../contract/roster';
import { readTable, type TableRow } from '../_lib/tableFile';

/**
 * The rows of an uploaded roster, one at a time (CSV in UTF-8/GBK or XLSX; see
 * `_lib/tableFile.ts`, shared with the evidence files of the big-data comparison).
 * A file that cannot be read as a roster at all throws FileProblem with the reason.
 */
export { decodeCsv, FileProblem, pieces } from '../_lib/tableFile';

export type SourceRow = TableRow<RosterColumn>;

const ROSTER_TABLE = { columns: ROSTER_COLUMNS, required: REQUIRED_COLUMNS };

export function readRoster(buf: Buffer, fileName: string): AsyncGenerator<SourceRow> {
  return readTable(buf, fileName, ROSTER_TABLE);
}
