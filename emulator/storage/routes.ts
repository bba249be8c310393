import crypto from 'node:crypto';
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { DevAuth } from '../auth/devAuth';
import { header, json } from '../http';
import type { Route } from '../server';
import type { LocalStorage } from './index';
import { cloudPathProblem, contentDispositionOf, contentTypeOf, fileIdOf } from './names';
import { type StoredFile, TooLargeError } from './store';

/**
 * The HTTP side of the emulator's storage, as COS and CloudBase serve it:
 *   PUT  /storage/upload/<path>          upload to the URL `getUploadMetadata` named (what node-sdk does)
 *   POST /storage/upload                 COS POST-object form: key, signature, x-cos-security-token, file
 *   GET|HEAD /storage/download/<path>?expires=&sign=   a temporary link from `getTempFileURL`
 *   POST /h5/storage/upload?cloudPath=   the H5 build's upload: raw body, `x-dev-token` = the signed-in user
 * Errors on the COS routes are COS's XML `<Error>`; the H5 route answers JSON with a Chinese message.
 */
// As large as the largest roster the import takes (IMPORT_MAX_BYTES in contract/roster.ts).
export const H5_UPLOAD_LIMIT = 100 * 1024 * 1024;

export function createStorageRoute(storage: LocalStorage, auth: DevAuth): Route {
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/storage/download/') && (method === 'GET' || method === 'HEAD')) {
      await download(storage, req, res, url);
      return true;
    }
    if (url.pathname.startsWith('/storage/upload/') && method === 'PUT') {
      await putObject(storage, req, res, url);
      return true;
    }
    if (url.pathname === '/storage/upload' && method === 'POST') {
      await postObject(storage, req, res);
      return true;
    }
    if (url.pathname === '/h5/storage/upload' && method === 'POST') {
      await h5Upload(storage, auth, req, res, url);
      return true;
    }
    return false;
  };
}

/** The cloud path after `prefix` in a URL path, or null when it does not decode to a valid one. */
function pathAfter(url: URL, prefix: string): string | null {
  let cloudPath: string;
  try {
    cloudPath = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return null;
  }
  return cloudPathProblem(cloudPath) ? null : cloudPath;
}

async function download(storage: LocalStorage, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const cloudPath = pathAfter(url, '/storage/download/');
  if (!cloudPath) return cosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', url.pathname);
  const refused = storage.checkDownload(cloudPath, url.searchParams.get('expires'), url.searchParams.get('sign'));
  if (refused) return cosError(res, 403, refused.code, refused.message, cloudPath);
  const opened = await storage.store.openRead(cloudPath);
  if (!opened) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath);
  const { file, handle } = opened;
  try {
    res.writeHead(200, {
      'content-type': contentTypeOf(cloudPath),
      'content-length': file.size,
      'content-disposition': contentDispositionOf(cloudPath),
      etag: etagOf(file),
      'last-modified': new Date(file.uploadedAt).toUTCString(),
      'cache-control': 'private, no-cache',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'content-disposition, content-length, etag',
      'x-cos-request-id': requestId(),
    });
    if (req.method === 'HEAD') return void res.end();
    // A client that goes away mid-download is not an error of ours.
    await pipeline(handle.createReadStream({ autoClose: false }), res).catch(() => res.destroy());
  } finally {
    await handle.close();
  }
}

async function putObject(storage: LocalStorage, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const cloudPath = pathAfter(url, '/storage/upload/');
  if (!cloudPath) return cosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', url.pathname);
  const refused = storage.checkUploadGrant(
    cloudPath,
    header(req, 'authorization') ?? header(req, 'signature'),
    header(req, 'x-cos-security-token'),
  );
  if (refused) return cosError(res, 403, refused.code, refused.message, cloudPath);
  const file = await storage.store.put(cloudPath, req, { cosFileId: header(req, 'x-cos-meta-fileid') }).catch(ifClientLeft(req));
  if (!file) return;
  // COS answers a successful PUT with an empty body; the SDK reads an empty body as success.
  res.writeHead(200, { etag: etagOf(file), 'content-length': 0, 'x-cos-request-id': requestId() });
  res.end();
}

