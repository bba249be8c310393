import crypto from 'node:crypto';
import { EJSON } from 'bson';
import { Aggregator, update as applyUpdate, Query } from 'mingo';
import type { CollectionDeclaration } from '../../database/collections';
import { Collection, type Doc, valueKey } from './collection';
import { collectionNotExist, duplicateKey, invalidParam, requestFailed } from './errors';
import { WriteAheadLog } from './wal';

/** A change to commit: the new document, or null to delete it. */
export interface Change {
  coll: string;
  id: string;
  doc: Doc | null;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Record<string, any>;
}

export const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/**
 * The emulator's document database: MongoDB query, update and aggregation semantics
 * (through mingo) over in-memory collections, made durable by a write-ahead log.
 * Every method that changes data returns only after the change is on disk.
 */
export class Database {
  private readonly collections = new Map<string, Collection>();
  private readonly wal: WriteAheadLog;

  constructor(dataDir: string) {
    this.wal = new WriteAheadLog(dataDir);
  }

  open(declarations: CollectionDeclaration[] = []) {
    const { snapshot, log } = this.wal.recover();
    for (const line of snapshot) {
      const rec = JSON.parse(line);
      const coll = this.ensureCollection(rec.c);
      if (rec.i) coll.ensureIndex(rec.i);
      if (rec.d) coll.put(rec.d._id, EJSON.deserialize(rec.d, { relaxed: true }) as Doc);
    }
    for (const rec of log) this.replay(rec);
    this.wal.snapshotSource = () => this.snapshotLines();
    const created: string[] = [];
    for (const decl of declarations) {
      if (!this.collections.has(decl.name)) created.push(decl.name);
      const coll = this.ensureCollection(decl.name);
      for (const index of decl.indexes) coll.ensureIndex(index);
    }
    // Collections created from the declaration are logged like any other, so a later
    // run without the declaration still has them.
    for (const name of created) void this.wal.append({ cc: name });
    return this;
  }

  async barrier() {
    await this.wal.barrier();
  }

  close() {
    this.wal.close();
  }

  compact(): Promise<void> {
    return this.wal.compact();
  }

  listCollections(): string[] {
    return [...this.collections.keys()];
  }

