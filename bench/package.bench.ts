import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as ci from 'miniprogram-ci';
import { startAppServer } from '../emulator/appServer';
import { openProject } from '../test/package/ciProject';
import { launchBrowser } from '../test/support/browser';
import { startLocalCloud } from '../test/support/localCloud';
import { ensureWeappBuild, WEAPP_DIST } from '../test/weapp/build';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, percentile, table } from './lib/stats';

/**
 * What a phone has to download: the weapp packages as WeChat's own tool (miniprogram-ci)
 * counts them, and the bytes the H5 home page pulls in (raw and gzip) with the time until
 * its entries are on screen, in headless Chromium against the local cloud; then the retiree's
 * home signed in, on an old phone (the CPU slowed 4× through the DevTools protocol), until
 * its first meaningful content — the certification card's sentence — is on screen.
 */
const ROOT = path.resolve(__dirname, '..');
const H5_DIST = path.join(ROOT, 'dist/h5');
const KB = 1024;
const kb = (n: number) => `${fmt(n / KB, 1)} KB`;
const RUNS = 15;

async function weappSizes(): Promise<Record<string, number>> {
  ensureWeappBuild();
  const quality = (await ci.checkCodeQuality(openProject(WEAPP_DIST))) as Array<{ name: string; detail?: any }>;
  const item = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT');
  if (!item) throw new Error('miniprogram-ci reported no PACKAGE_SIZE_LIMIT');
  return item.detail as Record<string, number>;
}

interface Loaded {
  files: Map<string, number>;
  ms: number;
}

const SLOWDOWN = 4;

const bench: Bench = {
  name: 'package',
  async run(log) {
    log('weapp: miniprogram-ci checkCodeQuality…');
    const quietLog = console.log;
    console.log = () => undefined; // miniprogram-ci narrates every step
    let sizes: Record<string, number>;
    try {
      sizes = await weappSizes();
    } finally {
      console.log = quietLog;
    }
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);

    if (!fs.existsSync(path.join(H5_DIST, 'index.html'))) throw new Error('dist/h5 is not built: run `npm run build:h5`');
    log('h5: local cloud, app server, Chromium…');
    const cloud = await startLocalCloud();
    const app = await startAppServer({ root: H5_DIST, cloudUrl: cloud.url, port: 0 });
    const loads: Loaded[] = [];
    const slowHome: number[] = [];
    try {
      for (let i = 0; i < RUNS + 1; i++) {
        // A new browser and profile each time: a cold cache, as on a first visit.
        const context = await launchBrowser();
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          const files = new Map<string, number>();
          page.on('response', (r) => {
            const p = new URL(r.url()).pathname;
            if (/\.(js|css)$/.test(p)) files.set(p, 0);
          });
          const t0 = Date.now();
          await page.goto(`${app.url}#/pages/index/index`);
          await page.locator('#entry-notices .entry-tile__title').filter({ visible: true }).waitFor({ timeout: 30_000 });
          const ms = Date.now() - t0;
          if (i > 0) loads.push({ files, ms }); // the first run warms the server's file cache
        } finally {
          await context.close();
        }
      }
      // The retiree's home, signed in (the dev token in the address, as the sign-in page sends it), on a slow CPU.
      log(`h5: the retiree's home with the CPU slowed ${SLOWDOWN}×…`);
      const token = await cloud.tokenFor('retiree');
      for (let i = 0; i < RUNS + 1; i++) {
        const context = await launchBrowser();
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
          const t0 = Date.now();
          await page.goto(`${app.url}?devToken=${encodeURIComponent(token)}#/pages/index/index`);
          await page.locator('#cert-status-self .cert-card__headline').filter({ visible: true }).waitFor({ timeout: 60_000 });
          const ms = Date.now() - t0;
          if (i > 0) slowHome.push(ms);
        } finally {
          await context.close();
        }
      }
    } finally {
      await app.close();
      await cloud.stop();
      fs.rmSync(cloud.dataDir, { recursive: true, force: true });
    }

    const files = [...loads[0].files.keys()].sort();
    const rows = files.map((f) => {
      const body = fs.readFileSync(path.join(H5_DIST, f));
      return { f, raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length };
    });
    const sum = (k: 'raw' | 'gz', ext: string) => rows.filter((r) => r.f.endsWith(ext)).reduce((a, r) => a + r[k], 0);
    const times = loads.map((l) => l.ms).sort((a, b) => a - b);
    const slow = [...slowHome].sort((a, b) => a - b);

    return [
      '## Package sizes and the H5 home page',
      '',
      machineNotes(),
      '- weapp: `dist/weapp` as built by `npm run build:weapp`, measured by `miniprogram-ci` `checkCodeQuality`',
      '  (PACKAGE_SIZE_LIMIT). WeChat refuses a main package over 2 MB and warns over 1.5 MB.',
      `- H5: \`dist/h5\` served by emulator/appServer.ts with the local cloud; headless Chromium, a new profile each run (cold cache), ${RUNS} runs after one warm-up.`,
      '  Files are those the home page requested; gzip sizes are zlib level 9 of the files as built (the local server sends them uncompressed).',
      '',
      '### weapp packages',
      '',
      table(
        ['package', 'size', 'limit'],
        [
          ['main (`__APP__`)', kb(sizes.__APP__), '2 MB (warning at 1.5 MB)'],
          ...Object.entries(sizes)
            .filter(([n]) => n !== '__APP__')
            .map(([n, s]) => [`subpackage \`${n}\``, kb(s), '2 MB']),
          ['**total**', kb(total), '20 MB'],
        ],
        ['l', 'r', 'r'],
      ),
      '',
      '### H5 home page: what it downloads',
      '',
      table(
        ['file', 'raw', 'gzip'],
        [
          ...rows.map((r) => [`\`${r.f}\``, kb(r.raw), kb(r.gz)]),
          ['**JavaScript**', kb(sum('raw', '.js')), kb(sum('gz', '.js'))],
          ['**CSS**', kb(sum('raw', '.css')), kb(sum('gz', '.css'))],
        ],
        ['l', 'r', 'r'],
      ),
      '',
      `Time from navigation to the home page's entries on screen (signed out, local server, cold cache): p50 ${fmt(percentile(times, 50))} ms,`,
      `p90 ${fmt(percentile(times, 90))} ms, min ${fmt(times[0])} ms, max ${fmt(times[times.length - 1])} ms (${RUNS} runs).`,
      '',
      `The retiree's home, signed in, with the CPU slowed ${SLOWDOWN}× (\`Emulation.setCPUThrottlingRate\`, an old phone), from`,
      'navigation to the first meaningful content — the certification card\'s sentence (it answers "what do I need to do now?"),',
      `which needs the app's code and its function calls: p50 ${fmt(percentile(slow, 50))} ms, p90 ${fmt(percentile(slow, 90))} ms,`,
      `min ${fmt(slow[0])} ms, max ${fmt(slow[slow.length - 1])} ms (${RUNS} runs, cold cache each).`,
    ].join('\n');
  },
};

export default bench;
