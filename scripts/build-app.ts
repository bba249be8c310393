import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Build the Taro app for one platform, quietly: Taro's progress bar is shown only when
 * the build fails, together with its errors.
 */
const root = path.resolve(__dirname, '..');

export function buildApp(type: 'weapp' | 'h5', env: Record<string, string> = {}) {
  const started = Date.now();
  const out = spawnSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', type], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CLOUD_MODE: process.env.CLOUD_MODE ?? 'local', NODE_ENV: 'production', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) {
    process.stderr.write(out.stdout + out.stderr);
    throw new Error(`taro build --type ${type} failed`);
  }
  return Date.now() - started;
}
