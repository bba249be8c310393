import { buildFunctions } from '../scripts/build-functions';
import { functionTables } from '../test/support/functionTables';
import { actionsOf, fuzzLive, fuzzSchemas } from '../test/support/fuzzInputs';
import { startLocalCloud } from '../test/support/localCloud';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { msSince, now } from './lib/stats';

/**
 * The bench-sized hostile-input run: BENCH_FUZZ_RUNS (default 10,000) generated inputs for every
 * action's schema in process, then BENCH_FUZZ_LIVE_RUNS (default 100) an action through the real
 * functions as a retiree, staff and the admin (the same generators and checks as
 * test/functions/fuzz.test.ts). Any problem is listed in the section and fails the run.
 */
const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 10_000);
const LIVE_RUNS = Number(process.env.BENCH_FUZZ_LIVE_RUNS ?? 100);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 7);

const bench: Bench = {
  name: 'fuzz',
  async run(log) {
    await buildFunctions();
    const actions = actionsOf(functionTables());
    log(`${actions.length} actions; schemas: ${RUNS} cases each`);
    let t = now();
    const schemas = fuzzSchemas(actions, RUNS, SEED);
    const schemaSeconds = msSince(t) / 1000;
    log(`schemas: ${schemas.cases} cases, ${schemas.refused} refused, ${schemas.problems.length} problems, ${schemaSeconds.toFixed(1)} s`);

    const cloud = await startLocalCloud();
    let live: Awaited<ReturnType<typeof fuzzLive>>;
    t = now();
    try {
      const tokens = {
        retiree: await cloud.tokenFor('retiree'),
        staff: await cloud.tokenFor('staff'),
        admin: await cloud.tokenFor('admin'),
      };
      live = await fuzzLive(cloud, actions, tokens, LIVE_RUNS, SEED);
    } finally {
      await cloud.stop();
    }
    const liveSeconds = msSince(t) / 1000;
    log(`live: ${live.calls} calls, ${live.problems.length} problems, ${liveSeconds.toFixed(1)} s`);
    const problems = [...schemas.problems, ...live.problems];
    const codes = Object.entries(live.refusedByCode)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n.toLocaleString('en-US')}`)
      .join(', ');
    const md = `## Hostile input: every action, fuzzed (fast-check)

${machineNotes()}

Generators and checks: \`test/support/fuzzInputs.ts\` (seed ${SEED}). In process, each action's
input schema takes the cases; through the real functions (the emulator's functions host over
HTTP), each action gets ${LIVE_RUNS} hostile objects, each sent as a retiree, a staff member and
the admin. A refusal must be a known code with a Chinese message and must leave the database's
files the size they were.

| | actions | cases | refused | problems | seconds |
| :--- | ---: | ---: | ---: | ---: | ---: |
| schemas, in process | ${actions.length} | ${schemas.cases.toLocaleString('en-US')} (${RUNS.toLocaleString('en-US')} each) | ${schemas.refused.toLocaleString('en-US')} | ${schemas.problems.length} | ${schemaSeconds.toFixed(1)} |
| through the functions | ${actions.length} | ${live.calls.toLocaleString('en-US')} calls | ${(live.calls - live.ok).toLocaleString('en-US')} | ${live.problems.length} | ${liveSeconds.toFixed(1)} |

Answers through the functions: ok ${live.ok.toLocaleString('en-US')}; ${codes}. No \`INTERNAL\`${problems.length ? '' : ', no write on a refusal'}.
${problems.length ? `\nProblems:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    }
    return md;
  },
};
export default bench;
