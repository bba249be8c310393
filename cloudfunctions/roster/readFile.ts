import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { REQUIRED_COLUMNS, ROSTER_COLUMNS, type RosterColumn } from '../../contract/roster';
import type { Cell, RawRow } from './rows';

/**
 * The rows of an uploaded roster, one at a time, from CSV (UTF-8 with or without a BOM,
 * or GBK as Excel on a Chinese PC saves it) or XLSX (the first worksheet). Row numbers
 * are the ones staff see in Excel: the header is row 1.
 * A file that cannot be read as a roster at all throws FileProblem with the reason.
 */
export class FileProblem extends Error {}

export interface SourceRow {
  rowNumber: number;
  raw: RawRow;
}

/** A cell longer than this is not roster data (and would bloat the error report). */
const MAX_CELL = 200;
const MAX_RECORD_BYTES = 64 * 1024;
/** Rows between two turns of the event loop (see readRoster). */
const YIELD_EVERY = 1000;
/** Characters of CSV text handed to the parser at a time (see pieces). */
const CSV_PIECE = 64 * 1024;

const KNOWN = new Set<string>(ROSTER_COLUMNS);
const headerName = (cell: Cell) =>
  String(cell ?? '')
    .replace(/[\s*＊\ufeff]/g, '')
    .replace(/（.*）|\(.*\)/g, '');

function columnMap(header: Cell[]): Array<RosterColumn | null> {
  const names = header.map(headerName);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new FileProblem(`第1行应是表头，缺少这些列：${missing.join('、')}。请使用导入模板`);
  }
  return names.map((n) => (KNOWN.has(n) ? (n as RosterColumn) : null));
}

function toRaw(map: Array<RosterColumn | null>, cells: Cell[]): RawRow | null {
  const raw: RawRow = {};
  let any = false;
  map.forEach((col, i) => {
    if (!col) return;
    let v = cells[i];
    if (typeof v === 'string' && v.length > MAX_CELL) v = `${v.slice(0, MAX_CELL)}…`;
    raw[col] = v;
    if (v !== null && v !== undefined && String(v).trim() !== '') any = true;
  });
  return any ? raw : null; // a blank line is not a row
}

export function decodeCsv(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

const isZip = (buf: Buffer) => buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

export async function* readRoster(buf: Buffer, fileName: string): AsyncGenerator<SourceRow> {
  if (buf.length === 0) throw new FileProblem('文件是空的，请检查后重新上传');
  const xlsx = /\.xlsx$/i.test(fileName);
  if (xlsx !== isZip(buf)) {
    throw new FileProblem(
      xlsx ? '这个文件不是有效的 .xlsx 表格（可能已损坏，或是改了扩展名）' : '这个文件不是 .csv 文本，请另存为 CSV 或 .xlsx 后再上传',
    );
  }
  let n = 0;
  for await (const row of xlsx ? readXlsx(buf) : readCsv(buf)) {
    // Rows arrive through promises only, so reading a large file would keep the event loop
    // from I/O and timers for seconds. Let it turn now and then: otherwise a keep-alive socket
    // the server closed meanwhile is still in the pool, and the next database call fails with
    // "socket hang up" (a 600,000-row import did, in the emulator).
    if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    yield row;
  }
}

/**
 * The text in pieces of about `size` characters, never splitting a surrogate pair (the parser
 * encodes each piece to UTF-8 on its own). Handed over whole, the parser would turn the entire
 * file into records in one synchronous step, all of them held at once.
 */
export function* pieces(text: string, size = CSV_PIECE): Generator<string> {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > i ? -1 : 1;
    yield text.slice(i, end);
    i = end;
  }
}

async function* readCsv(buf: Buffer): AsyncGenerator<SourceRow> {
  const parser = Readable.from(pieces(decodeCsv(buf))).pipe(
    parse({ relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_RECORD_BYTES }),
  );
  let map: Array<RosterColumn | null> | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!map) {
        map = columnMap(record);
        continue;
      }
      const raw = toRaw(map, record);
      if (raw) yield { rowNumber: info.lines, raw };
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    const line = /line (\d+)/i.exec((e as Error).message)?.[1];
    throw new FileProblem(`文件${line ? `第${line}行` : ''}的格式不对（引号没有配对，或内容过长），没能读完；请用 Excel 另存为 CSV 后再试`);
  }
  if (!map) throw new FileProblem('文件里没有内容，请使用导入模板');
}

function excelValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return excelValue(v.result as ExcelJS.CellValue); // a formula: its last computed value
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

async function* readXlsx(buf: Buffer): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let map: Array<RosterColumn | null> | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is empty
        const cells = values.slice(1).map(excelValue);
        if (!map) {
          if (cells.every((c) => c === null || String(c).trim() === '')) continue;
          map = columnMap(cells);
          continue;
        }
        const raw = toRaw(map, cells);
        if (raw) yield { rowNumber: row.number, raw };
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem('这个 .xlsx 表格打不开（可能已损坏），请用 Excel 打开后另存一份再上传');
  }
  if (!map) throw new FileProblem('表格里没有内容，请使用导入模板');
}
