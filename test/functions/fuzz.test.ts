import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { functionTables } from '../support/functionTables';
import {
  actionsOf,
  buildWorld,
  checkSchemaCase,
  fuzzLive,
  fuzzSchemas,
  keyOf,
  type LiveResult,
  type LiveSetup,
  liveCall,
  placeholderWorld,
  REFUSAL_WRITES,
  REGRESSIONS,
  VALID_INPUTS,
  validInput,
} from '../support/fuzzInputs';
import { startLocalCloud } from '../support/localCloud';

/**
 * Hostile input for every action of every function (fast-check; the generators are in
 * test/support/fuzzInputs.ts).
 * - In process, every schema takes FUZZ_RUNS cases (default 200) — mostly mutations of the
 *   action's valid input, then hostile objects, `fc.anything()` and extremes: `safeParse` never
 *   throws, and a refusal reads in Chinese as `main` would send it.
 * - Through the real functions, FUZZ_LIVE_RUNS cases an action (default 15), as the admin and as
 *   a retiree (and, where neither may call, someone who may): never INTERNAL, always a known code
 *   with a Chinese message, and a refusal writes nothing (REFUSAL_WRITES lists the refusals that
 *   write on purpose, and where).
 * The bench-sized run (10,000 an action in process) is `npm run bench -- fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || 200;
const LIVE_RUNS = Number(process.env.FUZZ_LIVE_RUNS) || 15;
const SEED = Number(process.env.FUZZ_SEED) || 20261123;
const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`;
const tables = functionTables();
const actions = actionsOf(tables);
const tally = { schemaCases: 0, liveCalls: 0, internal: 0, refusalWrites: 0 };

afterAll(() => {
  const n = (x: number) => x.toLocaleString('en-US');
  console.info(
    `fuzz: ${actions.length} actions, ${n(tally.schemaCases)} schema cases, ${n(tally.liveCalls)} live calls, ${tally.internal} INTERNAL, ${tally.refusalWrites} expected writes on refusal`,
  );
});

test('every action has a valid input to mutate, and it is valid', () => {
  expect(Object.keys(VALID_INPUTS).sort()).toEqual(tables.map((t) => t.name).sort());
  for (const t of tables) expect(Object.keys(VALID_INPUTS[t.name]).sort()).toEqual(Object.keys(t.actions).sort());
  const w = placeholderWorld();
  const invalid = actions.filter((a) => !a.schema.safeParse(validInput(a, w)).success).map(keyOf);
  expect(invalid).toEqual([]);
  for (const key of Object.keys(REFUSAL_WRITES)) expect(actions.map(keyOf)).toContain(key);
});

test('every schema takes hostile input without throwing and refuses it in Chinese', () => {
  expect(actions.length).toBeGreaterThan(90);
  const w = placeholderWorld();
  // Fixed cases that once found a bug, then the generated ones.
  const fixed = REGRESSIONS.map((r) => {
    const a = actions.find((x) => x.fn === r.fn && x.action === r.action);
    if (!a) throw new Error(`regression for a missing action ${r.fn}.${r.action}`);
    const problem = checkSchemaCase(a, r.input(w));
    return problem && problem !== 'refused' ? `${keyOf(a)} (${r.found}): ${problem}` : null;
  }).filter(Boolean);
  expect(fixed).toEqual([]);
  const r = fuzzSchemas(actions, RUNS, SEED, w);
  tally.schemaCases += r.cases + REGRESSIONS.length;
  expect(r.problems).toEqual([]);
  expect(r.cases).toBe(actions.length * RUNS);
  // The generators reach both sides: most cases are refused, and a fair share get through.
  expect(r.refused).toBeGreaterThan(r.cases / 2);
  expect(r.refused).toBeLessThan(r.cases * 0.95);
});

describe('through the real functions', () => {
  let setup: LiveSetup;
  beforeAll(async () => {
    const cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
    setup = await buildWorld(cloud);
  }, 90_000);
  afterAll(async () => {
    await setup?.cloud.stop();
  });

  const record = (r: LiveResult) => {
    tally.liveCalls += r.calls;
    tally.internal += r.internal;
    tally.refusalWrites += Object.values(r.refusalWrites).reduce((s, x) => s + x, 0);
  };

  test('fuzz-found regressions answer without INTERNAL and write nothing on a refusal', async () => {
    const r: LiveResult = { calls: 0, ok: 0, internal: 0, refusedByCode: {}, refusalWrites: {}, problems: [] };
    const answers: string[] = [];
    for (const c of REGRESSIONS) {
      const a = actions.find((x) => x.fn === c.fn && x.action === c.action);
      if (a) answers.push(await liveCall(setup, a, c.who, c.input(setup.world), r));
    }
    record(r);
    expect(r.problems).toEqual([]);
    expect(answers).toEqual(REGRESSIONS.map((c) => c.answer));
  });

  test('never INTERNAL, always a known code in Chinese, and a refusal writes nothing', async () => {
    const r = await fuzzLive(setup, actions, LIVE_RUNS, SEED);
    record(r);
    expect(r.problems).toEqual([]);
    expect(r.calls).toBeGreaterThanOrEqual(actions.length * LIVE_RUNS * 2);
    // Mutations of valid inputs reach the handlers: some succeed, and refusals come from past the schema too.
    expect(r.ok).toBeGreaterThan(r.calls / 20);
    expect((r.refusedByCode.NOT_FOUND ?? 0) + (r.refusedByCode.CONFLICT ?? 0)).toBeGreaterThan(0);
    console.info(
      `fuzz (live): ${r.calls} calls, ${r.ok} ok, refused ${JSON.stringify(r.refusedByCode)}, writes on refusal ${JSON.stringify(r.refusalWrites)}`,
    );
  }, 240_000);
});
