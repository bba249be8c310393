import fs from 'node:fs';
import path from 'node:path';

/**
 * Durability for the emulator's database: a snapshot plus a write-ahead log.
 *
 * Every committed change is one line in the log (all of a transaction's writes in one
 * line, so replay is all or nothing). A reply is sent only after the line is fsynced,
 * so an acknowledged write survives `kill -9`. Writers arriving during an fsync are
 * batched into the next one (group commit). A torn last line — a write that was never
 * acknowledged — is dropped on recovery.
 *
 * Compaction starts `wal-<gen>.jsonl` and writes the whole state as it was at that moment to
 * `snapshot-<gen>.jsonl` (tmp file, fsync, rename) in the background; recovery loads the
 * newest snapshot and replays the logs from its generation on.
 */
export type WalRecord = Record<string, unknown>;

export interface RecoveredState {
  snapshot: string[]; // snapshot lines (without header)
  log: WalRecord[];
}

/** Compact once the log passes this size (EMULATOR_COMPACT_BYTES, for tests that want many compactions). */
const COMPACT_AFTER_BYTES = Number(process.env.EMULATOR_COMPACT_BYTES) || 128 * 1024 * 1024;

export class WriteAheadLog {
  private fd = -1;
  private gen = 0;
  private logBytes = 0;
  /** Size of the last snapshot: the log may grow as large before the next compaction (amortised cost). */
  private snapshotBytes = 0;
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing: Promise<void> | null = null;
  private compacting = false;
  /** The engine hands this in so compaction can serialise the live state. */
  snapshotSource: (() => Iterable<string>) | null = null;

  constructor(private readonly dir: string) {}

