import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cloud } from './cloud';

/**
 * A list for staff to open in Excel, written row by row to a temporary file (never whole in
 * memory) and then put in cloud storage: XLSX through exceljs' streaming writer, or CSV in
 * UTF-8 with a BOM (without it Excel on a Chinese PC reads UTF-8 as GBK and shows mojibake).
 * Every text cell that a spreadsheet could take for a formula is neutralised.
 *
 *   const file = await createExportFile('xlsx', [{ header: '姓名', width: 10 }, …], '名单');
 *   for (…) await file.addRow([name, id, …]);
 *   const { fileID, rows } = await file.save('exports/…/名单.xlsx');
 */
export type ExportFormat = 'xlsx' | 'csv';
export type ExportCell = string | number | null | undefined;

export interface ExportColumn {
  header: string;
  /** Column width in characters (XLSX only). */
  width?: number;
}

export interface ExportFile {
  addRow(cells: ExportCell[]): Promise<void>;
  /** Finishes the file, uploads it to `cloudPath` and removes the temporary copy. */
  save(cloudPath: string): Promise<{ fileID: string; rows: number; bytes: number }>;
  /** Removes the temporary copy without uploading (on an error). */
  discard(): Promise<void>;
}

/**
 * A cell starting with = + - @ (or a tab or carriage return, which Excel skips before
 * looking) is a formula to a spreadsheet: prefix it with ' so it stays text (OWASP's advice).
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const text = (c: ExportCell): string | number => (typeof c === 'number' ? c : neutraliseFormula(c ?? ''));

function csvField(c: ExportCell): string {
  const t = String(text(c));
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export async function createExportFile(format: ExportFormat, columns: ExportColumn[], sheetName = 'Sheet1'): Promise<ExportFile> {
  const tmp = path.join(os.tmpdir(), `export-${crypto.randomUUID()}.${format}`);
  let rows = 0;
  let finish: () => Promise<void>;
  let addRow: (cells: ExportCell[]) => Promise<void>;

  if (format === 'csv') {
    const out = fs.createWriteStream(tmp);
    const write = (s: string) =>
      new Promise<void>((resolve, reject) => {
        if (out.write(s, 'utf8')) resolve();
        else out.once('drain', resolve).once('error', reject);
      });
    await write(`\ufeff${columns.map((c) => csvField(c.header)).join(',')}\r\n`);
    addRow = (cells) => write(`${cells.map(csvField).join(',')}\r\n`);
    finish = () => new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheetName.slice(0, 31));
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    // Every value is written as text (ID numbers must not become 3.5e17), numbers as numbers.
    addRow = async (cells) => ws.addRow(cells.map(text)).commit();
    finish = async () => {
      ws.commit();
      await wb.commit();
    };
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await finish();
  };
  return {
    async addRow(cells) {
      rows++;
      await addRow(cells);
    },
    async save(cloudPath) {
      await close();
      try {
        const bytes = fs.statSync(tmp).size;
        const res = (await cloud().uploadFile({ cloudPath, fileContent: fs.createReadStream(tmp) })) as { fileID: string };
        return { fileID: res.fileID, rows, bytes };
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    },
    async discard() {
      await close().catch(() => undefined);
      fs.rmSync(tmp, { force: true });
    },
  };
}

/** A temporary download link for a stored file (default one hour). */
export async function tempUrl(fileID: string, maxAge = 3600): Promise<string> {
  const res = (await cloud().getTempFileURL({ fileList: [{ fileID, maxAge }] })) as { fileList: Array<{ tempFileURL?: string }> };
  return res.fileList[0]?.tempFileURL ?? '';
}
