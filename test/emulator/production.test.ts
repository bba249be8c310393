import { spawnSync } from 'node:child_process';
import path from 'node:path';

test('the emulator refuses to start when the deployment says production', () => {
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data', '/tmp/never-used'], {
    cwd: root,
    env: { ...process.env, DEPLOY_ENV: 'production' },
    encoding: 'utf8',
    timeout: 20000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('refuses to run with DEPLOY_ENV=production');
  expect(r.stdout).not.toContain('TCB_CONTEXT_CNFG');
});
