import fs from 'node:fs';
import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../cloudfunctions/_lib/caller';
import { piiKeysFromEnv } from '../cloudfunctions/_lib/pii';
import { rosterFields } from '../cloudfunctions/_lib/retirees';
import { FACE_CONSENT_VERSION } from '../contract/certification';
import { addDays } from '../contract/recurrence';
import { COLLECTIONS } from '../database/collections';
import { localFunctionEnv } from '../emulator/localEnv';
import { DEFAULT_TODAY, generateRoster } from '../emulator/seed/generate';
import { buildFunctions } from '../scripts/build-functions';
import { type LocalCloud, startLocalCloud } from '../test/support/localCloud';
import { prng } from './lib/data';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, msSince, now, percentile, summarize, table } from './lib/stats';

/**
 * A bounded mixed workload on 127.0.0.1: LOAD_USERS (default 200) simulated people for
 * LOAD_SECONDS (default 300), each signed in as themself, each looping — think 0.5–3 s, then
 * one action drawn by weight: browse notices and the week's events, open a notice, search the
 * policy answers in elders' words, look at their certification, register for (and sometimes
 * cancel) an event, start a face verification, and, for the staff among them, make an export.
 * Seeded random numbers, so a rerun does the same things.
 *
 * Measured per action: count, outcome (ok / a business refusal such as 已报满 / an error:
 * INTERNAL, HTTP error, no answer in 30 s), p50/p95/p99 latency from the caller's side. The
 * emulator's resident memory (database, functions host and its instances: one process) every
 * 5 s. Checked at the end from the data: no occurrence over its places, no one registered twice.
 */
