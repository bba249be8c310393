import fs from 'node:fs';
import path from 'node:path';
import { startAppServer } from '../emulator/appServer';
import { buildApp } from './build-app';
import { runEmulator } from './emulator';

/**
 * `npm start`: the whole product on this machine — the emulator with demo data, the
 * functions, and the H5 app — then print where to open it and who to sign in as.
 */
const root = path.resolve(__dirname, '..');

function h5IsStale(): boolean {
  const built = path.join(root, 'dist/h5/index.html');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  return ['src', 'contract', 'config'].some((d) => newest(path.join(root, d)) > builtAt);
}

async function main() {
  if (h5IsStale()) {
    console.log('正在构建网页版（约 15 秒）…');
    buildApp('h5');
  }
  const { emu } = await runEmulator();
  const app = await startAppServer({ root: path.join(root, 'dist/h5'), cloudUrl: emu.url, port: Number(process.env.APP_PORT ?? 10086) });
  const accounts = (await (await fetch(`${emu.url}/dev/accounts`)).json()) as Array<{ label: string }>;
  console.log(`
温馨退服 is running locally.

  Open:      ${app.url}
  Emulator:  TCB_CONTEXT_CNFG=${JSON.stringify({ URL: emu.adminUrl })}

Demo accounts (choose one on the sign-in page, "本地演示登录"):
${accounts.map((a) => `  - ${a.label}`).join('\n')}

Press Ctrl+C to stop. Data is kept in .local-cloud/ (delete it to start fresh).`);
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
