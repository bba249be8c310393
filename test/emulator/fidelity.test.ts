import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Every feature the emulator promises, exercised through the real @cloudbase/node-sdk
 * over HTTP, the way cloud functions use it.
 */
let cloud: LocalCloud;
let db: any;
let _: any;
let $: any;

const sdk = (adminUrl: string, env = 'any-env-id-42') =>
  tcb.init({ env, serviceUrl: adminUrl, secretId: 'local', secretKey: 'local' } as any);

beforeAll(async () => {
  cloud = await startLocalCloud({ seed: false });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = sdk(cloud.adminUrl).database();
  _ = db.command;
  $ = db.command.aggregate;
  await db.createCollection('people');
  await db.collection('people').add([
    { name: '张桂英', age: 82, street: '海沧街道', tags: ['太极', '讲座'], home: { community: '海虹社区', floor: 3 } },
    { name: '李建国', age: 67, street: '新阳街道', tags: ['讲座'], home: { community: '新阳社区', floor: 1 } },
    { name: '王秀兰', age: 74, street: '海沧街道', tags: [], home: { community: '海虹社区', floor: 6 } },
    { name: 'Zhao Li', age: 61, street: '东孚街道', tags: ['研学'], home: { community: '东瑶社区', floor: 2 }, abroad: true },
  ]);
});

afterAll(async () => {
  await cloud?.stop();
});

const names = (res: { data: Array<{ name: string }> }) => res.data.map((d) => d.name).sort();

