import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * A real Chromium for browser tests: a fresh profile folder each time (so no sign-in,
 * storage or cache is shared between launches), headless, no network chatter of its own.
 * Returns the browser context; `await context.close()` shuts Chromium down and removes
 * the profile folder.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** CSS pixels; defaults to a phone held upright, the way the app is used. */
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with: apt-get update && apt-get install -y chromium`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-chromium-'));
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: opts.viewport ?? { width: 390, height: 844 },
      deviceScaleFactor: opts.deviceScaleFactor ?? 1,
      locale: 'zh-CN',
      timeout: 30_000,
    });
  } catch (e) {
    removeProfile();
    throw e;
  }
  // A persistent context is the whole browser: closing it ends Chromium, then the profile can go.
  const close = context.close.bind(context);
  context.close = async (options) => {
    try {
      await close(options);
    } finally {
      removeProfile();
    }
  };
  return context;
}