  recover(): RecoveredState {
    fs.mkdirSync(this.dir, { recursive: true });
    const files = fs.readdirSync(this.dir);
    const gens = files
      .map((f) => /^snapshot-(\d+)\.jsonl$/.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]));
    const snapGen = gens.length ? Math.max(...gens) : 0;
    const logGens = files
      .map((f) => /^wal-(\d+)\.jsonl$/.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]))
      .filter((g) => g >= snapGen)
      .sort((a, b) => a - b);

    const snapFile = path.join(this.dir, `snapshot-${snapGen}.jsonl`);
    const snapshot = snapGen ? readLines(snapFile).complete : [];
    this.snapshotBytes = snapGen && fs.existsSync(snapFile) ? fs.statSync(snapFile).size : 0;
    const log: WalRecord[] = [];
    for (const g of logGens) {
      const file = path.join(this.dir, `wal-${g}.jsonl`);
      const { complete, tornBytes } = readLines(file);
      for (const line of complete) log.push(JSON.parse(line));
      if (tornBytes > 0) fs.truncateSync(file, fs.statSync(file).size - tornBytes);
    }
    this.gen = logGens.length ? logGens[logGens.length - 1] : snapGen;
    const current = path.join(this.dir, `wal-${this.gen}.jsonl`);
    this.fd = fs.openSync(current, 'a');
    this.logBytes = fs.fstatSync(this.fd).size;
    // Older generations are fully contained in the snapshot.
    for (const f of files) {
      const m = /^(snapshot|wal)-(\d+)\.jsonl$/.exec(f);
      if (m && Number(m[2]) < snapGen) fs.rmSync(path.join(this.dir, f), { force: true });
      if (f.endsWith('.tmp')) fs.rmSync(path.join(this.dir, f), { force: true });
    }
    return { snapshot, log };
  }

  /** Queue a record; the promise resolves once it is on disk. */
  append(record: WalRecord): Promise<void> {
    this.pending.push(`${JSON.stringify(record)}\n`);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.scheduleFlush();
    return done;
  }

  /** Resolves when everything appended so far is durable (used before every reply). */
  async barrier(): Promise<void> {
    while (this.flushing || this.pending.length) {
      if (!this.flushing) this.scheduleFlush();
      await this.flushing;
    }
  }

  private scheduleFlush() {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flushOnce())
      .finally(() => {
        this.flushing = null;
        if (this.pending.length) this.scheduleFlush();
        else this.maybeCompact();
      });
  }

  private async flushOnce() {
    const lines = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    if (!lines.length) return;
    const buf = Buffer.from(lines.join(''));
    try {
      await writeAll(this.fd, buf);
      await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())));
      this.logBytes += buf.length;
      for (const w of waiters) w.resolve();
    } catch (e) {
      for (const w of waiters) w.reject(e as Error);
    }
  }

  private maybeCompact() {
    // Compacting rewrites the whole state: waiting until the log is as large as the last snapshot
    // keeps its cost in proportion to the writes (a 1 GB database is not rewritten every 128 MB).
    if (this.compacting || this.logBytes < Math.max(COMPACT_AFTER_BYTES, this.snapshotBytes) || !this.snapshotSource) return;
    void this.compact();
  }

  /**
   * Write the live state as a new snapshot generation and start an empty log, without stopping
   * the database: the switch happens at a moment when nothing is being written to the log (the
   * state is captured then — the engine never changes a stored document in place, it replaces
   * it, so the captured references stay as they were), new writes go to the new log at once,
   * and the snapshot is written in the background, a few thousand documents at a time.
   * Until it is renamed into place, recovery uses the old snapshot and replays both logs.
   */
  async compact(): Promise<void> {
    if (!this.snapshotSource || this.compacting || this.pending.length || this.flushing) return;
    this.compacting = true;
    try {
      const lines = this.snapshotSource();
      const oldGen = this.gen;
      const next = oldGen + 1;
      const oldFd = this.fd;
      this.fd = fs.openSync(path.join(this.dir, `wal-${next}.jsonl`), 'a');
      fsyncDir(this.dir);
      fs.closeSync(oldFd);
      this.gen = next;
      this.logBytes = 0;

      const tmp = path.join(this.dir, `snapshot-${next}.jsonl.tmp`);
      const fh = await fs.promises.open(tmp, 'w');
      try {
        let chunk: string[] = [];
        let size = 0;
        let count = 0;
        let total = 0;
        for (const line of lines) {
          chunk.push(line, '\n');
          size += line.length;
          if (++count % 2000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          if (size > 4 * 1024 * 1024) {
            total += size;
            await fh.write(chunk.join(''));
            chunk = [];
            size = 0;
          }
        }
        await fh.write(chunk.join(''));
        total += size;
        await fh.sync();
        this.snapshotBytes = total;
      } finally {
        await fh.close();
      }
      fs.renameSync(tmp, path.join(this.dir, `snapshot-${next}.jsonl`));
      fsyncDir(this.dir);
      for (const f of [`wal-${oldGen}.jsonl`, `snapshot-${oldGen}.jsonl`]) {
        fs.rmSync(path.join(this.dir, f), { force: true });
      }
    } finally {
      this.compacting = false;
    }
  }

  close() {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

function readLines(file: string): { complete: string[]; tornBytes: number } {
  if (!fs.existsSync(file)) return { complete: [], tornBytes: 0 };
  const text = fs.readFileSync(file, 'utf8');
  const lastNewline = text.lastIndexOf('\n');
  const body = lastNewline >= 0 ? text.slice(0, lastNewline) : '';
  const torn = text.slice(lastNewline + 1);
  const complete = body ? body.split('\n') : [];
  // A line is valid only if it parses: a crash mid-write can leave garbage before the newline too.
  const valid: string[] = [];
  for (const line of complete) {
    try {
      JSON.parse(line);
      valid.push(line);
    } catch {
      break;
    }
  }
  const tornBytes =
    Buffer.byteLength(torn) + (valid.length < complete.length ? Buffer.byteLength(complete.slice(valid.length).join('\n')) + 1 : 0);
  return { complete: valid, tornBytes };
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let offset = 0;
    const step = () =>
      fs.write(fd, buf, offset, buf.length - offset, null, (err, written) => {
        if (err) return reject(err);
        offset += written;
        if (offset < buf.length) step();
        else resolve();
      });
    step();
  });
}

function fsyncDir(dir: string) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
