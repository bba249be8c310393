/**
 * The production build of the browser app (CLOUD_MODE=production, what `npm run deploy` ships):
 * built here beside the local build, then read and opened in a real Chromium. The emulator's
 * demo sign-in and its address are not in it, and a forged `devToken` in the address is refused
 * (ignored: nothing is stored, nothing is sent to a local cloud). The console asks for the
 * CloudBase user name and password instead.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { buildApp } from '../../scripts/build-app';
import { launchBrowser } from '../support/browser';

const root = path.resolve(__dirname, '../..');
const ENV_ID = 'wenxin-prod-7g3k2x';
let out: string;
let server: http.Server;
let base: string;
let browser: BrowserContext;

/** What only a local build may contain: the dev sign-in, the emulator's routes and address, the local env. */
const LOCAL_ONLY = [
  '/__cloud',
  'dev/signin',
  '"devToken"', // the storage key and address parameter (a function of that name, returning null, may stay)
  "'devToken'",
  '本地演示',
  'emulator/seed',
  '127.0.0.1',
  'localhost:9000',
  'local-dev',
  '/sandbox/',
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : [p];
  });
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-h5-prod-'));
  buildApp('h5', { CLOUD_MODE: 'production', CLOUDBASE_ENV_ID: ENV_ID, TARO_OUTPUT_ROOT: out });
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(out, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
    if (!file.startsWith(out) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test('the production build has no dev sign-in, no emulator address and no local environment; it names the real one', () => {
  const shipped = files(out).filter((f) => /\.(js|html|css)$/.test(f));
  expect(shipped.length).toBeGreaterThan(5);
  const found: string[] = [];
  let namesEnv = false;
  for (const f of shipped) {
    const text = fs.readFileSync(f, 'utf8');
    for (const s of LOCAL_ONLY) if (text.includes(s)) found.push(`${path.relative(out, f)}: ${s}`);
    if (text.includes(ENV_ID)) namesEnv = true;
  }
  expect(found).toEqual([]);
  expect(namesEnv).toBe(true);
  // The check itself can fail: the local build beside it has every one of these.
  const local = files(path.join(root, 'dist/h5'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  for (const s of ['/__cloud', 'dev/signin', '"devToken"', '本地演示', 'emulator/seed']) expect(local).toContain(s);
});

test('a forged devToken in the address is ignored: nothing stored, nothing sent to a local cloud; staff get the password form', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  // Chromium here has no network: every request that is not the app itself is recorded and refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    requests.push(url);
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url().startsWith(base)) requests.push(r.url());
  });
  await page.goto(`${base}/?devToken=forged-token#/pages/staff/signin/index?devToken=forged-token`);
  await page.locator('#console-username').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('#console-dev-sign-in').count()).toBe(0);
  expect(await page.getByText('本地演示登录').count()).toBe(0);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toContain('forged-token');
  const local = requests.filter((u) => /__cloud|\/dev\/|\/h5\/functions\//.test(u));
  expect(local).toEqual([]);
  await page.close();
}, 60_000);
