import crypto from 'node:crypto';
import type { Doc } from './collection';
import type { Database } from './engine';
import { conflict, invalidParam, requestFailed } from './errors';

/**
 * Transactions as CloudBase offers them: single documents by id only, on the server SDK.
 *
 * Isolation: a transaction's first write to a document takes a write lock; another
 * transaction writing the same document gets DATABASE_TRANSACTION_CONFLICT at once and
 * is aborted (MongoDB's WriteConflict), which `runTransaction` in the SDK retries.
 * Every document read or written remembers its version; at commit all of them must be
 * unchanged, or the commit fails with the same conflict. A write outside any
 * transaction does not wait for locks: it simply makes such a commit fail.
 * Idle transactions are aborted after TRANSACTION_LIFETIME_MS, as MongoDB does.
 */
const TRANSACTION_LIFETIME_MS = 30_000;

interface TxEntry {
  coll: string;
  id: string;
  doc: Doc | null;
}

class Transaction {
  readonly writes = new Map<string, TxEntry>();
  readonly seen = new Map<string, number>(); // key → version when first read or written
  lastActive = Date.now();
  constructor(readonly id: string) {}
}

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`;

export class TransactionManager {
  private readonly active = new Map<string, Transaction>();
  private readonly locks = new Map<string, string>(); // doc key → transaction id
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly db: Database) {
    this.sweeper = setInterval(() => this.sweep(), 1000);
    this.sweeper.unref();
  }

  start(): string {
    const tx = new Transaction(crypto.randomBytes(12).toString('hex'));
    this.active.set(tx.id, tx);
    return tx.id;
  }

  /** Read one document as this transaction sees it. */
  get(txId: string, coll: string, id: string): Doc | null {
    const tx = this.tx(txId);
    const key = keyOf(coll, id);
    const own = tx.writes.get(key);
    if (own) return own.doc;
    if (!tx.seen.has(key)) tx.seen.set(key, this.db.version(coll, id));
    else if (tx.seen.get(key) !== this.db.version(coll, id)) this.fail(tx, `document ${id} changed during the transaction`);
    return this.db.get(coll, id);
  }

  /** Write one document inside the transaction; `produce` gets the current version. */
  write(txId: string, coll: string, id: string, produce: (current: Doc | null) => Doc | null): { before: Doc | null; after: Doc | null } {
    const tx = this.tx(txId);
    const key = keyOf(coll, id);
    const holder = this.locks.get(key);
    if (holder && holder !== tx.id) this.fail(tx, `document ${id} is being written by another transaction`);
    const before = this.get(txId, coll, id);
    const after = produce(before);
    this.locks.set(key, tx.id);
    tx.writes.set(key, { coll, id, doc: after });
    return { before, after };
  }

  async commit(txId: string): Promise<void> {
    const tx = this.tx(txId);
    for (const [key, version] of tx.seen) {
      const [coll, id] = key.split('\u0000');
      if (this.db.version(coll, id) !== version) this.fail(tx, `document ${id} changed during the transaction`);
    }
    this.end(tx);
    // Applied synchronously before the first await, so no other request interleaves.
    await this.db.commit([...tx.writes.values()].map((w) => ({ coll: w.coll, id: w.id, doc: w.doc })));
  }

  abort(txId: string) {
    const tx = this.active.get(txId);
    if (tx) this.end(tx);
  }

  private tx(txId: string): Transaction {
    const tx = this.active.get(txId);
    if (!tx) throw requestFailed(`transaction ${txId} is not active (committed, aborted or expired)`);
    tx.lastActive = Date.now();
    return tx;
  }

  private fail(tx: Transaction, detail: string): never {
    this.end(tx);
    throw conflict(detail);
  }

  private end(tx: Transaction) {
    if (!this.active.has(tx.id)) return;
    this.active.delete(tx.id);
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx.id) this.locks.delete(key);
  }

  private sweep() {
    const now = Date.now();
    for (const tx of this.active.values()) if (now - tx.lastActive > TRANSACTION_LIFETIME_MS) this.end(tx);
  }

  stop() {
    clearInterval(this.sweeper);
  }
}

export function requireDocQuery(queryType: string | undefined, query: any): string {
  if (queryType !== 'DOC' || !query || typeof query._id !== 'string') {
    throw invalidParam('a transaction can only read and write single documents by id');
  }
  return query._id;
}
