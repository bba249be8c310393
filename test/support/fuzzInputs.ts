import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { type CloudFunction, firstMessage } from '../../cloudfunctions/_lib/defineFunction';
import { ERROR_CODES } from '../../contract/envelope';
import type { LocalCloud } from './localCloud';

/**
 * Hostile input for every action of every function, shared by `test/functions/fuzz.test.ts`
 * (a few hundred cases an action) and `bench/fuzz.bench.ts` (10,000 an action).
 *
 * The inputs are built from each action's own schema: objects with the schema's field names
 * (and some it does not know: `__proto__`, `constructor`, typos) holding values of the wrong
 * kind, empty, huge, out of range, script, formulas, impossible dates, lookalike ID and phone
 * numbers — plus anything at all (`fc.anything`). Some are valid by chance; most are not.
 */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example")',
  '+1',
  '@SUM(A1)',
  '../../etc/passwd',
  "' OR 1=1 --",
  '{"$ne": null}',
  '__proto__',
  'constructor',
  '110101194903070012',
  '11010119490307001X',
  '13800138000',
  '2026-02-30',
  '2028-02-29',
  '2026-11-23',
  '2026-11-23T23:59:59+08:00',
  '24:00',
  '09:30',
  '-1',
  'NaN',
  'Infinity',
  'null',
  '张三',
  '😀😀😀',
  '嵩屿街道',
  'cloud://local-dev.bucket/x.csv',
];

const value = (maxString: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom('字'.repeat(maxString), 'x'.repeat(Math.min(maxString, 5_000))) },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 0.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.NaN, Number.POSITIVE_INFINITY) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(Array.from({ length: 2_000 }, (_, i) => i)) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.constant({ __proto__: { admin: true } }) },
  );

/** Field names an input schema knows, through objects, unions, pipes, optionals and defaults. */
export function fieldsOf(schema: z.ZodType, depth = 0): string[] {
  const def = (schema as any)?._zod?.def;
  if (!def || depth > 4) return [];
  switch (def.type) {
    case 'object':
      return Object.keys(def.shape ?? {});
    case 'union':
      return [...new Set((def.options as z.ZodType[]).flatMap((o) => fieldsOf(o, depth + 1)))];
    case 'pipe':
      return fieldsOf(def.in, depth + 1);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return fieldsOf(def.innerType, depth + 1);
    case 'intersection':
      return [...fieldsOf(def.left, depth + 1), ...fieldsOf(def.right, depth + 1)];
    default:
      return [];
  }
}

/** An input object for an action: its own field names (and strangers) with hostile values. */
export function hostileObject(schema: z.ZodType, maxString = 20_000): fc.Arbitrary<Record<string, unknown>> {
  const known = fieldsOf(schema);
  const key = fc.oneof(
    { weight: 6, arbitrary: known.length ? fc.constantFrom(...known) : fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'action', '_id', '$where') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  return fc.dictionary(key, value(maxString), { maxKeys: known.length + 2 }).map((o) => {
    // The event's `action` is the action's name; a field of that name is dropped by the call.
    const { action: _action, ...rest } = o;
    return rest;
  });
}

/** Any value at all, or a hostile object: what `safeParse` may be handed. */
export function hostileInput(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: hostileObject(schema, 100_000) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });
}

export interface ActionRef {
  fn: string;
  action: string;
  schema: z.ZodType;
}

export function actionsOf(tables: CloudFunction[]): ActionRef[] {
  return tables.flatMap((t) => Object.entries(t.actions).map(([action, spec]) => ({ fn: t.name, action, schema: spec.input })));
}

const CHINESE = /[\u4e00-\u9fa5]/;

/**
 * Part one, in process: each action's schema takes `runs` hostile inputs. It must never
 * throw, and a refusal must read, in Chinese, as the message `main` would send.
 */
export function fuzzSchemas(actions: ActionRef[], runs: number, seed: number): { cases: number; refused: number; problems: string[] } {
  let cases = 0;
  let refused = 0;
  const problems: string[] = [];
  for (const a of actions) {
    try {
      fc.assert(
        fc.property(hostileInput(a.schema), (input) => {
          cases++;
          const r = a.schema.safeParse(input);
          if (r.success) return true;
          refused++;
          const msg = firstMessage(r.error);
          return msg.length > 0 && CHINESE.test(msg);
        }),
        { numRuns: runs, seed },
      );
    } catch (e) {
      problems.push(
        `${a.fn}.${a.action}: ${String((e as Error).message)
          .split('\n')
          .slice(0, 6)
          .join(' ')}`,
      );
    }
  }
  return { cases, refused, problems };
}

/** Every code the envelope knows, except INTERNAL (a crash). */
const KNOWN_CODES = new Set<string>(ERROR_CODES.filter((c) => c !== 'INTERNAL'));

function dbBytes(dataDir: string): number {
  const dir = path.join(dataDir, 'db');
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

export interface LiveResult {
  calls: number;
  ok: number;
  refusedByCode: Record<string, number>;
  problems: string[];
}

/**
 * Part two, through the real functions over HTTP: `runs` hostile objects an action, each sent
 * as every caller in `tokens`. Every answer must be the envelope with a known code (never
 * INTERNAL, never a message without Chinese), and a refusal must write nothing: the database's
 * files are the same size after it as before.
 */
export async function fuzzLive(
  cloud: LocalCloud,
  actions: ActionRef[],
  tokens: Record<string, string | undefined>,
  runs: number,
  seed: number,
): Promise<LiveResult> {
  const out: LiveResult = { calls: 0, ok: 0, refusedByCode: {}, problems: [] };
  for (const [i, a] of actions.entries()) {
    const inputs = fc.sample(hostileObject(a.schema), { numRuns: runs, seed: seed + i });
    for (const input of inputs) {
      for (const [who, token] of Object.entries(tokens)) {
        const before = dbBytes(cloud.dataDir);
        let res: any;
        out.calls++;
        try {
          res = await cloud.callFunction(a.fn, { ...input, action: a.action }, token);
        } catch (e) {
          // Over the platform's ~100 KB a call: refused at the door (413), which must write nothing either.
          const status = (e as { status?: number }).status;
          if (status === 413 && dbBytes(cloud.dataDir) === before) out.refusedByCode['HTTP 413'] = (out.refusedByCode['HTTP 413'] ?? 0) + 1;
          else out.problems.push(`${a.fn}.${a.action} as ${who}: HTTP ${status} ${(e as Error).message} for ${short(input)}`);
          continue;
        }
        if (res?.ok === true) {
          out.ok++;
          continue;
        }
        const code = res?.error?.code;
        out.refusedByCode[code] = (out.refusedByCode[code] ?? 0) + 1;
        if (!KNOWN_CODES.has(code)) out.problems.push(`${a.fn}.${a.action} as ${who}: ${code} ${res?.error?.message} for ${short(input)}`);
        else if (!CHINESE.test(res.error.message ?? ''))
          out.problems.push(`${a.fn}.${a.action} as ${who}: no Chinese in "${res.error.message}"`);
        const after = dbBytes(cloud.dataDir);
        if (after !== before)
          out.problems.push(`${a.fn}.${a.action} as ${who}: refused with ${code} but wrote ${after - before} bytes, for ${short(input)}`);
      }
    }
  }
  return out;
}

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};
