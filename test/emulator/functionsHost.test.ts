import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FunctionsHost } from '../../emulator/functions/host';

/**
 * The functions host times an instance's loading apart from the call, as SCF does: a function
 * whose code takes longer to load than its time limit still answers its first call, while a
 * call that runs past the limit is cut off. (Under the load benchmark's start, 56 instances
 * loading at once on 2 cores ran out of their 10 s before they had begun.)
 */
let dir: string;
let host: FunctionsHost;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-host-'));
  const bundle = (name: string, code: string) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'index.js'), code);
  };
  const spin = (ms: number) => `const until = Date.now() + ${ms}; while (Date.now() < until) {}`;
  bundle('slowload', `${spin(1500)}\nexports.main = async () => ({ ok: true, data: 'loaded' });`);
  bundle('slowcall', `exports.main = async () => { ${spin(1500)}; return { ok: true }; };`);
  const rc = path.join(dir, 'cloudbaserc.json');
  fs.writeFileSync(
    rc,
    JSON.stringify({
      functions: [
        { name: 'slowload', timeout: 1 },
        { name: 'slowcall', timeout: 1 },
      ],
    }),
  );
  host = new FunctionsHost({ functionsDir: dir, envId: 'host-test', configFile: rc });
});

afterAll(async () => {
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('loading longer than the time limit is not counted against the first call', async () => {
  expect(await host.invoke('slowload', {})).toEqual({ ok: true, result: { ok: true, data: 'loaded' } });
  // Loaded once: the next call is quick.
  expect(await host.invoke('slowload', {})).toMatchObject({ ok: true });
});

test('a call that runs past the limit is cut off', async () => {
  expect(await host.invoke('slowcall', {})).toMatchObject({ ok: false, code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' });
});
