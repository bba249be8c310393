import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Identity } from '../functions/host';

/**
 * The emulator's stand-in for WeChat login and CloudBase console accounts: a list of
 * demo accounts (registered by the seeder) and sign-in tokens. It exists only in the
 * emulator; product code never sees it, only the identity it puts in the environment.
 */
export interface DevAccount {
  id: string;
  label: string;
  role: string;
  name: string;
  openid?: string;
  uid?: string;
}

interface Store {
  accounts: DevAccount[];
  sessions: Record<string, string>; // token → account id
}

export class DevAuth {
  private store: Store = { accounts: [], sessions: {} };

  constructor(private readonly file: string) {
    if (fs.existsSync(file)) this.store = JSON.parse(fs.readFileSync(file, 'utf8'));
  }

  accounts(): DevAccount[] {
    return this.store.accounts;
  }

  register(accounts: DevAccount[]) {
    for (const a of accounts) {
      if (!a.id || !(a.openid || a.uid)) throw new Error('a dev account needs an id and an openid or uid');
    }
    this.store.accounts = accounts;
    this.save();
  }

  signIn(accountId: string): string {
    if (!this.store.accounts.some((a) => a.id === accountId)) throw new Error(`no dev account ${accountId}`);
    const token = crypto.randomBytes(18).toString('base64url');
    this.store.sessions[token] = accountId;
    this.save();
    return token;
  }

  identityFor(token: string | undefined): Identity {
    if (!token) return {};
    const account = this.store.accounts.find((a) => a.id === this.store.sessions[token]);
    if (!account) return {};
    return account.openid ? { openid: account.openid } : { uid: account.uid };
  }

  private save() {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.store, null, 1));
    fs.renameSync(tmp, this.file);
  }
}