const USERS = Number(process.env.LOAD_USERS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 300);
const STAFF_USERS = Math.max(1, Math.round(USERS / 50));
const OCCURRENCES = 5;
const PLACES = 30;
const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`;
const QUERIES = ['年审', 'nsh', '养老今', '退休金什么时候发', '饭卡', 'dbbz', '低保标准', '丧葬费', '怎么认证', '助餐', '档案', '残疾人'];

const int = (n: number) => n.toLocaleString('en-US');

type Outcome = 'ok' | 'refused' | 'error';
interface Tally {
  latencies: number[];
  ok: number;
  refused: number;
  error: number;
  codes: Record<string, number>;
}

function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return num / den;
}

async function setUp(cloud: LocalCloud, db: any) {
  const current = (await (await fetch(`${cloud.url}/dev/accounts`)).json()) as unknown[];
  const people = Array.from({ length: USERS }, (_, i) =>
    i < STAFF_USERS
      ? { id: `load-s${i}`, role: 'staff', name: `工作人员${i}`, label: `工作人员${i}（负载）`, uid: `load-staff-${i}` }
      : { id: `load-p${i}`, role: 'retiree', name: `负载${i}`, label: `负载${i}`, openid: `load-openid-${i}` },
  );
  await fetch(`${cloud.url}/dev/accounts`, { method: 'PUT', body: JSON.stringify([...current, ...people]) });
  const staff = people.filter((p) => p.role === 'staff');
  const retirees = people.filter((p) => p.role === 'retiree');
  await db.collection(COLLECTIONS.users).add(
    staff.map((s) => ({
      identity: identityKey(s as { uid: string }),
      role: 'staff',
      name: s.name,
      streets: 'all',
      createdAt: new Date(),
    })),
  );
  // Real roster rows (beyond the demo's), encrypted as the functions store them: face verification needs the ID.
  const keys = piiKeysFromEnv(localFunctionEnv());
  const rows = [...generateRoster(100 + retirees.length)].slice(100);
  await db.collection(COLLECTIONS.retirees).add(
    retirees.map((p, i) => ({
      ...rosterFields(keys, rows[i]),
      _id: `r-${p.id}`,
      boundUserId: `u-${p.id}`,
      lastCertifiedAt: '2025-12-01',
      helperCount: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    })),
  );
  await db.collection(COLLECTIONS.users).add(
    retirees.map((p) => ({
      _id: `u-${p.id}`,
      identity: `wx:${(p as { openid: string }).openid}`,
      role: 'retiree',
      name: p.name,
      retireeId: `r-${p.id}`,
      streets: [],
    })),
  );
  const tokens = new Map<string, string>();
  for (const p of people) tokens.set(p.id, await cloud.tokenFor(p.id));
  return { people, tokens };
}

async function publishOccurrences(cloud: LocalCloud, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < OCCURRENCES; i++) {
    const call = async (data: Record<string, unknown>) => {
      const res = await cloud.callFunction('events', data, token);
      if (!res.ok) throw new Error(`${data.action}: ${JSON.stringify(res.error)}`);
      return res.data;
    };
    const event = await call({
      action: 'event.save',
      kind: 'lecture',
      title: `健康讲座第${i + 1}场`,
      place: { name: '海沧街道社区卫生服务中心', address: '厦门市海沧区' },
      schedule: { type: 'once', date: addDays(DEFAULT_TODAY, 3 + i), start: '09:00', end: '11:00' },
      capacity: PLACES,
      opensDaysBefore: 10,
      closesMinutesBefore: 60,
      cancelMinutesBefore: 120,
      needsApproval: false,
      requestId: `load-event-${i}`,
    });
    await call({ action: 'event.publish', eventId: event.id });
    ids.push((await call({ action: 'event.get', eventId: event.id })).occurrences[0].id);
  }
  return ids;
}

const bench: Bench = {
  name: 'load',
  async run(log) {
    await buildFunctions();
    const cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
    try {
      const db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
      const { people, tokens } = await setUp(cloud, db);
      const staffToken = tokens.get(people[0].id) as string;
      const occurrences = await publishOccurrences(cloud, staffToken);
      const notices = (await cloud.callFunction('content', { action: 'notice.list' })).data.items.map((n: { id: string }) => n.id);
      log(`${USERS} users (${STAFF_USERS} staff), ${SECONDS} s, ${OCCURRENCES} occurrences of ${PLACES} places`);

      const tallies = new Map<string, Tally>();
      const record = (action: string, ms: number, outcome: Outcome, code?: string) => {
        const t = tallies.get(action) ?? { latencies: [], ok: 0, refused: 0, error: 0, codes: {} };
        tallies.set(action, t);
        t.latencies.push(ms);
        t[outcome]++;
        if (code) t.codes[code] = (t.codes[code] ?? 0) + 1;
      };
      const call = async (action: string, fn: string, data: Record<string, unknown>, token: string) => {
        const t = now();
        let res: any;
        try {
          res = await Promise.race([
            cloud.callFunction(fn, data, token),
            new Promise((_, reject) =>
              setTimeout(() => reject(Object.assign(new Error('no answer in 30 s'), { code: 'TIMEOUT' })), 30_000),
            ),
          ]);
        } catch (e) {
          record(
            action,
            msSince(t),
            'error',
            `HTTP ${(e as any).status ?? ''} ${(e as any).code ?? (e as Error).message} at ${Math.round((Date.now() - started) / 1000)} s`,
          );
          return null;
        }
        const ms = msSince(t);
        if (res.ok) record(action, ms, 'ok');
        else if (res.error.code === 'INTERNAL') record(action, ms, 'error', 'INTERNAL');
        else record(action, ms, 'refused', res.error.code);
        return res;
      };

      const memory: Array<[number, number]> = [];
      const started = Date.now();
      const deadline = started + SECONDS * 1000;
      const sampler = setInterval(() => memory.push([(Date.now() - started) / 1000, rssMiB(cloud.pid())]), 5000);
      memory.push([0, rssMiB(cloud.pid())]);
      const progress = setInterval(() => {
        const total = [...tallies.values()].reduce((s, t) => s + t.latencies.length, 0);
        log(`${Math.round((Date.now() - started) / 1000)} s: ${total} requests, emulator ${fmt(rssMiB(cloud.pid()))} MiB`);
      }, 30_000);

      await Promise.all(
        people.map(async (p, i) => {
          const random = prng(1000 + i);
          const token = tokens.get(p.id) as string;
          const mine: string[] = [];
          let consented = false;
          await new Promise((r) => setTimeout(r, random() * 3000)); // not all at the same instant
          while (Date.now() < deadline) {
            const pick = random();
            if (p.role === 'staff') {
              if (pick < 0.4)
                await call(
                  'staff: export',
                  'certification',
                  {
                    action: 'export.create',
                    list: 'certified',
                    format: pick < 0.2 ? 'csv' : 'xlsx',
                    whole: false,
                    requestId: `load-x-${i}-${Date.now()}`,
                  },
                  token,
                );
              else if (pick < 0.7)
                await call(
                  'staff: sign-in sheet',
                  'events',
                  {
                    action: 'attendance.export',
                    occurrenceId: occurrences[Math.floor(random() * OCCURRENCES)],
                    format: 'csv',
                    requestId: `load-a-${i}-${Date.now()}`,
                  },
                  token,
                );
              else await call('staff: statistics', 'certification', { action: 'stats.get' }, token);
            } else if (pick < 0.2) await call('browse: notices', 'content', { action: 'notice.list' }, token);
            else if (pick < 0.35) await call('browse: events of the week', 'events', { action: 'event.week' }, token);
            else if (pick < 0.45)
              await call('read: a notice', 'content', { action: 'notice.get', id: notices[Math.floor(random() * notices.length)] }, token);
            else if (pick < 0.65)
              await call(
                'search: policy answers',
                'content',
                { action: 'policy.search', q: QUERIES[Math.floor(random() * QUERIES.length)] },
                token,
              );
            else if (pick < 0.77) await call('certification: my status', 'certification', { action: 'status.mine' }, token);
            else if (pick < 0.83) {
              if (!consented)
                consented = !!(
                  await call('certify: consent', 'certification', { action: 'face.consent', version: FACE_CONSENT_VERSION }, token)
                )?.ok;
              await call(
                'certify: start face verification',
                'certification',
                { action: 'face.start', retireeId: `r-${p.id}`, channel: 'weapp', requestId: `load-f-${i}-${Date.now()}` },
                token,
              );
            } else if (pick < 0.95 || mine.length === 0) {
              const res = await call(
                'register for an event',
                'events',
                {
                  action: 'registration.create',
                  occurrenceId: occurrences[Math.floor(random() * OCCURRENCES)],
                  retireeId: `r-${p.id}`,
                  requestId: `load-r-${i}-${Date.now()}`,
                },
                token,
              );
              if (res?.ok) mine.push(res.data.id);
            } else {
              const id = mine.splice(Math.floor(random() * mine.length), 1)[0];
              await call('cancel a registration', 'events', { action: 'registration.cancel', registrationId: id }, token);
            }
            await new Promise((r) => setTimeout(r, 500 + random() * 2500));
          }
        }),
      );
      clearInterval(sampler);
      clearInterval(progress);
      memory.push([(Date.now() - started) / 1000, rssMiB(cloud.pid())]);
      const wallS = (Date.now() - started) / 1000;

      // The data afterwards: no occurrence over its places, no one twice.
      const checks: string[] = [];
      let oversold = 0;
      let duplicated = 0;
      for (const occurrenceId of occurrences) {
        const list = (await cloud.callFunction('events', { action: 'registration.list', occurrenceId }, staffToken)).data;
        const active = list.lines.filter((l: any) => ['confirmed', 'waitlisted', 'pending'].includes(l.status));
        const confirmed = active.filter((l: any) => l.status === 'confirmed').length;
        oversold += Math.max(0, confirmed - PLACES);
        duplicated += active.length - new Set(active.map((l: any) => l.retireeId)).size;
        checks.push(`${confirmed}/${PLACES} confirmed, ${active.length - confirmed} waiting`);
      }

      const all = [...tallies.values()];
      const total = all.reduce((s, t) => s + t.latencies.length, 0);
      const errors = all.reduce((s, t) => s + t.error, 0);
      const rows = [...tallies.entries()]
        .sort((a, b) => b[1].latencies.length - a[1].latencies.length)
        .map(([action, t]) => {
          const s = summarize(t.latencies);
          const codes = Object.entries(t.codes)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ');
          if (t.error) log(`${action}: ${t.error} errors (${codes})`);
          return [
            action,
            int(s.n),
            int(t.ok),
            int(t.refused),
            int(t.error),
            codes || '—',
            fmt(s.p50),
            fmt(
              percentile(
                [...t.latencies].sort((a, b) => a - b),
                95,
              ),
            ),
            fmt(s.p99),
            fmt(s.max),
          ];
        });
      const secondHalf = memory.filter(([t]) => t >= wallS / 2);
      const mibPerMin = slope(secondHalf) * 60;
      const mid = memory[Math.floor(memory.length / 2)]?.[1];
      const peak = Math.max(...memory.map(([, m]) => m));
      log(`done: ${total} requests, ${errors} errors, memory ${fmt(memory[0][1])} → ${fmt(memory[memory.length - 1][1])} MiB`);
      return `## Load: ${fmt(USERS)} people for ${fmt(SECONDS)} s, mixed

