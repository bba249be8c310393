import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../cloudfunctions/_lib/caller';
import { addDays } from '../contract/recurrence';
import { COLLECTIONS } from '../database/collections';
import { pointSdkAtEmulator } from '../emulator/sdkEnv';
import { DEFAULT_TODAY } from '../emulator/seed/generate';
import { buildFunctions } from '../scripts/build-functions';
import { type LocalCloud, startLocalCloud } from '../test/support/localCloud';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, msSince, now, pool, summarize, table } from './lib/stats';

/**
 * The 08:00 rush: BENCH_EVENTS_PEOPLE (default 2,000) people, each signed in as themself,
 * send `registration.create` at once for one occurrence with BENCH_EVENTS_PLACES (default
 * 200) places, through the emulator's functions host (the built `events` function, up to 8
 * instances, as SCF would run it). Checked afterwards from the data: exactly `places`
 * confirmed, everyone else waitlisted at positions 1..n without gaps or repeats.
 *
 * Beside it, on the same emulator, through `@cloudbase/node-sdk` directly:
 * - the open-source peers' pattern: read the activity's count, and if below the limit add
 *   the sign-up and increment the count (no transaction, no condition) — how many places
 *   it oversells, all at once and with 8 callers (as 8 function instances would);
 * - a conditional update (`where({ _id, confirmed: lt(places) }).updateAndReturn(inc)`, then
 *   the waitlist ticket the same way, then the registration): the alternative to the
 *   transaction, for its speed.
 */
const PEOPLE = Number(process.env.BENCH_EVENTS_PEOPLE ?? 2000);
const PLACES = Number(process.env.BENCH_EVENTS_PLACES ?? 200);
const TODAY = DEFAULT_TODAY;
const APP_NOW = `${TODAY}T07:55:00+08:00`;
const num = (n: number) => n.toLocaleString('en-US');

interface Burst {
  wallMs: number;
  latencies: number[];
  errors: Record<string, number>;
}

async function setUp(cloud: LocalCloud, db: any) {
  const staff = { id: 'bench-staff', role: 'staff', name: '陈晓燕', label: '工作人员（基准测试）', uid: 'bench-staff' };
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `bench-p${i}`,
    role: 'retiree',
    name: `报名${i}`,
    label: `报名${i}`,
    openid: `bench-openid-${i}`,
  }));
  await fetch(`${cloud.url}/dev/accounts`, { method: 'PUT', body: JSON.stringify([staff, ...people]) });
  await db
    .collection(COLLECTIONS.users)
    .add({ identity: identityKey(staff), role: 'staff', name: staff.name, streets: 'all', createdAt: new Date() });
  for (let i = 0; i < PEOPLE; i += 1000) {
    const part = people.slice(i, i + 1000);
    await db.collection(COLLECTIONS.retirees).add(
      part.map((p) => ({
        _id: `r-${p.id}`,
        name: p.name,
        idHash: `bench-${p.id}`,
        street: '海沧街道',
        community: '基准社区',
        birthDate: '1958-08-08',
        boundUserId: `u-${p.id}`,
      })),
    );
    await db.collection(COLLECTIONS.users).add(
      part.map((p) => ({
        _id: `u-${p.id}`,
        identity: `wx:${p.openid}`,
        role: 'retiree',
        name: p.name,
        retireeId: `r-${p.id}`,
        streets: [],
      })),
    );
  }
  const staffToken = await cloud.tokenFor(staff.id);
  const tokens: string[] = [];
  for (const p of people) tokens.push(await cloud.tokenFor(p.id));
  return { staffToken, tokens, people };
}

