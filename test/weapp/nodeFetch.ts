/**
 * jest's jsdom environment has no `fetch`; the emulator's test helper uses it. A minimal
 * stand-in over node:http, enough for JSON calls to 127.0.0.1 (no streaming, no redirects).
 */
import http from 'node:http';

interface MiniInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export function nodeFetch(url: string | URL, init: MiniInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = init.body ?? '';
    const headers = { ...(init.headers ?? {}), 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request(String(url), { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          text: async () => text,
          json: async () => JSON.parse(text),
        } as unknown as Response);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function installFetchIfMissing(): void {
  const g = globalThis as { fetch?: unknown };
  if (typeof g.fetch !== 'function') g.fetch = nodeFetch;
}
