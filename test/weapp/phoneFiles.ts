/**
 * The phone's file APIs for weapp tests, answering as WeChat would: wx.downloadFile really
 * fetches the link (from the emulator's storage) into a temporary file; wx.openDocument and
 * wx.shareFileMessage record what the app asked of them. Plus a reader for .xlsx files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export interface PhoneFiles {
  apis: Record<string, (opts: any) => unknown>;
  downloads: Array<{ url: string; filePath: string; status: number }>;
  opened: Array<{ filePath: string; fileType: string }>;
  shared: Array<{ filePath: string; fileName: string }>;
  cleanUp(): void;
}

function getBytes(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

export function phoneFiles(): PhoneFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-downloads-'));
  const downloads: PhoneFiles['downloads'] = [];
  const opened: PhoneFiles['opened'] = [];
  const shared: PhoneFiles['shared'] = [];
  const ok = (opts: any, result: Record<string, unknown>) => {
    opts.success?.(result);
    opts.complete?.(result);
  };
  const apis = {
    downloadFile(opts: { url: string; success?: Function; fail?: Function; complete?: Function }) {
      void getBytes(opts.url).then(
        ({ status, body }) => {
          const filePath = path.join(dir, `download-${downloads.length}`);
          fs.writeFileSync(filePath, body);
          downloads.push({ url: opts.url, filePath, status });
          ok(opts, { tempFilePath: filePath, statusCode: status, errMsg: 'downloadFile:ok' });
        },
        () => {
          opts.fail?.({ errMsg: 'downloadFile:fail' });
          opts.complete?.({ errMsg: 'downloadFile:fail' });
        },
      );
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} };
    },
    openDocument(opts: { filePath: string; fileType: string }) {
      opened.push({ filePath: opts.filePath, fileType: opts.fileType });
      ok(opts, { errMsg: 'openDocument:ok' });
    },
    shareFileMessage(opts: { filePath: string; fileName: string }) {
      shared.push({ filePath: opts.filePath, fileName: opts.fileName });
      ok(opts, { errMsg: 'shareFileMessage:ok' });
    },
  };
  return { apis, downloads, opened, shared, cleanUp: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The first sheet's cells as text, read by exceljs in a plain node process (weapp tests run in
 * jsdom, where exceljs's dependencies resolve to browser builds).
 */
export function readSheet(filePath: string): string[][] {
  const script = `
    const ExcelJS = require('exceljs');
    const book = new ExcelJS.Workbook();
    book.xlsx.readFile(process.argv[1]).then(() => {
      const rows = [];
      book.worksheets[0].eachRow((row) => rows.push(row.values.slice(1).map((v) => (v == null ? '' : String(v)))));
      process.stdout.write(JSON.stringify(rows));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, filePath], { cwd: path.resolve(__dirname, '../..') }).toString());
}

export async function waitUntil(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
