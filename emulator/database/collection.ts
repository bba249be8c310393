import type { IndexDeclaration } from '../../database/collections';

export type Doc = Record<string, any> & { _id: string };

/**
 * One collection in memory: documents by id, a version per id (for transaction
 * validation), and its indexes. Indexes serve two jobs: enforce uniqueness on the
 * full key, and narrow equality queries by their first field.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  private readonly versions = new Map<string, number>();
  readonly indexes: Index[] = [];

  constructor(readonly name: string) {}

  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  ensureIndex(decl: IndexDeclaration) {
    if (this.indexes.some((i) => i.name === decl.name)) return;
    const index = new Index(decl);
    for (const doc of this.docs.values()) index.add(doc);
    this.indexes.push(index);
  }

  /** Apply a committed change (no checks: the caller validated it). */
  put(id: string, doc: Doc | null) {
    const old = this.docs.get(id);
    if (old) for (const i of this.indexes) i.remove(old);
    if (doc) {
      this.docs.set(id, doc);
      for (const i of this.indexes) i.add(doc);
    } else {
      this.docs.delete(id);
    }
    this.versions.set(id, this.version(id) + 1);
  }

  /** Candidate documents for a query: an index lookup when the query pins a field, else all. */
  candidates(query: Record<string, any> | undefined): Iterable<Doc> {
    if (!query) return this.docs.values();
    const pins = equalityPins(query);
    const ids = pins.get('_id');
    if (ids) return ids.map((id) => this.docs.get(String(id))).filter((d): d is Doc => !!d);
    let best: Set<string> | null = null;
    for (const index of this.indexes) {
      // Dotted paths can cross arrays, which a hash key cannot follow: scan those instead.
      if (index.fields[0].includes('.')) continue;
      const values = pins.get(index.fields[0]);
      if (!values) continue;
      const found = new Set<string>();
      for (const v of values) for (const id of index.lookupFirst(v)) found.add(id);
      if (!best || found.size < best.size) best = found;
    }
    if (!best) return this.docs.values();
    return [...best].map((id) => this.docs.get(id)).filter((d): d is Doc => !!d);
  }
}

export class Index {
  readonly name: string;
  readonly fields: string[];
  readonly unique: boolean;
  private readonly byFirst = new Map<string, Set<string>>();
  readonly byFull = new Map<string, string>();

  constructor(decl: IndexDeclaration) {
    this.name = decl.name;
    this.fields = Object.keys(decl.keys);
    this.unique = !!decl.unique;
  }

  fullKey(doc: Record<string, any>): string {
    return this.fields.map((f) => valueKey(getPath(doc, f))).join('\u0001');
  }

  add(doc: Doc) {
    for (const k of multiKeys(getPath(doc, this.fields[0]))) {
      const set = this.byFirst.get(k) ?? new Set<string>();
      this.byFirst.set(k, set);
      set.add(doc._id);
    }
    if (this.unique) this.byFull.set(this.fullKey(doc), doc._id);
  }

  remove(doc: Doc) {
    for (const k of multiKeys(getPath(doc, this.fields[0]))) {
      const set = this.byFirst.get(k);
      set?.delete(doc._id);
      if (set && set.size === 0) this.byFirst.delete(k);
    }
    if (this.unique && this.byFull.get(this.fullKey(doc)) === doc._id) this.byFull.delete(this.fullKey(doc));
  }

  lookupFirst(value: unknown): Iterable<string> {
    return this.byFirst.get(valueKey(value)) ?? [];
  }
}

export function getPath(doc: any, path: string): any {
  let cur = doc;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A stable string for an index key; `undefined` and `null` are the same key, as in MongoDB. */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'z';
  if (v instanceof Date) return `d${v.getTime()}`;
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return `n${v}`;
    case 'boolean':
      return `b${v}`;
    default:
      return `j${JSON.stringify(v)}`;
  }
}

function multiKeys(v: unknown): string[] {
  if (Array.isArray(v)) return [valueKey(v), ...v.map(valueKey)];
  return [valueKey(v)];
}

const isScalar = (v: unknown) => v === null || v instanceof Date || ['string', 'number', 'boolean'].includes(typeof v);

/** Fields a query pins to one of a few exact values (`f: v`, `{$eq}`, `{$in}`), also inside `$and`. */
function equalityPins(query: Record<string, any>): Map<string, unknown[]> {
  const pins = new Map<string, unknown[]>();
  const visit = (q: Record<string, any>) => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const part of cond) visit(part);
        continue;
      }
      // An $or whose every branch pins the same field (e.g. `_id: x` and a condition that differs)
      // narrows to the union of those values: moving a retiree's last certification forward is one.
      if (field === '$or' && Array.isArray(cond) && cond.length) {
        const branches = cond.map((part) => equalityPins(part));
        for (const f of branches[0].keys()) {
          if (pins.has(f) || !branches.every((b) => b.has(f))) continue;
          pins.set(f, [...new Set(branches.flatMap((b) => b.get(f) as unknown[]))]);
        }
        continue;
      }
      if (field.startsWith('$')) continue;
      if (isScalar(cond) && cond !== null) pins.set(field, [cond]);
      else if (cond && typeof cond === 'object' && !(cond instanceof RegExp) && !Array.isArray(cond)) {
        const keys = Object.keys(cond);
        if (keys.length === 1 && keys[0] === '$eq' && isScalar(cond.$eq) && cond.$eq !== null) pins.set(field, [cond.$eq]);
        if (keys.length === 1 && keys[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(isScalar) && !cond.$in.includes(null))
          pins.set(field, cond.$in);
      }
    }
  };
  visit(query);
  return pins;
}
