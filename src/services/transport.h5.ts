import type { CallEvent } from '@contract/envelope';
import { cloudbaseApp } from './cloudbase.h5';
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

export const send: Transport = async (name, data) => {
  if (CLOUD_MODE !== 'production') return sendLocal(name, data);
  const res = await (await cloudbaseApp()).callFunction({ name, data });
  return res.result;
};
