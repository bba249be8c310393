/**
 * One HTTP exchange with an outside service, bounded by a timeout. Never rejects: the network,
 * a timeout, a 5xx or a body that is not JSON come back as `{ ok: false, code }` so each adapter
 * turns them into its own typed failure (`unavailable`).
 */
export type OutsideAnswer = { ok: true; status: number; body: any } | { ok: false; code: string };

export interface OutsideRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export async function exchangeJson(url: string | URL, req: OutsideRequest): Promise<OutsideAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  try {
    const res = await (req.fetch ?? fetch)(url, { method: req.method, headers: req.headers, body: req.body, signal: controller.signal });
    const text = await res.text();
    if (res.status >= 500) return { ok: false, code: `HTTP${res.status}` };
    try {
      return { ok: true, status: res.status, body: JSON.parse(text) };
    } catch {
      return { ok: false, code: res.ok ? 'InvalidResponse' : `HTTP${res.status}` };
    }
  } catch (e) {
    return { ok: false, code: controller.signal.aborted ? 'Timeout' : `NetworkError:${(e as Error)?.name ?? 'Error'}` };
  } finally {
    clearTimeout(timer);
  }
}