  async createCollection(name: string) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidParam(`invalid collection name: ${name}`);
    if (this.collections.has(name)) {
      throw requestFailed(`collection already exists: ${name}`);
    }
    this.ensureCollection(name);
    await this.wal.append({ cc: name });
  }

  collection(name: string): Collection {
    const coll = this.collections.get(name);
    if (!coll) throw collectionNotExist(name);
    return coll;
  }

  // ---- reads --------------------------------------------------------------

  find(collName: string, query: Record<string, any> | undefined, opts: FindOptions = {}) {
    const coll = this.collection(collName);
    const limit = Math.min(opts.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const offset = opts.offset ?? 0;
    const matched = this.match(coll, query);
    let cursor = new Query({}).find(matched, opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined);
    if (opts.order && Object.keys(opts.order).length) cursor = cursor.sort(opts.order);
    const list = cursor.skip(offset).limit(limit).all() as Doc[];
    return { list, total: matched.length, offset, limit };
  }

  count(collName: string, query: Record<string, any> | undefined): number {
    return this.match(this.collection(collName), query).length;
  }

  aggregate(collName: string, pipeline: Record<string, any>[]): any[] {
    const coll = this.collection(collName);
    let input: Iterable<Doc> = coll.docs.values();
    // A leading $match can use an index.
    if (pipeline.length && pipeline[0].$match) input = this.match(coll, pipeline[0].$match);
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name: string) => [...this.collection(name).docs.values()],
    });
    return agg.run([...input]) as any[];
  }

  get(collName: string, id: string): Doc | null {
    return this.collection(collName).docs.get(id) ?? null;
  }

  version(collName: string, id: string): number {
    return this.collection(collName).version(id);
  }

  match(coll: Collection, query: Record<string, any> | undefined): Doc[] {
    const candidates = coll.candidates(query);
    if (!query || Object.keys(query).length === 0) return [...candidates];
    // mingo's $in hashes its whole list for every document it tests; a 1,000-id look-up over
    // 1,000 candidates is then a million hash inserts. Top-level `$in` of plain values is
    // checked here with one Set instead (same meaning), and mingo gets the rest.
    const { rest, checks } = splitScalarIns(query);
    const q = Object.keys(rest).length ? new Query(rest) : null;
    const out: Doc[] = [];
    for (const doc of candidates) if (checks.every((c) => c(doc)) && (!q || q.test(doc))) out.push(doc);
    return out;
  }

  // ---- changes (computed, then committed atomically) ------------------------

  /** Build new documents for an insert; ids are generated like CloudBase's (32 hex chars). */
  planInsert(collName: string, docs: Record<string, any>[]): Change[] {
    this.collection(collName);
    return docs.map((d) => {
      if (!d || typeof d !== 'object' || Array.isArray(d)) throw invalidParam('document must be an object');
      const id = d._id === undefined ? newId() : String(d._id);
      if (this.get(collName, id)) throw duplicateKey(collName, '_id_', JSON.stringify({ _id: id }));
      return { coll: collName, id, doc: { ...d, _id: id } };
    });
  }

  /** New version of one document after a set (replace) or an update (operators). */
  applyModification(current: Doc | null, id: string, data: Record<string, any>, merge: boolean): Doc {
    if (!merge) {
      const { _id, ...rest } = data;
      return { ...rest, _id: id } as Doc;
    }
    const next = structuredClone(current ?? { _id: id }) as Doc;
    const ops = hasOperators(data) ? data : { $set: data };
    if (Object.keys(ops).some((k) => !k.startsWith('$'))) throw invalidParam('cannot mix update operators and fields');
    // The common case, `$set` of top-level fields to plain values, without mingo's per-call setup.
    if (isPlainTopLevelSet(ops)) {
      for (const [k, v] of Object.entries(ops.$set)) next[k] = structuredClone(v);
      if (next._id !== id) throw invalidParam('不能更新_id的值');
      return next;
    }
    try {
      applyUpdate(next, ops);
    } catch (e) {
      throw requestFailed((e as Error).message);
    }
    if (next._id !== id) throw invalidParam('不能更新_id的值');
    return next;
  }

  /** Validate unique indexes for a set of changes, then apply them and log them as one record. */
  async commit(changes: Change[]): Promise<void> {
    if (!changes.length) return;
    this.checkUnique(changes);
    for (const c of changes) this.collection(c.coll).put(c.id, c.doc);
    await this.wal.append({ w: changes.map((c) => [c.coll, c.id, c.doc ? EJSON.serialize(c.doc, { relaxed: true }) : null]) });
  }

  /** Check each unique index as if all changes were applied: old keys freed first, then new ones claimed. */
  private checkUnique(changes: Change[]) {
    for (const collName of new Set(changes.map((c) => c.coll))) {
      const coll = this.collection(collName);
      const list = changes.filter((c) => c.coll === collName);
      for (const index of coll.indexes) {
        if (!index.unique) continue;
        const freed = new Set<string>();
        for (const c of list) {
          const old = coll.docs.get(c.id);
          if (old) freed.add(index.fullKey(old));
        }
        const claimed = new Map<string, string>();
        for (const c of list) {
          if (!c.doc) continue;
          const key = index.fullKey(c.doc);
          const owner = claimed.get(key) ?? (freed.has(key) ? undefined : index.byFull.get(key));
          if (owner !== undefined && owner !== c.id) throw duplicateKey(collName, index.name, describeKey(index.fields, c.doc));
          claimed.set(key, c.id);
        }
      }
    }
  }

  // ---- durability -----------------------------------------------------------

  private ensureCollection(name: string): Collection {
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new Collection(name);
      this.collections.set(name, coll);
    }
    return coll;
  }

  private replay(rec: any) {
    if (rec.cc) this.ensureCollection(rec.cc);
    if (rec.w) {
      for (const [collName, id, doc] of rec.w) {
        this.ensureCollection(collName).put(id, doc ? (EJSON.deserialize(doc, { relaxed: true }) as Doc) : null);
      }
    }
  }

  /**
   * The state as it is now, serialised lazily: the collections' documents are captured (as
   * references: stored documents are replaced, never changed in place) before this returns.
   */
  private snapshotLines(): Iterable<string> {
    const captured = [...this.collections.values()].map((coll) => ({ name: coll.name, docs: [...coll.docs.values()] }));
    return (function* () {
      for (const { name, docs } of captured) {
        yield JSON.stringify({ c: name });
        for (const doc of docs) yield JSON.stringify({ c: name, d: EJSON.serialize(doc, { relaxed: true }) });
      }
    })();
  }
}

export function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** `{ $set: { a: 1, b: 'x' } }` with no dotted or `$` keys and no operator values: a plain assignment. */
function isPlainTopLevelSet(ops: Record<string, any>): ops is { $set: Record<string, unknown> } {
  const keys = Object.keys(ops);
  if (keys.length !== 1 || keys[0] !== '$set' || !ops.$set || typeof ops.$set !== 'object') return false;
  return Object.entries(ops.$set).every(
    ([k, v]) => k !== '_id' && !k.includes('.') && !k.startsWith('$') && (v === null || typeof v !== 'object' || v instanceof Date),
  );
}

const isScalarValue = (v: unknown) => v instanceof Date || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Takes `field: { $in: [plain values] }` (top level, no dot, no null in the list) out of a query
 * as Set checks with MongoDB's meaning: the field's value, or any element of an array value,
 * is in the list; a missing field is not.
 */
function splitScalarIns(query: Record<string, any>): { rest: Record<string, any>; checks: Array<(doc: Doc) => boolean> } {
  const rest: Record<string, any> = {};
  const checks: Array<(doc: Doc) => boolean> = [];
  for (const [field, cond] of Object.entries(query)) {
    const list = cond && typeof cond === 'object' && !Array.isArray(cond) && Object.keys(cond).length === 1 ? cond.$in : undefined;
    if (!field.startsWith('$') && !field.includes('.') && Array.isArray(list) && list.every(isScalarValue)) {
      const set = new Set(list.map(valueKey));
      checks.push((doc) => {
        const v = (doc as Record<string, unknown>)[field];
        if (Array.isArray(v)) return set.has(valueKey(v)) || v.some((x) => set.has(valueKey(x)));
        return v !== undefined && v !== null && set.has(valueKey(v));
      });
    } else rest[field] = cond;
  }
  return { rest, checks };
}

function hasOperators(data: Record<string, any>) {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

function describeKey(fields: string[], doc: Record<string, any>) {
  return JSON.stringify(Object.fromEntries(fields.map((f) => [f, f.split('.').reduce((o: any, p) => o?.[p], doc) ?? null])));
}