describe('queries', () => {
  test('comparison operators', async () => {
    const people = db.collection('people');
    expect(names(await people.where({ age: _.gt(74) }).get())).toEqual(['张桂英']);
    expect(names(await people.where({ age: _.gte(74) }).get())).toEqual(['张桂英', '王秀兰']);
    expect(names(await people.where({ age: _.lt(62) }).get())).toEqual(['Zhao Li']);
    expect(names(await people.where({ age: _.lte(67) }).get())).toEqual(['Zhao Li', '李建国']);
    expect(names(await people.where({ street: _.neq('海沧街道') }).get())).toEqual(['Zhao Li', '李建国']);
    expect(names(await people.where({ street: _.eq('新阳街道') }).get())).toEqual(['李建国']);
  });

  test('logical operators', async () => {
    const people = db.collection('people');
    expect(names(await people.where({ age: _.gt(60).and(_.lt(70)) }).get())).toEqual(['Zhao Li', '李建国']);
    expect(names(await people.where(_.or([{ age: _.gt(80) }, { street: '东孚街道' }])).get())).toEqual(['Zhao Li', '张桂英']);
    expect(names(await people.where({ age: _.lt(62).or(_.gt(80)) }).get())).toEqual(['Zhao Li', '张桂英']);
    expect(names(await people.where(_.nor([{ street: '海沧街道' }, { age: _.lt(62) }])).get())).toEqual(['李建国']);
    expect(names(await people.where({ age: _.not(_.gt(70)) }).get())).toEqual(['Zhao Li', '李建国']);
  });

  test('in, nin, exists, array contains, size', async () => {
    const people = db.collection('people');
    expect(names(await people.where({ street: _.in(['新阳街道', '东孚街道']) }).get())).toEqual(['Zhao Li', '李建国']);
    expect(names(await people.where({ street: _.nin(['海沧街道']) }).get())).toEqual(['Zhao Li', '李建国']);
    expect(names(await people.where({ abroad: _.exists(true) }).get())).toEqual(['Zhao Li']);
    expect(names(await people.where({ tags: '讲座' }).get())).toEqual(['张桂英', '李建国']);
    expect(names(await people.where({ tags: _.all(['太极', '讲座']) }).get())).toEqual(['张桂英']);
    expect(names(await people.where({ tags: _.size(0) }).get())).toEqual(['王秀兰']);
    // $in against an array field matches any element; a missing field matches no value; types differ.
    expect(names(await people.where({ tags: _.in(['研学', '太极']) }).get())).toEqual(['Zhao Li', '张桂英']);
    expect(names(await people.where({ abroad: _.in([true]) }).get())).toEqual(['Zhao Li']);
    expect(names(await people.where({ abroad: _.in([false]) }).get())).toEqual([]);
    expect(names(await people.where({ age: _.in([82, '67']) }).get())).toEqual(['张桂英']);
    expect(names(await people.where({ age: _.in([82, 67]), street: '海沧街道' }).get())).toEqual(['张桂英']);
  });

  test('regular expressions, both forms', async () => {
    const people = db.collection('people');
    expect(names(await people.where({ name: /^zhao/i }).get())).toEqual(['Zhao Li']);
    expect(names(await people.where({ name: db.RegExp({ regexp: '秀', options: 'i' }) }).get())).toEqual(['王秀兰']);
  });

  test('nested fields by path and by object', async () => {
    const people = db.collection('people');
    expect(names(await people.where({ 'home.community': '海虹社区' }).get())).toEqual(['张桂英', '王秀兰']);
    expect(names(await people.where({ home: { floor: _.gt(2) } }).get())).toEqual(['张桂英', '王秀兰']);
  });

  test('orderBy on two fields, skip, limit, field projection', async () => {
    const res = await db
      .collection('people')
      .orderBy('street', 'asc')
      .orderBy('age', 'desc')
      .skip(1)
      .limit(2)
      .field({ name: true, age: true })
      .get();
    // Strings sort by code point, as in MongoDB: 东 < 新 < 海.
    expect(res.data.map((d: any) => d.name)).toEqual(['李建国', '张桂英']);
    expect(Object.keys(res.data[0]).sort()).toEqual(['_id', 'age', 'name']);
  });

  test('count', async () => {
    expect((await db.collection('people').where({ street: '海沧街道' }).count()).total).toBe(2);
  });

  test('limit is capped at 1000 like CloudBase, and 100 when not given', async () => {
    await db.createCollection('many');
    const docs = Array.from({ length: 1200 }, (_v, i) => ({ n: i }));
    for (let i = 0; i < docs.length; i += 400) await db.collection('many').add(docs.slice(i, i + 400));
    expect((await db.collection('many').limit(5000).get()).data).toHaveLength(1000);
    expect((await db.collection('many').get()).data).toHaveLength(100);
    expect((await db.collection('many').count()).total).toBe(1200);
  });

  test('a missing collection answers like CloudBase', async () => {
    await expect(db.collection('nope').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
});

describe('writes', () => {
  test('add one and many; serverDate is the server clock', async () => {
    await db.createCollection('writes');
    const before = Date.now();
    const one = await db.collection('writes').add({ kind: 'one', at: db.serverDate() });
    const many = await db.collection('writes').add([{ kind: 'many' }, { kind: 'many' }]);
    expect(typeof one.id).toBe('string');
    expect(many.ids).toHaveLength(2);
    const { data } = await db.collection('writes').doc(one.id).get();
    expect(data[0].at).toBeInstanceOf(Date);
    expect(data[0].at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(data[0].at.getTime()).toBeLessThanOrEqual(Date.now() + 5);
  });

  test('doc set, update, remove', async () => {
    const coll = db.collection('writes');
    await coll.doc('fixed-id').set({ a: 1, b: 2 });
    await coll.doc('fixed-id').set({ a: 5 }); // set replaces the whole document
    expect((await coll.doc('fixed-id').get()).data[0]).toEqual({ _id: 'fixed-id', a: 5 });
    await coll.doc('fixed-id').update({ c: { d: 1 } }); // update merges
    expect((await coll.doc('fixed-id').get()).data[0]).toEqual({ _id: 'fixed-id', a: 5, c: { d: 1 } });
    expect((await coll.doc('fixed-id').remove()).deleted).toBe(1);
    expect((await coll.doc('fixed-id').get()).data).toEqual([]);
  });

  test('where().update and where().remove touch every match', async () => {
    const coll = db.collection('writes');
    expect((await coll.where({ kind: 'many' }).update({ seen: true })).updated).toBe(2);
    expect((await coll.where({ seen: true }).count()).total).toBe(2);
    expect((await coll.where({ kind: 'many' }).remove()).deleted).toBe(2);
    expect((await coll.where({ kind: 'many' }).count()).total).toBe(0);
  });

  test('update operators: set inc mul min max push pull addToSet remove', async () => {
    const coll = db.collection('writes');
    const { id } = await coll.add({ n: 10, m: 3, lo: 5, hi: 5, list: [1, 2, 3], set: ['a'], gone: 'x', obj: { k: 1 } });
    await coll.doc(id).update({
      n: _.inc(5),
      m: _.mul(4),
      lo: _.min(2),
      hi: _.max(9),
      list: _.push([4]),
      set: _.addToSet('a'),
      gone: _.remove(),
      obj: _.set({ replaced: true }),
    });
    await coll.doc(id).update({ list: _.pull(_.gt(2)), set: _.addToSet('b') });
    const doc = (await coll.doc(id).get()).data[0];
    expect(doc).toEqual({ _id: id, n: 15, m: 12, lo: 2, hi: 9, list: [1, 2], set: ['a', 'b'], obj: { replaced: true } });
  });

  test('updateAndReturn changes one document atomically and returns it', async () => {
    const coll = db.collection('writes');
    const { id } = await coll.add({ counter: 0, kind: 'counter' });
    const results = await Promise.all(Array.from({ length: 20 }, () => coll.where({ _id: id }).updateAndReturn({ counter: _.inc(1) })));
    const seen = results.map((r: any) => r.doc.counter).sort((a: number, b: number) => a - b);
    expect(seen).toEqual(Array.from({ length: 20 }, (_v, i) => i + 1));
  });

  test('createCollection twice is refused', async () => {
    await db.createCollection('twice');
    await expect(db.createCollection('twice')).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});

describe('indexes from the repo declaration', () => {
  test('a unique index rejects a duplicate with a CloudBase-shaped error and writes nothing', async () => {
    const notices = db.collection('notices');
    await notices.add({ requestId: 'same-request', title: 'first' });
    await expect(notices.add({ requestId: 'same-request', title: 'second' })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
      message: expect.stringContaining('E11000'),
    });
    // A batch with a duplicate inside is refused whole.
    await expect(notices.add([{ requestId: 'r-a' }, { requestId: 'r-a' }])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await notices.where({ requestId: _.in(['same-request', 'r-a']) }).count()).total).toBe(1);
    // An update that would collide is refused too.
    const { id } = await notices.add({ requestId: 'other' });
    await expect(notices.doc(id).update({ requestId: 'same-request' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
  });
});

describe('aggregate', () => {
  test('match, group, sort, limit, project, count', async () => {
    const res = await db
      .collection('people')
      .aggregate()
      .match({ age: _.gt(60) })
      .group({ _id: '$street', people: $.sum(1), oldest: $.max('$age') })
      .sort({ people: -1, _id: 1 })
      .limit(2)
      .project({ _id: 0, street: '$_id', people: 1, oldest: 1 })
      .end();
    expect(res.data).toEqual([
      { street: '海沧街道', people: 2, oldest: 82 },
      { street: '东孚街道', people: 1, oldest: 61 },
    ]);
    const counted = await db.collection('people').aggregate().match({ street: '海沧街道' }).count('n').end();
    expect(counted.data).toEqual([{ n: 2 }]);
  });
});

describe('transactions', () => {
  test('two transactions on one document: one conflicts, the SDK retries it, both take effect', async () => {
    await db.createCollection('accounts');
    await db.collection('accounts').doc('a1').set({ balance: 100 });
    // The first transaction reads and writes, and so holds the document's write lock.
    const first = await db.startTransaction();
    const { data: seen } = await first.collection('accounts').doc('a1').get();
    await first
      .collection('accounts')
      .doc('a1')
      .update({ balance: seen.balance + 10 });

    const errors: string[] = [];
    let attempts = 0;
    await db.runTransaction(async (t: any) => {
      attempts += 1;
      const { data } = await t.collection('accounts').doc('a1').get();
      try {
        await t
          .collection('accounts')
          .doc('a1')
          .update({ balance: data.balance + 1 });
      } catch (e: any) {
        errors.push(e.code);
        if (attempts === 1) await first.commit(); // the lock holder finishes; the SDK retries us
        throw e;
      }
    });
    expect(errors).toEqual(['DATABASE_TRANSACTION_CONFLICT']);
    expect(attempts).toBe(2);
    expect((await db.collection('accounts').doc('a1').get()).data[0].balance).toBe(111);
  });

  test('a transaction that aborts leaves nothing behind', async () => {
    await db.collection('accounts').doc('a2').set({ balance: 50 });
    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection('accounts').doc('a2').update({ balance: 0 });
        await t.collection('accounts').add({ _id: 'should-not-exist', balance: 1 });
        await t.rollback('changed my mind');
      }),
    ).rejects.toBe('changed my mind');
    expect((await db.collection('accounts').doc('a2').get()).data[0].balance).toBe(50);
    expect((await db.collection('accounts').doc('should-not-exist').get()).data).toEqual([]);
  });

  test('a write outside the transaction makes its commit fail rather than be lost', async () => {
    await db.collection('accounts').doc('a3').set({ balance: 1 });
    const tx = await db.startTransaction();
    const { data } = await tx.collection('accounts').doc('a3').get();
    await db.collection('accounts').doc('a3').update({ balance: 1000 });
    await tx
      .collection('accounts')
      .doc('a3')
      .update({ balance: data.balance + 1 })
      .catch(() => undefined);
    await expect(tx.commit()).rejects.toMatchObject({ code: expect.stringMatching(/CONFLICT|REQUEST_FAILED/) });
    expect((await db.collection('accounts').doc('a3').get()).data[0].balance).toBe(1000);
  });
});

describe('functions', () => {
  test('callFunction through the SDK runs the built bundle (no caller: anonymous)', async () => {
    const app = sdk(cloud.adminUrl);
    const res = await app.callFunction({ name: 'account', data: { action: 'me.get' } });
    expect(res.result).toMatchObject({ ok: true, data: { role: 'anonymous', name: null, userId: null, retiree: null } });
  });

  test('an unknown function answers with an error code', async () => {
    const app = sdk(cloud.adminUrl);
    await expect(app.callFunction({ name: 'no-such-function', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND' });
  });
});

describe('connections', () => {
  test('an idle keep-alive connection is left for the client to close (no "socket hang up" after a pause)', async () => {
    // The SDK's agent keeps idle sockets 4.8 s and Node's own agent 5 s; a server closing at 5 s races them.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 30_000 });
    const post = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.request(cloud.adminUrl, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ action: 'no.such.action' }));
      });
    expect((await post()).reused).toBe(false);
    await new Promise((r) => setTimeout(r, 6_000));
    const second = await post();
    expect(second.reused).toBe(true);
    agent.destroy();
  }, 20_000);
});

describe('durability', () => {
  test('compaction runs while writes go on: after kill -9 every acknowledged write is there with its last value', async () => {
    // A tiny threshold: the log is compacted again and again while eight writers insert and update.
    const own = await startLocalCloud({ seed: false, emulatorEnv: { EMULATOR_COMPACT_BYTES: '65536' } });
    try {
      const odb = sdk(own.adminUrl).database();
      await odb.createCollection('ledger');
      const last = new Map<string, number>();
      let acknowledged = 0;
      let killed: Promise<void> | null = null;
      const writers = Array.from({ length: 8 }, async (_v, w) => {
        for (let i = 0; ; i++) {
          const key = `w${w}-${i % 40}`;
          try {
            if (i < 40) await odb.collection('ledger').add({ _id: key, w, v: i, pad: 'x'.repeat(400) });
            else await odb.collection('ledger').doc(key).update({ v: i });
          } catch {
            return;
          }
          if (killed) return;
          last.set(key, i);
          if (++acknowledged >= 1500) killed = own.kill9();
        }
      });
      await Promise.all(writers);
      await killed;
      await new Promise((r) => setTimeout(r, 3200));
      const snapshots = fs.readdirSync(path.join(own.dataDir, 'db')).filter((f) => /^snapshot-\d+\.jsonl$/.test(f));
      expect(snapshots.length).toBeGreaterThan(0);

      await own.restart();
      const rdb = sdk(own.adminUrl).database();
      const { data } = await rdb.collection('ledger').limit(1000).get();
      expect(data).toHaveLength(last.size);
      const found = new Map(data.map((d: any) => [d._id, d.v]));
      // The value read is the last acknowledged, or a later write that was in flight when killed.
      for (const [key, v] of last) expect(found.get(key)).toBeGreaterThanOrEqual(v);
    } finally {
      await own.stop();
    }
  }, 120_000);

  test('every acknowledged write survives kill -9, nothing is duplicated', async () => {
    const own = await startLocalCloud({ seed: false });
    try {
      const odb = sdk(own.adminUrl).database();
      await odb.createCollection('journal');
      const acknowledged: string[] = [];
      let killed: Promise<void> | null = null;
      // Eight writers keep writing; once 300 writes are acknowledged the emulator is
      // killed with writes still in flight.
      const writers = Array.from({ length: 8 }, async (_v, w) => {
        for (let i = 0; ; i++) {
          const key = `w${w}-${i}`;
          try {
            await odb.collection('journal').add({ _id: key, w, i });
          } catch {
            return; // the server died under us: this write was never acknowledged
          }
          if (killed) return;
          acknowledged.push(key);
          if (acknowledged.length >= 300) killed = own.kill9();
        }
      });
      await Promise.all(writers);
      await killed;
      // @cloudbase/node-sdk 3.18 never clears its 3 s "slow request" timer when a request
      // fails; let the timers of the requests the kill cut off fire inside this test.
      await new Promise((r) => setTimeout(r, 3200));
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);

      await own.restart();
      const rdb = sdk(own.adminUrl).database();
      const total = (await rdb.collection('journal').count()).total;
      const present = new Set<string>();
      for (let skip = 0; skip < total; skip += 1000) {
        const { data } = await rdb.collection('journal').skip(skip).limit(1000).field({ _id: true }).get();
        for (const d of data) present.add(d._id);
      }
      const missing = acknowledged.filter((k) => !present.has(k));
      expect(missing).toEqual([]);
      expect(present.size).toBe(total); // no duplicates
      expect(total - acknowledged.length).toBeLessThanOrEqual(8); // at most one unacknowledged write per writer
    } finally {
      await own.stop();
    }
  });

  test('data survives a clean restart, including collections made at run time', async () => {
    await db.createCollection('kept');
    await db.collection('kept').add({ _id: 'k1', v: new Date('2026-02-28T16:00:00Z') });
    await cloud.stop({ keepData: true });
    await cloud.restart();
    const rdb = sdk(cloud.adminUrl).database();
    const { data } = await rdb.collection('kept').doc('k1').get();
    expect(data[0].v.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    db = rdb;
    _ = rdb.command;
  });
});
