import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench` runs every `bench/*.bench.ts`; `npm run bench -- emulator` only those
 * named (file name without `.bench.ts`). Each runs in its own Node process, so one
 * benchmark's heap and JIT state cannot colour the next, and each writes its own section
 * of bench/RESULTS.md.
 */
const dir = __dirname;
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? wanted : all;

let failed = 0;
for (const name of selected) {
  console.log(`\n=== bench: ${name} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'lib', 'runOne.ts'), path.join(dir, `${name}.bench.ts`)], {
    stdio: 'inherit',
    cwd: path.resolve(dir, '..'),
  });
  if (r.status !== 0) {
    console.error(`bench ${name} failed (${r.signal ?? `exit ${r.status}`})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
