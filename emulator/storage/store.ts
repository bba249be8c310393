import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * The files of the emulator's cloud storage, durable across `kill -9`.
 *
 *   <root>/blobs/<uuid>          the bytes of one upload
 *   <root>/meta/<sha256>.json    one file per cloud path: { cloudPath, blob, size, sha256, … }
 *   <root>/tmp/                  work in progress; emptied on start
 *
 * An upload streams into `tmp/<uuid>` (never whole in memory), is fsynced, renamed into
 * `blobs/` and the directory fsynced; then its metadata is written the same way (tmp,
 * fsync, rename, fsync `meta/`). The rename of the metadata is the commit: before it the
 * old version (or nothing) is visible, after it the new one, complete. Only then does the
 * caller get its answer. On start, tmp files and blobs no metadata names are removed, so a
 * crash leaves neither half files nor junk.
 */
export interface StoredFile {
  cloudPath: string;
  blob: string;
  size: number;
  sha256: string;
  /** Set when the upload came through COS-style metadata (`x-cos-meta-fileid`). */
  cosFileId?: string;
  uploadedAt: number;
}

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

export class FileStore {
  private index = new Map<string, StoredFile>();
  private locks = new Map<string, Promise<unknown>>();
  private readonly blobs: string;
  private readonly meta: string;
  private readonly tmp: string;

  constructor(readonly root: string) {
    this.blobs = path.join(root, 'blobs');
    this.meta = path.join(root, 'meta');
    this.tmp = path.join(root, 'tmp');
  }

  /** Load the metadata and sweep what a crash left behind. */
  open(): this {
    for (const d of [this.blobs, this.meta, this.tmp]) fs.mkdirSync(d, { recursive: true });
    for (const f of fs.readdirSync(this.tmp)) fs.rmSync(path.join(this.tmp, f), { force: true, recursive: true });
    const referenced = new Set<string>();
    for (const f of fs.readdirSync(this.meta)) {
      const file = path.join(this.meta, f);
      if (!f.endsWith('.json')) {
        fs.rmSync(file, { force: true });
        continue;
      }
      const meta = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredFile;
      const blob = path.join(this.blobs, meta.blob);
      if (!fs.existsSync(blob) || fs.statSync(blob).size !== meta.size) {
        // Cannot happen with the order of writes above; never serve a wrong file if it does.
        console.error(`[storage] dropping ${meta.cloudPath}: its bytes are missing`);
        fs.rmSync(file, { force: true });
        continue;
      }
      this.index.set(meta.cloudPath, meta);
      referenced.add(meta.blob);
    }
    for (const f of fs.readdirSync(this.blobs)) {
      if (!referenced.has(f)) fs.rmSync(path.join(this.blobs, f), { force: true });
    }
    return this;
  }

  get(cloudPath: string): StoredFile | undefined {
    return this.index.get(cloudPath);
  }

  list(): StoredFile[] {
    return [...this.index.values()];
  }

  /**
   * Open a file's bytes for reading. The handle stays valid even if the file is replaced
   * or deleted while it is read.
   */
  async openRead(cloudPath: string): Promise<{ file: StoredFile; handle: fsp.FileHandle } | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const file = this.index.get(cloudPath);
      if (!file) return null;
      try {
        return { file, handle: await fsp.open(path.join(this.blobs, file.blob), 'r') };
      } catch (e) {
        // Replaced between the look-up and the open: look up again.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    return null;
  }

  /**
   * Store `body` at `cloudPath` (replacing any file there). Resolves once the bytes and
   * the metadata are on disk. Over `limit` bytes it reads the rest without keeping it
   * (so the client can still read an answer) and throws TooLargeError.
   */
  async put(cloudPath: string, body: AsyncIterable<Uint8Array>, opts: { limit?: number; cosFileId?: string } = {}): Promise<StoredFile> {
    const blob = crypto.randomUUID();
    const tmp = path.join(this.tmp, blob);
    const hash = crypto.createHash('sha256');
    let size = 0;
    let tooLarge = false;
    const fh = await fsp.open(tmp, 'wx');
    try {
      try {
        for await (const chunk of body) {
          size += chunk.length;
          if (opts.limit !== undefined && size > opts.limit) tooLarge = true;
          if (tooLarge) continue;
          hash.update(chunk);
          await fh.write(chunk);
        }
        if (tooLarge) throw new TooLargeError(opts.limit!);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, path.join(this.blobs, blob));
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    await syncDir(this.blobs);
    const file: StoredFile = { cloudPath, blob, size, sha256: hash.digest('hex'), uploadedAt: Date.now() };
    if (opts.cosFileId) file.cosFileId = opts.cosFileId;
    try {
      await this.commit(cloudPath, file);
    } catch (e) {
      await fsp.rm(path.join(this.blobs, blob), { force: true });
      throw e;
    }
    return file;
  }

  /** Copy a file to another path. 'exists' when the target is taken and `overwrite` is false. */
  async copy(from: string, to: string, overwrite: boolean): Promise<'ok' | 'missing' | 'exists'> {
    if (!overwrite && this.index.has(to)) return 'exists';
    const src = await this.openRead(from);
    if (!src) return 'missing';
    try {
      await this.put(to, src.handle.createReadStream({ autoClose: false }), { cosFileId: src.file.cosFileId });
    } finally {
      await src.handle.close();
    }
    return 'ok';
  }

  /** Delete the file at `cloudPath`; false when there was none. Resolves once durable. */
  remove(cloudPath: string): Promise<boolean> {
    return this.locked(cloudPath, async () => {
      const current = this.index.get(cloudPath);
      if (!current) return false;
      await fsp.rm(this.metaFile(cloudPath), { force: true });
      await syncDir(this.meta);
      this.index.delete(cloudPath);
      await fsp.rm(path.join(this.blobs, current.blob), { force: true });
      return true;
    });
  }

  /** Make `file` the version at `cloudPath`: metadata to tmp, fsync, rename, fsync the directory. */
  private commit(cloudPath: string, file: StoredFile): Promise<void> {
    return this.locked(cloudPath, async () => {
      const tmp = path.join(this.tmp, `${file.blob}.json`);
      const fh = await fsp.open(tmp, 'wx');
      try {
        await fh.writeFile(JSON.stringify(file));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, this.metaFile(cloudPath));
      await syncDir(this.meta);
      const previous = this.index.get(cloudPath);
      this.index.set(cloudPath, file);
      if (previous) await fsp.rm(path.join(this.blobs, previous.blob), { force: true });
    });
  }

  private metaFile(cloudPath: string) {
    return path.join(this.meta, `${crypto.createHash('sha256').update(cloudPath).digest('hex')}.json`);
  }

  /** Run `fn` after every earlier operation on the same path (commits and deletes in order). */
  private locked<T>(cloudPath: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(cloudPath) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => {});
    this.locks.set(cloudPath, tail);
    void tail.then(() => {
      if (this.locks.get(cloudPath) === tail) this.locks.delete(cloudPath);
    });
    return next;
  }
}

async function syncDir(dir: string) {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
