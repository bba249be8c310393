import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { isMain } from '../emulator/isMain';

/**
 * Bundle each cloud function (with contract/ and _lib/) into
 * dist/cloudfunctions/<name>/index.js, plus a package.json that names only
 * @cloudbase/node-sdk — CloudBase installs it on deploy ("installDependency").
 */
const root = path.resolve(__dirname, '..');
const sdkVersion = require(path.join(root, 'node_modules/@cloudbase/node-sdk/package.json')).version;

export async function buildFunctions(outRoot = path.join(root, 'dist/cloudfunctions')) {
  const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'));
  const names: string[] = rc.functions.map((f: { name: string }) => f.name);
  const started = Date.now();
  await Promise.all(
    names.map(async (name) => {
      const outDir = path.join(outRoot, name);
      fs.mkdirSync(outDir, { recursive: true });
      await build({
        entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
        outfile: path.join(outDir, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node18',
        format: 'cjs',
        external: ['@cloudbase/node-sdk'],
        sourcemap: true,
        logLevel: 'warning',
      });
      const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion } };
      fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    }),
  );
  return { names, ms: Date.now() - started };
}

if (isMain(__filename)) {
  buildFunctions().then(({ names, ms }) => console.log(`built ${names.length} functions (${names.join(', ')}) in ${ms} ms`));
}
