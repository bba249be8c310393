import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { collections } from '../database/collections';
import { buildFunctions } from './build-functions';

/**
 * `npm run deploy`: the functions (through `tcb`, @cloudbase/cli, with cloudbaserc.json)
 * and the collections and indexes of database/collections.ts (through
 * @cloudbase/manager-node) into the CloudBase environment named by CLOUDBASE_ENV_ID.
 * Both tools are fetched by npx on first use, since only a deploying machine needs them.
 */
const root = path.resolve(__dirname, '..');

function need(name: string): string {
  const v = process.env[name];
  if (!v) {
    console.error(`Set ${name} first (see README: Deploy to CloudBase).`);
    process.exit(1);
  }
  return v;
}

async function main() {
  const envId = need('CLOUDBASE_ENV_ID');
  const secretId = need('TENCENTCLOUD_SECRETID');
  const secretKey = need('TENCENTCLOUD_SECRETKEY');
  // Every `{{env.X}}` in cloudbaserc.json is filled from the deployer's environment: all must be set.
  const rc = fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8');
  for (const name of new Set([...rc.matchAll(/\{\{env\.([A-Z0-9_]+)\}\}/g)].map((m) => m[1]))) need(name);
  await buildFunctions();

  const tcb = (args: string[]) => {
    const r = spawnSync('npx', ['-y', '-p', '@cloudbase/cli', 'tcb', ...args], { cwd: root, stdio: 'inherit', env: process.env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  };
  tcb(['login', '--apiKeyId', secretId, '--apiKey', secretKey]);
  tcb(['fn', 'deploy', '--all', '-e', envId, '--force']);

  // Installed on demand on the deploying machine (not a dependency of the product).
  const managerModule = '@cloudbase/manager-node';
  const { default: CloudBase } = await import(managerModule);
  const manager = new CloudBase({ secretId, secretKey, envId });
  for (const c of collections) {
    await manager.database.createCollectionIfNotExists(c.name);
    const existing = new Set<string>();
    for (const idx of c.indexes) {
      const exists = await manager.database.checkIndexExists(c.name, idx.name).catch(() => ({ Exists: false }));
      if (exists.Exists) existing.add(idx.name);
    }
    const create = c.indexes
      .filter((i) => !existing.has(i.name))
      .map((i) => ({
        IndexName: i.name,
        MgoKeySchema: {
          MgoIsUnique: !!i.unique,
          MgoIndexKeys: Object.entries(i.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
        },
      }));
    if (create.length) await manager.database.updateCollection(c.name, { CreateIndexes: create });
    console.log(`collection ${c.name}: ${create.length} index(es) created, ${existing.size} already there`);
  }
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
