import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The test suite with the machine's clock set to awkward moments (libfaketime: `apt-get install
 * faketime`). Each moment starts the clock there and lets it run, for every process the tests
 * start — jest, the emulator, the function instances. Tests that pin the functions' clock
 * (`APP_NOW`) keep their moment for the rules; everything else (leases, tokens, today in the
 * test's own code, rate limits) runs at the awkward one.
 *
 *   npx tsx scripts/clock-suite.ts                      # unit, emulator, functions at each moment
 *   npx tsx scripts/clock-suite.ts unit emulator weapp  # the layers named
 *   CLOCK_MOMENT=1 npx tsx scripts/clock-suite.ts e2e   # one moment (its index below)
 *
 * Prints one line a moment and exits non-zero if any run failed. Results: RELIABILITY.md.
 */
const MOMENTS: Array<{ label: string; utc: string }> = [
  { label: '23:59:50 UTC+8 on an ordinary day (the day ends during the run)', utc: '2026-11-23 15:59:50' },
  { label: '23:59:50 UTC+8 on 29 February 2028 (a leap day ends during the run)', utc: '2028-02-29 15:59:50' },
  { label: '00:00:05 UTC+8 on Monday 1 March 2027 (still Sunday in UTC)', utc: '2027-02-28 16:00:05' },
  { label: '23:59:50 UTC+8 on 31 December 2026 (a year and a cycle end during the run)', utc: '2026-12-31 15:59:50' },
];

const root = path.resolve(__dirname, '..');
const layers = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'emulator', 'functions'];
const which = spawnSync('which', ['faketime'], { encoding: 'utf8' });
if (which.status !== 0) {
  console.error('faketime is not installed: apt-get update && apt-get install -y faketime');
  process.exit(2);
}

const only = process.env.CLOCK_MOMENT;
let failed = 0;
for (const m of only ? [MOMENTS[Number(only)]] : MOMENTS) {
  const started = Date.now();
  const r = spawnSync(
    'faketime',
    [m.utc, process.execPath, path.join(root, 'node_modules/.bin/jest'), '--ci', '--selectProjects', ...layers],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 256 * 1024 * 1024 },
  );
  const out = `${r.stdout}\n${r.stderr}`;
  const tests = /Tests:\s+(.*)/.exec(out)?.[1] ?? 'no summary';
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${r.status === 0 ? 'PASS' : 'FAIL'}  ${m.label}: ${tests} (${seconds} s)`);
  if (r.status !== 0) {
    failed++;
    for (const line of out
      .split('\n')
      .filter((l) => /^\s+● /.test(l))
      .slice(0, 20))
      console.log(`      ${line.trim()}`);
  }
}
process.exit(failed ? 1 : 0);