/** COS POST object: the form's fields come before its `file` part, as COS requires. */
async function postObject(storage: LocalStorage, req: http.IncomingMessage, res: http.ServerResponse) {
  let form: busboy.Busboy;
  try {
    form = busboy({ headers: req.headers });
  } catch {
    return cosError(res, 400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.', '/');
  }
  const fields: Record<string, string> = {};
  let refused: { status: number; code: string; message: string } | null = null;
  let stored: Promise<StoredFile> | null = null;
  form.on('field', (name, value) => {
    fields[name.toLowerCase()] = value;
  });
  form.on('file', (name, stream: Readable) => {
    const key = fields.key;
    if (name !== 'file' || stored || refused) return void stream.resume();
    const problem = key === undefined ? 'the form has no key before its file' : cloudPathProblem(key);
    const grant = problem ? null : storage.checkUploadGrant(key, fields.signature ?? fields.authorization, fields['x-cos-security-token']);
    if (problem || grant) {
      refused = problem ? { status: 400, code: 'InvalidArgument', message: problem } : { status: 403, ...grant! };
      return void stream.resume();
    }
    stored = storage.store.put(key, stream, { cosFileId: fields['x-cos-meta-fileid'] });
    stored.catch(() => stream.resume());
  });
  await new Promise<void>((resolve, reject) => {
    form.on('close', resolve);
    form.on('error', reject);
    req.pipe(form);
  }).catch(() => {
    refused ??= {
      status: 400,
      code: 'MalformedPOSTRequest',
      message: 'The body of your POST request is not well-formed multipart/form-data.',
    };
  });
  if (refused) {
    const r = refused as { status: number; code: string; message: string };
    return cosError(res, r.status, r.code, r.message, fields.key ?? '/');
  }
  if (!stored) return cosError(res, 400, 'InvalidArgument', 'The form has no file.', fields.key ?? '/');
  const file = await (stored as Promise<StoredFile>);
  const status = Number(fields.success_action_status);
  const headers = { etag: etagOf(file), location: storage.tempUrl(file.cloudPath, undefined, true), 'x-cos-request-id': requestId() };
  if (status === 201) {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${xml(headers.location)}</Location><Key>${xml(file.cloudPath)}</Key><ETag>${xml(headers.etag)}</ETag></PostResponse>`;
    res.writeHead(201, { ...headers, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
    return void res.end(body);
  }
  res.writeHead(status === 200 ? 200 : 204, headers);
  res.end();
}

async function h5Upload(storage: LocalStorage, auth: DevAuth, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const identity = auth.identityFor(header(req, 'x-dev-token'));
  if (!identity.openid && !identity.uid) return json(res, 401, { code: 'UNAUTHENTICATED', message: '请先登录后再上传' });
  const cloudPath = url.searchParams.get('cloudPath');
  const problem = cloudPathProblem(cloudPath);
  if (problem) return json(res, 400, { code: 'INVALID_PARAM', message: `文件路径不合法：${problem}` });
  const tooLarge = () => json(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: `文件太大了，请不要超过 ${H5_UPLOAD_LIMIT / 2 ** 20} MB` });
  // Node reads and drops the rest of a body we answer early, so the browser still gets the answer.
  if (Number(header(req, 'content-length') ?? 0) > H5_UPLOAD_LIMIT) return tooLarge();
  try {
    if (!(await storage.store.put(cloudPath!, req, { limit: H5_UPLOAD_LIMIT }).catch(ifClientLeft(req)))) return;
  } catch (e) {
    if (e instanceof TooLargeError) return tooLarge();
    throw e;
  }
  json(res, 200, { fileID: fileIdOf(storage.envId, cloudPath!), requestId: requestId() });
}

/** A body cut off by the client is no upload and no error of ours: nothing is stored, nobody to answer. */
const ifClientLeft = (req: http.IncomingMessage) => (e: unknown) => {
  if (req.destroyed && !req.complete) return null;
  throw e;
};

function cosError(res: http.ServerResponse, status: number, code: string, message: string, resource: string) {
  const id = requestId();
  const body = [
    "<?xml version='1.0' encoding='utf-8' ?>",
    '<Error>',
    `  <Code>${xml(code)}</Code>`,
    `  <Message>${xml(message)}</Message>`,
    `  <Resource>${xml(resource)}</Resource>`,
    `  <RequestId>${id}</RequestId>`,
    `  <TraceId>${crypto.randomBytes(24).toString('base64')}</TraceId>`,
    '</Error>',
  ].join('\n');
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-cos-request-id': id });
  res.end(body);
}

const etagOf = (file: StoredFile) => `"${file.sha256.slice(0, 32)}"`;
const requestId = () => crypto.randomBytes(12).toString('base64url');
const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