async function publishOccurrence(cloud: LocalCloud, staffToken: string, tag: string): Promise<string> {
  const call = async (data: Record<string, unknown>) => {
    const res = await cloud.callFunction('events', data, staffToken);
    if (!res.ok) throw new Error(`${data.action}: ${JSON.stringify(res.error)}`);
    return res.data;
  };
  const event = await call({
    action: 'event.save',
    kind: 'performance',
    title: '新年文艺演出',
    place: { name: '海沧文化中心剧场', address: '厦门市海沧区滨湖北路' },
    schedule: { type: 'once', date: addDays(TODAY, 3), start: '09:00', end: '11:00' },
    capacity: PLACES,
    opensDaysBefore: 7,
    closesMinutesBefore: 60,
    cancelMinutesBefore: 120,
    needsApproval: false,
    requestId: `bench-${tag}-${Date.now()}`,
  });
  await call({ action: 'event.publish', eventId: event.id });
  const got = await call({ action: 'event.get', eventId: event.id });
  return got.occurrences[0].id;
}

async function productBurst(cloud: LocalCloud, occId: string, setup: Awaited<ReturnType<typeof setUp>>) {
  const answers: any[] = new Array(PEOPLE);
  const errors: Record<string, number> = {};
  let resent = 0;
  const r = await pool(PEOPLE, PEOPLE, async (i) => {
    const data = {
      action: 'registration.create',
      occurrenceId: occId,
      retireeId: `r-${setup.people[i].id}`,
      requestId: `burst-${i}-request`,
    };
    let res: any;
    // A call that never got an answer (the connection dropped) is sent again with the same requestId, as the app does.
    for (let attempt = 0; ; attempt++) {
      res = await cloud.callFunction('events', data, setup.tokens[i]).catch((e: Error) => ({
        ok: false,
        transport: true,
        error: { code: `HTTP ${(e as any).status ?? ''} ${(e as any).code ?? e.message}` },
      }));
      if (!res.transport || attempt >= 4) break;
      resent++;
      await new Promise((done) => setTimeout(done, 200 * (attempt + 1)));
    }
    answers[i] = res;
    if (!res.ok) errors[res.error.code] = (errors[res.error.code] ?? 0) + 1;
  });
  return { burst: { wallMs: r.wallMs, latencies: r.latencies, errors } as Burst, answers, resent };
}

/** The peers' pattern: read the count, then add and increment, no transaction (`concurrency` callers at a time). */
async function peerBurst(db: any, concurrency: number, tag: string) {
  const _ = db.command;
  const activityId = `peer-${tag}`;
  await db.collection(COLLECTIONS.occurrences).doc(activityId).set({ title: '同行做法', limit: PLACES, joined: 0 });
  let full = 0;
  const r = await pool(PEOPLE, concurrency, async (i) => {
    const { data } = await db.collection(COLLECTIONS.occurrences).doc(activityId).get();
    const activity = data[0];
    if (activity.joined >= activity.limit) {
      full++;
      return;
    }
    await db
      .collection(COLLECTIONS.registrations)
      .add({ activityId, retireeId: `peer-${i}`, requestKey: `peer-${tag}-${i}`, at: new Date() });
    await db
      .collection(COLLECTIONS.occurrences)
      .doc(activityId)
      .update({ joined: _.inc(1) });
  });
  const { total } = await db.collection(COLLECTIONS.registrations).where({ activityId }).count();
  const counter = (await db.collection(COLLECTIONS.occurrences).doc(activityId).get()).data[0].joined;
  return {
    burst: { wallMs: r.wallMs, latencies: r.latencies, errors: {} } as Burst,
    signedUp: total as number,
    counter: counter as number,
    full,
  };
}

