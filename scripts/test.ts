import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp } from './build-app';
import { buildFunctions } from './build-functions';

/**
 * `npm test`: format and lint, type-check, build what the tests load (function bundles,
 * the weapp and H5 builds), then every jest layer: unit, emulator, functions, weapp,
 * e2e, package. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
 */
const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function step(title: string, fn: () => void) {
  const started = Date.now();
  process.stdout.write(`▶ ${title}\n`);
  fn();
  process.stdout.write(`  ✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main() {
  const jestArgs = process.argv.slice(2);
  step('format and lint (biome)', () => run(bin('biome'), ['check', '.']));
  step('type-check (tsc)', () => run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
  const fns = await buildFunctions();
  process.stdout.write(`  ✓ built functions ${fns.names.join(', ')} (${fns.ms} ms)\n`);
  step('build weapp', () => buildApp('weapp'));
  step('build h5', () => buildApp('h5'));
  run(bin('jest'), ['--ci', ...jestArgs]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
