import fs from 'node:fs';
import path from 'node:path';

/**
 * An append-only JSON-lines file for a sandbox's outbox: an append resolves only after the file
 * (and, the first time, its directory entry) is fsynced, so whatever a sandbox acknowledged is
 * still there after a crash. A torn last line was never acknowledged and is dropped on load.
 */
export class JsonLinesFile<T> {
  private items: T[] = [];
  private chain: Promise<void> = Promise.resolve();
  private dirSynced = false;

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) return;
    let text = fs.readFileSync(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      text = text.slice(0, end);
      fs.truncateSync(file, Buffer.byteLength(text));
    }
    for (const line of text.split('\n')) if (line) this.items.push(JSON.parse(line));
  }

  append(batch: T[]): Promise<void> {
    if (batch.length === 0) return this.chain;
    const next = this.chain.then(async () => {
      const fh = await fs.promises.open(this.file, 'a');
      try {
        await fh.write(batch.map((m) => `${JSON.stringify(m)}\n`).join(''));
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (!this.dirSynced) {
        const dir = await fs.promises.open(path.dirname(this.file), 'r');
        await dir.sync().finally(() => dir.close());
        this.dirSynced = true;
      }
      this.items.push(...batch);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Newest first. */
  list(filter: (item: T) => boolean = () => true): T[] {
    return this.items.filter(filter).reverse();
  }
}
