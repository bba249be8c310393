import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * Serves the built H5 app and passes `/__cloud/*` to the emulator, so the app calls its
 * local cloud on its own origin (no CORS, no port baked into the build).
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function startAppServer(opts: {
  root: string;
  cloudUrl: string;
  port: number;
  host?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const cloud = new URL(opts.cloudUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    if (url.pathname.startsWith('/__cloud/')) {
      const upstream = http.request(
        {
          host: cloud.hostname,
          port: cloud.port,
          method: req.method,
          path: url.pathname.slice('/__cloud'.length) + url.search,
          headers: { ...req.headers, host: cloud.host },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'UNAVAILABLE', message: '本地云服务没有启动' }));
      });
      req.pipe(upstream);
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    let file = path.resolve(opts.root, rel);
    if (!file.startsWith(path.resolve(opts.root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(opts.root, 'index.html');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  // As the emulator: the browser closes an idle connection first, never the server (see emulator/cli.ts).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve) => {
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        // As the emulator's stop: idle connections go now, one still busy after 3 s is cut.
        close: () =>
          new Promise<void>((r) => {
            const cut = setTimeout(() => server.closeAllConnections(), 3000);
            server.close(() => {
              clearTimeout(cut);
              r();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
