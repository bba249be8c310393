import type { ErrorCode } from '@contract/envelope';
import { cloudbaseApp } from './cloudbase.h5';
import { CloudCallError, unavailable } from './cloudError';
import { devToken } from './session';
import type { UploadFile } from './storage';

/** Local: the emulator behind /__cloud; the raw file is the body, the dev token says who uploads. */
async function uploadLocal(cloudPath: string, file: File): Promise<string> {
  const headers: Record<string, string> = { 'content-type': file.type || 'application/octet-stream' };
  const token = devToken();
  if (token) headers['x-dev-token'] = token;
  let res: Response;
  try {
    res = await fetch(`/__cloud/h5/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers, body: file });
  } catch {
    throw unavailable();
  }
  const body = (await res.json().catch(() => ({}))) as { fileID?: string; message?: string };
  if (res.status === 200 && body.fileID) return body.fileID;
  // The emulator's refusals carry a Chinese message meant to be shown as is.
  const code: ErrorCode | null = res.status === 401 ? 'UNAUTHENTICATED' : res.status === 400 || res.status === 413 ? 'INVALID_INPUT' : null;
  if (code && body.message) throw new CloudCallError(code, body.message);
  throw unavailable();
}

/** The browser: a `File` the person picked. */
export const uploadFile: UploadFile = async (cloudPath, file) => {
  if (typeof file === 'string') throw new CloudCallError('INVALID_INPUT', '请先选择要上传的文件');
  if (CLOUD_MODE !== 'production') return uploadLocal(cloudPath, file);
  try {
    const res = await (await cloudbaseApp()).uploadFile({ cloudPath, filePath: file });
    return res.fileID;
  } catch {
    throw unavailable();
  }
};
