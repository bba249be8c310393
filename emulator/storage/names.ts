import path from 'node:path';

/**
 * Names in the emulator's cloud storage, as CloudBase spells them.
 *   cloud path  `reports/2026/报名表.xlsx`  (no leading `/`, no empty or `.`/`..` segments)
 *   file ID     `cloud://<envId>.<bucket>/<cloud path>`
 * The bucket is fixed per env id; a file ID is looked up by its cloud path only, so any
 * env id reaches the same files (the database does the same).
 */
/** Temporary links live a day unless asked otherwise, as in CloudBase. */
export const DEFAULT_MAX_AGE = 86400;

export const bucketOf = (envId: string) => `${envId}-local-1250000000`;

export const fileIdOf = (envId: string, cloudPath: string) => `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`;

/** COS's safe characters, Chinese, and full-width/CJK punctuation. No spaces, `%`, `?`, `#`, `\`. */
const ALLOWED = /^[0-9A-Za-z!\-_.*'()/\p{Script=Han}\u3000-\u303f\uff01-\uff5e]+$/u;
/** COS keys are at most 850 bytes. */
const MAX_PATH_BYTES = 850;

/** Why CloudBase would refuse this cloud path, or null when it is fine. */
export function cloudPathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(cloudPath) > MAX_PATH_BYTES) return `cloudPath is longer than ${MAX_PATH_BYTES} bytes`;
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return 'cloudPath must not have empty, "." or ".." segments';
  }
  if (!ALLOWED.test(cloudPath)) {
    return "cloudPath may only contain 0-9, a-z, A-Z, / ! - _ . * ' ( ) and Chinese characters";
  }
  return null;
}

/** The cloud path a file ID names, or null when it is not a well-formed file ID. */
export function cloudPathOfFileId(fileID: unknown): string | null {
  if (typeof fileID !== 'string') return null;
  const m = /^cloud:\/\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/(.+)$/.exec(fileID);
  if (!m || cloudPathProblem(m[1])) return null;
  return m[1];
}

const TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.zip': 'application/zip',
};

/** The content type COS would give the file, from its extension. */
export function contentTypeOf(cloudPath: string): string {
  return TYPES[path.posix.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}

/** `attachment` with the file name: an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function contentDispositionOf(cloudPath: string): string {
  const name = path.posix.basename(cloudPath);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** A cloud path as a URL path, each segment percent-encoded. */
export const encodePath = (cloudPath: string) => cloudPath.split('/').map(encodeURIComponent).join('/');
