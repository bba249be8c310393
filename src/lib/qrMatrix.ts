import QRCode from 'qrcode';

/** A run of dark modules in one row: [first column, how many]. */
export type DarkRun = readonly [start: number, length: number];

export interface QrRows {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** One list of dark runs per row, top to bottom. */
  rows: DarkRun[][];
}

/**
 * UTF-8 bytes of a string. qrcode's byte mode calls `new TextEncoder()`, which WeChat's
 * JavaScript engine lacks on some phones, so the bytes are handed over ready-made.
 */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * The QR code of `text` (error correction M) as rows of dark runs: a drawing made of one box
 * per run rather than per module keeps the page to a few hundred nodes, and boxes look the
 * same in WeChat and in a browser (no canvas).
 */
export function qrRows(text: string): QrRows {
  const { modules } = QRCode.create([{ data: utf8Bytes(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const rows: DarkRun[][] = [];
  for (let r = 0; r < size; r += 1) {
    const runs: DarkRun[] = [];
    let start = -1;
    for (let c = 0; c <= size; c += 1) {
      const dark = c < size && !!modules.get(r, c);
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        runs.push([start, c - start]);
        start = -1;
      }
    }
    rows.push(runs);
  }
  return { size, rows };
}
