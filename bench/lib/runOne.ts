import path from 'node:path';
import { writeSection } from './results';
import { msSince, now } from './stats';

/**
 * Runs one benchmark file in this process: `node --import tsx bench/lib/runOne.ts bench/x.bench.ts`.
 * A benchmark module's default export is a `Bench`; its markdown goes into bench/RESULTS.md.
 */
export interface Bench {
  /** Section name: the file name without `.bench.ts`. */
  name: string;
  run(log: (msg: string) => void): Promise<string>;
}

async function main() {
  const file = path.resolve(process.argv[2]);
  const mod = require(file);
  const bench: Bench = mod.default ?? mod;
  const expected = path.basename(file).replace(/\.bench\.ts$/, '');
  if (bench.name !== expected) throw new Error(`${file}: bench name "${bench.name}" should be "${expected}"`);
  const start = now();
  const log = (msg: string) => console.log(`[${bench.name} ${(msSince(start) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
  const markdown = await bench.run(log);
  writeSection(bench.name, markdown);
  log(`done; section "${bench.name}" written to bench/RESULTS.md`);
  // Some tools leave handles open (miniprogram-ci's file watcher): the benchmark is over, so end.
  process.exit(process.exitCode ?? 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
