import type { CallEvent } from '@contract/envelope';
import { devToken } from './session';
import type { Transport } from './transport';

/** Local: the emulator behind /__cloud, signed in with the dev token if there is one. */
async function sendLocal(name: string, data: CallEvent): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = devToken();
  if (token) headers['x-dev-token'] = token;
  const res = await fetch(`/__cloud/h5/functions/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ data }),
  });
  // A non-200 reply is the platform's `{ code, message }`, not the function's answer.
  if (res.status !== 200) throw new Error(`cloud platform replied ${res.status}`);
  const body = (await res.json()) as { result?: unknown };
  return body.result;
}

interface CloudbaseApp {
  callFunction(options: { name: string; data: CallEvent }): Promise<{ result?: unknown }>;
}
let cloudbaseApp: Promise<CloudbaseApp> | null = null;

/** Production: CloudBase's web SDK. The `if` on a build constant keeps it out of local builds. */
function loadCloudbase(): Promise<CloudbaseApp> {
  if (CLOUD_MODE === 'production') {
    return import('@cloudbase/js-sdk').then((m) => {
      const cloudbase = m.default ?? m;
      return cloudbase.init({ env: CLOUDBASE_ENV_ID }) as unknown as CloudbaseApp;
    });
  }
  return Promise.reject(new Error('CloudBase is not used in local mode'));
}

export const send: Transport = async (name, data) => {
  if (CLOUD_MODE !== 'production') return sendLocal(name, data);
  cloudbaseApp ??= loadCloudbase();
  const res = await (await cloudbaseApp).callFunction({ name, data });
  return res.result;
};
