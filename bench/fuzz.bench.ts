import { DEFAULT_TODAY } from '../emulator/seed/generate';
import { buildFunctions } from '../scripts/build-functions';
import { functionTables } from '../test/support/functionTables';
import { actionsOf, buildWorld, fuzzLive, fuzzSchemas, personasFor, REFUSAL_WRITES, REGRESSIONS } from '../test/support/fuzzInputs';
import { startLocalCloud } from '../test/support/localCloud';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { msSince, now } from './lib/stats';

/**
 * The bench-sized hostile-input run, with the generators and checks of test/functions/fuzz.test.ts
 * (test/support/fuzzInputs.ts): BENCH_FUZZ_RUNS (default 10,000) cases for every action's schema in
 * process, then BENCH_FUZZ_LIVE_RUNS (default 350) an action through the real functions, as the
 * admin and a retiree (and, where neither may call, someone who may). Any problem is listed in
 * the section and fails the run.
 */
const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 10_000);
const LIVE_RUNS = Number(process.env.BENCH_FUZZ_LIVE_RUNS ?? 350);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 7);
const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`;

const n = (x: number) => x.toLocaleString('en-US');

const bench: Bench = {
  name: 'fuzz',
  async run(log) {
    await buildFunctions();
    const actions = actionsOf(functionTables());
    log(`${actions.length} actions; schemas: ${n(RUNS)} cases each`);
    let t = now();
    const schemas = fuzzSchemas(actions, RUNS, SEED);
    const schemaSeconds = msSince(t) / 1000;
    log(
      `schemas: ${n(schemas.cases)} cases, ${n(schemas.refused)} refused, ${schemas.problems.length} problems, ${schemaSeconds.toFixed(1)} s`,
    );

    const cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
    let live: Awaited<ReturnType<typeof fuzzLive>>;
    t = now();
    try {
      const setup = await buildWorld(cloud);
      log(`live: world built in ${(msSince(t) / 1000).toFixed(1)} s; ${LIVE_RUNS} cases an action`);
      t = now();
      live = await fuzzLive(setup, actions, LIVE_RUNS, SEED);
    } finally {
      await cloud.stop();
    }
    const liveSeconds = msSince(t) / 1000;
    log(`live: ${n(live.calls)} calls, ${live.internal} INTERNAL, ${live.problems.length} problems, ${liveSeconds.toFixed(1)} s`);
    const problems = [...schemas.problems, ...live.problems];
    const codes = Object.entries(live.refusedByCode)
      .sort((a, b) => b[1] - a[1])
      .map(([c, x]) => `${c} ${n(x)}`)
      .join(', ');
    const personaCalls = actions.reduce((s, a) => s + personasFor(a).length, 0);
    const writes = Object.entries(REFUSAL_WRITES)
      .map(([k, w]) => `- \`${k}\` (${n(live.refusalWrites[k] ?? 0)} refusals wrote, to \`${w.collections.join('`, `')}\` only): ${w.why}`)
      .join('\n');
    const md = `## Hostile input: every action, fuzzed (fast-check)

${machineNotes()}

Generators and checks: \`test/support/fuzzInputs.ts\` (seed ${SEED}), the same as
\`test/functions/fuzz.test.ts\` runs in \`npm test\` with fewer cases. The cases are mutations of each
action's valid input (a field dropped, retyped, swapped for an edge value the schema accepts, an
unknown field, a 100,000-character text), hostile objects with the schema's field names,
\`fc.anything()\` and extremes (NaN, ±Infinity, nesting 1,000 deep, 10,000 items).

- **In process**, each action's schema takes ${n(RUNS)} cases: \`safeParse\` must not throw (nor take
  over a second), and a refusal must read in Chinese as \`main\` sends it.
- **Through the real functions** (the seeded emulator, clock at ${APP_NOW}), each action gets
  ${LIVE_RUNS} cases, each sent as the admin and as a retiree (and, for the ${personaCalls - 2 * actions.length} actions
  a guest may call but not everyone, as a new WeChat user): the answer must be the envelope with a known code (never
  \`INTERNAL\`) and a Chinese message, and a refusal must leave the emulator's data folder the size it
  was (database log, storage, outboxes), except where a refusal writes on purpose.

| | actions | cases | refused | \`INTERNAL\` / thrown | problems | seconds |
| :--- | ---: | ---: | ---: | ---: | ---: | ---: |
| schemas, in process | ${actions.length} | ${n(schemas.cases)} (${n(RUNS)} each) | ${n(schemas.refused)} | ${schemas.problems.length ? 'see below' : 0} | ${schemas.problems.length} | ${schemaSeconds.toFixed(1)} |
| through the functions | ${actions.length} | ${n(live.calls)} calls (${LIVE_RUNS} cases each) | ${n(live.calls - live.ok)} | ${live.internal} | ${live.problems.length} | ${liveSeconds.toFixed(1)} |

Answers through the functions: ok ${n(live.ok)}; ${codes}.

Refusals that write on purpose (checked to write only there):

${writes}

Found by the fuzzing and fixed (kept as fixed cases in \`REGRESSIONS\`): ${REGRESSIONS.map((r) => `\`${r.fn}.${r.action}\` — ${r.found}`).join('; ')}.
${problems.length ? `\nProblems:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    }
    return md;
  },
};
export default bench;