/** A conditional update instead of a transaction: the counter and the ticket atomically, the registration after. */
async function conditionalBurst(db: any, tag: string) {
  const _ = db.command;
  const occId = `cond-${tag}`;
  const occ = () => db.collection(COLLECTIONS.occurrences);
  await occ().doc(occId).set({ title: '条件更新', capacity: PLACES, confirmed: 0, waiting: 0, waitSeq: 0 });
  const r = await pool(PEOPLE, PEOPLE, async (i) => {
    const took = await occ()
      .where({ _id: occId, confirmed: _.lt(PLACES) })
      .updateAndReturn({ confirmed: _.inc(1) });
    let status = 'confirmed';
    let waitSeq: number | null = null;
    if (!took.doc) {
      const ticket = await occ()
        .where({ _id: occId })
        .updateAndReturn({ waiting: _.inc(1), waitSeq: _.inc(1) });
      status = 'waitlisted';
      waitSeq = ticket.doc.waitSeq;
    }
    await db
      .collection(COLLECTIONS.registrations)
      .add({ _id: `${occId}:${i}`, occurrenceId: occId, requestKey: `cond-${tag}-${i}`, status, waitSeq, retireeId: `c-${i}` });
  });
  const confirmed = (await db.collection(COLLECTIONS.registrations).where({ occurrenceId: occId, status: 'confirmed' }).count()).total;
  return { burst: { wallMs: r.wallMs, latencies: r.latencies, errors: {} } as Burst, confirmed: confirmed as number };
}

function row(name: string, b: Burst, extra: string[]): string[] {
  const s = summarize(b.latencies);
  return [name, fmt(b.wallMs / 1000, 1), fmt((PEOPLE / b.wallMs) * 1000, 0), fmt(s.p50, 0), fmt(s.p99, 0), fmt(s.max, 0), ...extra];
}

