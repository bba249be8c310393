import { functionTables } from '../support/functionTables';
import { actionsOf, fuzzLive, fuzzSchemas } from '../support/fuzzInputs';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Hostile input for every action of every function (fast-check; the generators are in
 * test/support/fuzzInputs.ts). In process, every schema takes FUZZ_RUNS inputs (default 200)
 * without throwing, and refuses in Chinese. Through the real functions, FUZZ_LIVE_RUNS inputs
 * an action (default 10), as a retiree, as staff and as the admin: never INTERNAL, always a known
 * code with a Chinese message, and a refusal writes nothing. The bench-sized run (10,000 an
 * action) is `npm run bench -- fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || 200;
const LIVE_RUNS = Number(process.env.FUZZ_LIVE_RUNS) || 10;
const SEED = Number(process.env.FUZZ_SEED) || 20261123;
const actions = actionsOf(functionTables());

test('every schema takes hostile input without throwing and refuses it in Chinese', () => {
  // Every action of every function (authorization.test.ts checks the list is complete).
  expect(actions.length).toBeGreaterThan(90);
  const r = fuzzSchemas(actions, RUNS, SEED);
  expect(r.problems).toEqual([]);
  expect(r.cases).toBe(actions.length * RUNS);
  // The generators do reach the refusals (most cases are refused), and some inputs get through.
  expect(r.refused).toBeGreaterThan(r.cases / 2);
  expect(r.refused).toBeLessThan(r.cases);
  console.info(`fuzz (schemas): ${actions.length} actions, ${r.cases} cases, ${r.refused} refused, 0 thrown`);
});

describe('through the real functions', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud();
  }, 60_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  test('never INTERNAL, always a known code in Chinese, and a refusal writes nothing', async () => {
    const tokens = {
      retiree: await cloud.tokenFor('retiree'),
      staff: await cloud.tokenFor('staff'),
      admin: await cloud.tokenFor('admin'),
    };
    const r = await fuzzLive(cloud, actions, tokens, LIVE_RUNS, SEED);
    expect(r.problems).toEqual([]);
    expect(r.calls).toBe(actions.length * LIVE_RUNS * 3);
    expect(r.refusedByCode.INVALID_INPUT).toBeGreaterThan(r.calls / 3);
    console.info(`fuzz (live): ${r.calls} calls, ${r.ok} answered ok, refused ${JSON.stringify(r.refusedByCode)}`);
  }, 300_000);
});
