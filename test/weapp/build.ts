import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const WEAPP_DIST = path.join(ROOT, 'dist/weapp');

/**
 * The tests read the compiled output; build it once when there is none (a fresh checkout).
 * An existing build is used as is: run `npx taro build --type weapp` after changing src/.
 */
export function ensureWeappBuild(): void {
  if (fs.existsSync(path.join(WEAPP_DIST, 'app.json'))) return;
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'inherit' });
}
