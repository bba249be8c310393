import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Signatures for temporary download URLs and upload grants, with a secret that belongs to
 * one emulator data folder (`storage/secret`), so links survive a restart and no two
 * emulators accept each other's links.
 */
export class Signer {
  private readonly secret: Buffer;

  constructor(dir: string) {
    const file = path.join(dir, 'secret');
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(file)) {
      const tmp = `${file}.tmp`;
      const fd = fs.openSync(tmp, 'w', 0o600);
      fs.writeSync(fd, crypto.randomBytes(32).toString('hex'));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, file);
    }
    this.secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  }

  sign(...parts: Array<string | number>): string {
    return crypto.createHmac('sha256', this.secret).update(parts.join('\n')).digest('hex');
  }

  verify(signature: string | null | undefined, ...parts: Array<string | number>): boolean {
    if (!signature) return false;
    const expected = Buffer.from(this.sign(...parts));
    const given = Buffer.from(signature);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }
}
