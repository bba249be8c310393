/**
 * WeChat's own tooling (miniprogram-ci, offline) on the compiled weapp: the package
 * compiles, the main package stays within its limit, and staff-only code stays out of it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ci from 'miniprogram-ci';
import { ensureWeappBuild, WEAPP_DIST } from '../weapp/build';
import { openProject } from './ciProject';

const MB = 1024 * 1024;
const MAIN_PACKAGE_LIMIT = 1.5 * MB; // WeChat warns above 1.5 MB and refuses above 2 MB: we stay under the warning
const SUBPACKAGE_LIMIT = 2 * MB;
const TOTAL_LIMIT = 20 * MB;

type QualityItem = { name: string; success: boolean; text?: string; detail?: any };

// checkCodeQuality starts a chokidar watcher it never closes; track and close it so jest can exit.
const watchers: Array<{ close(): Promise<void> | void }> = [];
const chokidar = require('chokidar') as { watch: (...args: unknown[]) => { close(): Promise<void> | void } };
const originalWatch = chokidar.watch;
chokidar.watch = (...args: unknown[]) => {
  const watcher = originalWatch.apply(chokidar, args);
  watchers.push(watcher);
  return watcher;
};

let quality: QualityItem[] = [];

beforeAll(async () => {
  ensureWeappBuild();
  // miniprogram-ci narrates every step; keep the test output readable (failures are assertions).
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  quality = (await ci.checkCodeQuality(openProject(WEAPP_DIST))) as QualityItem[];
}, 180_000);

afterAll(async () => {
  await Promise.all(watchers.map((w) => w.close()));
  chokidar.watch = originalWatch;
  jest.restoreAllMocks();
});

const item = (name: string) => {
  const found = quality.find((q) => q.name === name);
  if (!found) throw new Error(`checkCodeQuality gave no ${name}; got ${quality.map((q) => q.name).join(', ')}`);
  return found;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test("the main package is within 1.5 MB (WeChat's warning line) and each subpackage within its limit", () => {
  const sizes = item('PACKAGE_SIZE_LIMIT').detail as Record<string, number>;
  const main = sizes.__APP__;
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.info(
    `weapp package: main ${kb(main)}, total ${kb(total)}; ` +
      Object.entries(sizes)
        .filter(([name]) => name !== '__APP__')
        .map(([name, size]) => `${name} ${kb(size)}`)
        .join(', '),
  );
  expect(main).toBeGreaterThan(0);
  expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
  for (const [name, size] of Object.entries(sizes)) if (name !== '__APP__') expect(size).toBeLessThanOrEqual(SUBPACKAGE_LIMIT);
  expect(total).toBeLessThanOrEqual(TOTAL_LIMIT);
});

test('the main package carries no code only the staff subpackage uses', () => {
  expect(item('CONTAINS_OTHER_PKG_JS').success).toBe(true);
  expect(item('CONTAINS_OTHER_PKG_COMPONENTS').success).toBe(true);
});

test("WeChat's compiler accepts every page", () => {
  const out = compiledFiles();
  // Every page the app declares, main package and subpackages alike.
  const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
  };
  const pages = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
  expect(pages).toEqual(
    expect.arrayContaining(['pages/index/index', 'pages/account/bind', 'pages/family/index', 'pages/staff/import/index']),
  );
  for (const page of pages) {
    for (const ext of ['js', 'json', 'wxml']) expect(Object.keys(out)).toContain(`${page}.${ext}`);
  }
  expect(Object.keys(out)).toEqual(expect.arrayContaining(['app.js', 'app.json', 'base.wxml']));
});

/** getCompiledResult in its own process and folder (see compiledResult.ts): file → size. */
function compiledFiles(): Record<string, number> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-ci-'));
  try {
    const script = path.join(__dirname, 'compiledResult.ts');
    const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href; // resolved here: the child runs elsewhere
    const stdout = execFileSync(process.execPath, ['--import', tsx, script, WEAPP_DIST], {
      cwd,
      encoding: 'utf8',
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}