${machineNotes()}
- One emulator (database and functions host in one process) with the demo data and ${fmt(USERS)} more people
  (${fmt(STAFF_USERS)} of them staff), each signed in as themself; ${OCCURRENCES} lectures of ${PLACES} places.
  Every person loops: think 0.5–3 s, then one action by weight (staff: exports and statistics). The clock of the
  functions is ${APP_NOW}. Rerun: \`npm run bench -- load\` (\`LOAD_USERS\`, \`LOAD_SECONDS\`).

**${int(total)} requests in ${fmt(wallS)} s (${fmt(total / wallS)} a second), ${int(errors)} errors
(${fmt((errors / Math.max(1, total)) * 100, 3)}%).** A refusal is the product answering as designed (已报满 puts
the person on the waitlist and is \`ok\`; 已经报过名了 is \`CONFLICT\`; a sixth face attempt is \`TOO_MANY\`).

${table(['action', 'requests', 'ok', 'refused', 'errors', 'codes', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'max (ms)'], rows, ['l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r'])}

Emulator memory (resident, MiB): ${fmt(memory[0][1])} at the start, ${fmt(mid)} half-way, ${fmt(memory[memory.length - 1][1])} at the end,
${fmt(peak)} at most; over the second half it moved ${fmt(mibPerMin, 2)} MiB a minute (${memory.length} samples, every 5 s).

Afterwards, from the data: ${checks.join('; ')}. Oversold: **${oversold}**. Registered twice: **${duplicated}**.`;
    } finally {
      await cloud.stop();
    }
  },
};

export default bench;
