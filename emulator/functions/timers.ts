import fs from 'node:fs';
import type http from 'node:http';
import { json } from '../http';
import type { Route } from '../server';
import type { FunctionsHost } from './host';

/**
 * The timer triggers of `cloudbaserc.json`, run locally as CloudBase runs them: a 7-field cron
 * (second minute hour day month weekday year) read in UTC+8, the function invoked with no
 * caller and `{ Type: 'Timer', TriggerName, Time, Message }`. Also `POST /dev/trigger/<fn>/<trigger>`
 * fires one now (developers; tests and the staff console use the function's own admin action).
 */
export interface TimerTrigger {
  functionName: string;
  name: string;
  cron: string;
}

const FIELDS: Array<{ min: number; max: number; names?: string[] }> = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { min: 1970, max: 2099 },
];

/** The values each field allows, from `*`, `a`, `a-b`, `a,b`, `*\/n`, `a/n`, `a-b/n` (and month/weekday names). */
export function parseCron(expr: string): Array<Set<number>> {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`a timer needs a 7-field cron (second minute hour day month weekday year), got "${expr}"`);
  return parts.map((part, i) => {
    const { min, max, names } = FIELDS[i];
    const value = (s: string) => {
      const byName = names?.indexOf(s.toUpperCase()) ?? -1;
      const n = byName >= 0 ? byName + (i === 4 ? 1 : 0) : Number(s);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron "${expr}": ${s} is out of range in field ${i + 1}`);
      return n;
    };
    const out = new Set<number>();
    for (const item of part.split(',')) {
      const [range, stepText] = item.split('/');
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1) throw new Error(`cron "${expr}": bad step ${stepText}`);
      let lo: number;
      let hi: number;
      if (range === '*' || range === '?') [lo, hi] = [min, max];
      else if (range.includes('-')) [lo, hi] = range.split('-').map(value) as [number, number];
      else [lo, hi] = [value(range), stepText === undefined ? value(range) : max];
      for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
  });
}

/** Does the cron fire at this instant (whole second), read in UTC+8? Day and weekday must both allow it. */
export function cronMatches(fields: Array<Set<number>>, at: Date): boolean {
  const t = new Date(at.getTime() + 8 * 3600_000); // UTC+8 wall clock, read with the UTC getters
  const values = [
    t.getUTCSeconds(),
    t.getUTCMinutes(),
    t.getUTCHours(),
    t.getUTCDate(),
    t.getUTCMonth() + 1,
    t.getUTCDay(),
    t.getUTCFullYear(),
  ];
  return values.every((v, i) => fields[i].has(v));
}

export function readTimerTriggers(configFile: string): TimerTrigger[] {
  if (!fs.existsSync(configFile)) return [];
  const rc = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  const out: TimerTrigger[] = [];
  for (const fn of rc.functions ?? []) {
    for (const t of fn.triggers ?? []) if (t.type === 'timer') out.push({ functionName: fn.name, name: t.name, cron: t.config });
  }
  return out;
}

/** The event CloudBase gives a function its timer fires (Time in UTC, whole seconds). */
export const timerEvent = (trigger: TimerTrigger, at: Date) => ({
  Type: 'Timer',
  TriggerName: trigger.name,
  Time: `${at.toISOString().slice(0, 19)}Z`,
  Message: '',
});

export class TimerRunner {
  private handle: NodeJS.Timeout | null = null;
  private readonly parsed: Array<{ trigger: TimerTrigger; fields: Array<Set<number>> }>;

  constructor(
    private readonly functions: FunctionsHost,
    readonly triggers: TimerTrigger[],
  ) {
    this.parsed = triggers.map((trigger) => ({ trigger, fields: parseCron(trigger.cron) }));
  }

  /** Checks once a second (aligned to the second); a fired trigger runs in the background. */
  start() {
    let last = Math.floor(Date.now() / 1000);
    const tick = () => {
      const nowSec = Math.floor(Date.now() / 1000);
      // Every second since the last tick, so a slow tick never skips a firing.
      for (let s = last + 1; s <= nowSec; s++) {
        const at = new Date(s * 1000);
        for (const { trigger, fields } of this.parsed) if (cronMatches(fields, at)) void this.fire(trigger, at);
      }
      last = nowSec;
      this.handle = setTimeout(tick, 1000 - (Date.now() % 1000));
      this.handle.unref();
    };
    this.handle = setTimeout(tick, 1000 - (Date.now() % 1000));
    this.handle.unref();
  }

  stop() {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
  }

  async fire(trigger: TimerTrigger, at = new Date()) {
    const out = await this.functions.invoke(trigger.functionName, timerEvent(trigger, at), {});
    if (!out.ok) console.error(`[timers] ${trigger.functionName}/${trigger.name}: ${out.code} ${out.message}`);
    return out;
  }

  /** `POST /dev/trigger/<function>/<trigger>`: fire it now and answer with what the function returned. */
  route: Route = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const m = /^\/dev\/trigger\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return false;
    const trigger = this.triggers.find((t) => t.functionName === m[1] && t.name === m[2]);
    if (!trigger) {
      json(res, 404, { code: 'NOT_FOUND', message: `no timer ${m[2]} on function ${m[1]}` });
      return true;
    }
    const out = await this.fire(trigger);
    json(res, out.ok ? 200 : 502, out.ok ? { result: out.result } : { code: out.code, message: out.message });
    return true;
  };
}
