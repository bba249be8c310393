import { decode, encode } from '../database/ejson';
import { type Change, type Database, MAX_LIMIT, newId } from '../database/engine';
import { invalidParam, requestFailed } from '../database/errors';
import { requireDocQuery, type TransactionManager } from '../database/transactions';

/**
 * The database half of the `/admin` wire protocol that `@cloudbase/node-sdk` speaks:
 * one JSON body `{ action, collectionName, query, … }` in, `{ data: … }` out.
 * Queries, documents and updates arrive as EJSON strings.
 */
export type Body = Record<string, any>;

export function createDatabaseApi(db: Database, txs: TransactionManager) {
  const handlers: Record<string, (b: Body) => Promise<Body> | Body> = {
    'database.addCollection': async (b) => {
      await db.createCollection(b.collectionName);
      return {};
    },

    'database.getDocument': (b) => {
      const query = decode(b.query);
      if (b.transactionId) {
        const id = requireDocQuery(b.queryType, query);
        const doc = txs.get(b.transactionId, b.collectionName, id);
        return { data: { list: doc ? [encode(doc)] : [], total: doc ? 1 : 0, limit: 1, offset: 0 } };
      }
      const limit = b.limit === undefined ? undefined : Math.min(Number(b.limit), MAX_LIMIT);
      const { list, total, offset } = db.find(b.collectionName, query, {
        order: decode(b.order),
        offset: Number(b.offset ?? 0),
        limit,
        projection: decode(b.projection),
      });
      return { data: { list: list.map(encode), total, limit: limit ?? 100, offset } };
    },

    'database.calculateDocument': (b) => ({ data: { total: db.count(b.collectionName, decode(b.query)) } }),

    'database.insertDocument': async (b) => {
      const now = Date.now();
      const docs = (b.data as string[]).map((d) => decode(d, now));
      if (b.transactionId) {
        const ids = docs.map((d) => {
          const id = d._id === undefined ? newId() : String(d._id);
          txs.write(b.transactionId, b.collectionName, id, (current) => {
            if (current) throw requestFailed(`duplicate _id ${id}`);
            return { ...d, _id: id };
          });
          return id;
        });
        return { data: { insertedIds: ids } };
      }
      const changes = db.planInsert(b.collectionName, docs);
      await db.commit(changes);
      return { data: { insertedIds: changes.map((c) => c.id) } };
    },

    'database.modifyDocument': async (b) => {
      const data = decode(b.data);
      const query = decode(b.query);
      const merge = b.merge !== false;
      if (!data || typeof data !== 'object') throw invalidParam('data must be an object');
      if (b.transactionId) {
        const id = requireDocQuery(b.queryType, query);
        let updated = 0;
        let upsertId: string | undefined;
        txs.write(b.transactionId, b.collectionName, id, (current) => {
          if (!current && !b.upsert) return null;
          if (!current) upsertId = id;
          else updated = 1;
          return db.applyModification(current, id, data, merge);
        });
        return { data: { updated, upsert_id: upsertId } };
      }
      const targets = matchTargets(db, b.collectionName, query, !!b.multi);
      const changes: Change[] = targets.map((doc) => ({
        coll: b.collectionName,
        id: doc._id,
        doc: db.applyModification(doc, doc._id, data, merge),
      }));
      let upsertId: string | undefined;
      if (!targets.length && b.upsert) {
        const id = b.queryType === 'DOC' && typeof query?._id === 'string' ? query._id : newId();
        const seed = b.queryType === 'DOC' ? null : equalityFields(query);
        changes.push({ coll: b.collectionName, id, doc: db.applyModification(seed ? { ...seed, _id: id } : null, id, data, merge) });
        upsertId = id;
      }
      await db.commit(changes);
      return { data: { updated: targets.length, upsert_id: upsertId } };
    },

    'database.modifyAndReturnDoc': async (b) => {
      if (b.transactionId) throw invalidParam('updateAndReturn is not available in a transaction');
      const data = decode(b.data);
      const [doc] = db.find(b.collectionName, decode(b.query), { limit: 1 }).list;
      if (!doc) return { data: { updated: 0, doc: null } };
      const next = db.applyModification(doc, doc._id, data, true);
      await db.commit([{ coll: b.collectionName, id: doc._id, doc: next }]);
      return { data: { updated: 1, doc: encode(next) } };
    },

    'database.removeDocument': async (b) => {
      const query = decode(b.query);
      if (b.transactionId) {
        const id = requireDocQuery(b.queryType, query);
        let deleted = 0;
        txs.write(b.transactionId, b.collectionName, id, (current) => {
          deleted = current ? 1 : 0;
          return null;
        });
        return { data: { deleted } };
      }
      const targets = matchTargets(db, b.collectionName, query, !!b.multi);
      await db.commit(targets.map((d) => ({ coll: b.collectionName, id: d._id, doc: null })));
      return { data: { deleted: targets.length } };
    },

    'database.aggregateDocuments': (b) => {
      const pipeline = (b.stages as Array<{ stageKey: string; stageValue: string }>).map((s) => ({
        [s.stageKey]: decode(s.stageValue),
      }));
      return { data: { list: db.aggregate(b.collectionName, pipeline).map(encode) } };
    },

    'database.startTransaction': () => ({ transactionId: txs.start() }),
    'database.commitTransaction': async (b) => {
      await txs.commit(b.transactionId);
      return {};
    },
    'database.abortTransaction': (b) => {
      txs.abort(b.transactionId);
      return {};
    },

    // The SDK's older transaction class (`db.startTransaction()` in database/transaction.js).
    'database.getInTransaction': (b) => {
      const doc = txs.get(b.transactionId, b.collectionName, String(b._id));
      return { data: encode(doc) };
    },
    'database.updateDocInTransaction': (b) => {
      const data = decode(b.data);
      const replace = !Object.keys(data).some((k) => k.startsWith('$'));
      let upserted: string | null = null;
      const { after } = txs.write(b.transactionId, b.collectionName, String(b._id), (current) => {
        if (!current && !b.upsert) throw requestFailed(`document ${b._id} does not exist`);
        if (!current) upserted = JSON.stringify({ _id: String(b._id) });
        return db.applyModification(current, String(b._id), data, !replace);
      });
      return { updated: encode(after ? 1 : 0), upserted };
    },
    'database.deleteDocInTransaction': (b) => {
      const { before } = txs.write(b.transactionId, b.collectionName, String(b._id), () => null);
      return { deleted: encode(before ? 1 : 0) };
    },
  };
  return handlers;
}

/** For an upsert by query: the fields the query fixes to one value become the new document's. */
function equalityFields(query: Record<string, any> | undefined): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (v === null || typeof v !== 'object' || v instanceof Date) out[k] = v;
  }
  return out;
}

/** Documents a write applies to: all matches for `multi`, else the first (no 1000 cap: that is for reads). */
function matchTargets(db: Database, collName: string, query: Record<string, any> | undefined, multi: boolean) {
  const all = db.match(db.collection(collName), query);
  return multi ? all : all.slice(0, 1);
}