const bench: Bench = {
  name: 'eventsBurst',
  async run(log) {
    log('building functions');
    await buildFunctions();
    const cloud = await startLocalCloud({ seed: false, functionEnv: { APP_NOW } });
    try {
      pointSdkAtEmulator(cloud.adminUrl);
      const db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' } as any).database() as any;
      log(`setting up ${num(PEOPLE)} retirees with their own accounts`);
      const setup = await setUp(cloud, db);
      const occId = await publishOccurrence(cloud, setup.staffToken, 'a');
      // Warm the instances (the first call of an instance loads the bundle), on another occurrence.
      const warm = await publishOccurrence(cloud, setup.staffToken, 'warm');
      await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
          cloud.callFunction('events', { action: 'event.get', eventId: warm.split(':')[0] }, setup.tokens[i]),
        ),
      );

      log(`product: ${num(PEOPLE)} registration.create at once for ${PLACES} places`);
      const t0 = now();
      const { burst, answers, resent } = await productBurst(cloud, occId, setup);
      log(`product burst done in ${fmt(msSince(t0) / 1000, 1)} s`);
      const list = (await cloud.callFunction('events', { action: 'registration.list', occurrenceId: occId }, setup.staffToken)).data;
      const positions: number[] = list.lines.filter((l: any) => l.status === 'waitlisted').map((l: any) => l.position);
      const gapless = positions.every((p, i) => p === i + 1);
      const answered = answers.filter((a) => a.ok && a.data.status === 'waitlisted').map((a) => a.data.position as number);
      const answeredUnique = new Set(answered).size === answered.length;
      const { data: tickets } = await db
        .collection(COLLECTIONS.registrations)
        .where({ occurrenceId: occId, status: 'waitlisted' })
        .orderBy('waitSeq', 'asc')
        .limit(1000)
        .get();
      const regsTotal = (await db.collection(COLLECTIONS.registrations).where({ occurrenceId: occId }).count()).total;
      log(
        `confirmed ${list.counts.confirmed}, waitlisted ${list.counts.waitlisted}, gapless ${gapless}, errors ${JSON.stringify(burst.errors)}`,
      );

      // A second burst with the same requestIds: every one answers with the first registration, nothing new.
      log(`the same ${num(PEOPLE)} requests again (retries)`);
      const again = await productBurst(cloud, occId, setup);
      const regsAfterRetry = (await db.collection(COLLECTIONS.registrations).where({ occurrenceId: occId }).count()).total;
      const retriedCreated = again.answers.filter((a) => a.ok && a.data.created).length;

      log('peer pattern, all at once');
      const peerAll = await peerBurst(db, PEOPLE, 'all');
      log(`peer pattern (all at once): ${peerAll.signedUp} signed up for ${PLACES} places`);
      const peer8 = await peerBurst(db, 8, 'eight');
      log(`peer pattern (8 callers): ${peer8.signedUp} signed up for ${PLACES} places`);
      log('conditional update, all at once');
      const cond = await conditionalBurst(db, 'c');

      const header = ['', 'wall (s)', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'max (ms)', 'signed up / confirmed', 'oversold', 'errors'];
      const errs = (b: Burst) => (Object.keys(b.errors).length ? JSON.stringify(b.errors) : '0');
      const rows = [
        row('product: `registration.create` through the functions host (transaction)', burst, [
          `${list.counts.confirmed} confirmed + ${list.counts.waitlisted} waitlisted`,
          String(Math.max(0, list.counts.confirmed - PLACES)),
          errs(burst),
        ]),
        row(`product: the same ${num(PEOPLE)} requests retried`, again.burst, [`${retriedCreated} new`, '0', errs(again.burst)]),
        row('peers: read count → add → inc, SDK direct, all at once', peerAll.burst, [
          `${peerAll.signedUp} signed up (counter ${peerAll.counter})`,
          String(peerAll.signedUp - PLACES),
          '0',
        ]),
        row('peers: the same with 8 callers (8 function instances)', peer8.burst, [
          `${peer8.signedUp} signed up (counter ${peer8.counter})`,
          String(peer8.signedUp - PLACES),
          '0',
        ]),
        row('alternative: conditional update + ticket, SDK direct, all at once', cond.burst, [
          `${cond.confirmed} confirmed`,
          String(Math.max(0, cond.confirmed - PLACES)),
          '0',
        ]),
      ];
      return `## Events: ${num(PEOPLE)} people register at once for ${num(PLACES)} places

${machineNotes()}
- One emulator (child process, data on disk, fsync per acknowledged write), the built \`events\` function in its
  functions host (at most 8 instances, one call at a time each, as SCF runs them); every person signed in as
  themself (their own dev token, their own roster entry), one occurrence, all requests sent at once; latency is
  per request from the bench's side (queueing for an instance included).
- Peers' pattern and the conditional update run against the same emulator through \`@cloudbase/node-sdk\`
  directly (no functions host, so they are not throttled to 8 at a time unless stated).

${table(header, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'l'])}

Checked from the data after the product burst: ${list.counts.confirmed} confirmed (occurrence counter ${list.occurrence.confirmed}),
${list.counts.waitlisted} waitlisted (counter ${list.occurrence.waiting}), ${regsTotal} registration documents for
${num(PEOPLE)} people; positions in the staff list 1..${positions.length} without gaps: **${gapless ? 'yes' : 'NO'}**;
tickets stored ${tickets.length >= 1000 ? '(first 1,000) ' : ''}${tickets[0]?.waitSeq ?? '—'}..${tickets[tickets.length - 1]?.waitSeq ?? '—'};
positions told to the people waitlisted all different: **${answeredUnique ? 'yes' : 'NO'}**. After the retried burst:
${regsAfterRetry} registration documents (${retriedCreated} created by a retry). Calls whose connection dropped before an
answer and were sent again with the same requestId (as the app would): ${resent} in the first burst, ${again.resent} in the
retried one (the emulator's HTTP server takes all ${num(PEOPLE)} connections at once; they count in the latency, not as errors).
Throughput here is bounded by the emulator's single process serving the database *and* the 8 function instances (worker
threads) on this machine's cores, and by the transaction's conflicts (one commit at a time per occurrence).

Peers' pattern: ${peerAll.signedUp} people signed up for ${PLACES} places when all came at once
(**${peerAll.signedUp - PLACES} oversold**, ${peerAll.full} told "full"), ${peer8.signedUp} with 8 callers
(**${peer8.signedUp - PLACES} oversold**). Its counter ends at ${peerAll.counter} / ${peer8.counter}: between a
reader seeing room and its write, others saw the same room.`;
    } finally {
      await cloud.stop();
    }
  },
};

export default bench;
