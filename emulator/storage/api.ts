import { CloudError } from '../database/errors';
import type { AdminActions } from '../server';
import type { LocalStorage } from './index';
import { cloudPathOfFileId, cloudPathProblem, DEFAULT_MAX_AGE, fileIdOf } from './names';

/**
 * The storage half of the `/admin` wire protocol, in the shapes @cloudbase/node-sdk 3.18
 * sends and parses (dist/storage/index.js):
 *   storage.getUploadMetadata   { path, method }            → { data: { url, token, authorization, fileId, cosFileId, download_url } }
 *   storage.batchGetDownloadUrl { file_list: [{ fileid, max_age?, url_type? }] } → { data: { download_list: [{ fileID, tempFileURL, code }] } }
 *   storage.batchDeleteFile     { fileid_list }             → { data: { delete_list: [{ fileID, code }] } }
 *   storage.batchCopyFile       { file_list: [{ src_path, dst_path, overwrite?, remove_original? }] } → { data: { copy_list: [{ fileId, code }] } }
 * A file that is not there answers per file with code `STORAGE_FILE_NONEXIST`, the rest
 * of the batch still succeeds; `code: 'SUCCESS'` otherwise.
 */
type Body = Record<string, any>;

/** CloudBase takes at most 50 files per batch call. */
const MAX_BATCH = 50;

const NONEXIST = { code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' };
const BAD_FILE_ID = { code: 'INVALID_PARAM', message: 'fileID is not a valid cloud file ID (cloud://<env>.<bucket>/<path>)' };

export function createStorageApi(storage: LocalStorage): AdminActions {
  /** The env id a reply's file IDs carry: the caller's, as CloudBase would. */
  const envOf = (b: Body) => (typeof b.envName === 'string' && /^[A-Za-z0-9_-]+$/.test(b.envName) ? b.envName : storage.envId);

  const batch = <T>(list: unknown, name: string): T[] => {
    if (!Array.isArray(list)) throw new CloudError('INVALID_PARAM', `${name} must be an array`);
    if (list.length > MAX_BATCH) throw new CloudError('INVALID_PARAM', `${name} takes at most ${MAX_BATCH} files`);
    return list as T[];
  };

  /** A copy's source or target: a cloud path, or a file ID. */
  const pathOf = (p: unknown) =>
    typeof p === 'string' && p.startsWith('cloud://') ? cloudPathOfFileId(p) : cloudPathProblem(p) ? null : (p as string);

  return {
    'storage.getUploadMetadata': (b) => {
      const problem = cloudPathProblem(b.path);
      if (problem) throw new CloudError('INVALID_PARAM', problem);
      const method = String(b.method ?? 'put').toLowerCase() === 'post' ? 'post' : 'put';
      return { data: storage.uploadGrant(b.path, fileIdOf(envOf(b), b.path), method) };
    },

    'storage.batchGetDownloadUrl': (b) => {
      const list = batch<{ fileid?: unknown; max_age?: unknown; url_type?: unknown }>(b.file_list, 'file_list');
      const download_list = list.map((item) => {
        const fileID = item?.fileid;
        const cloudPath = cloudPathOfFileId(fileID);
        if (!cloudPath) return { fileID, tempFileURL: '', ...BAD_FILE_ID };
        if (!storage.store.get(cloudPath)) return { fileID, tempFileURL: '', ...NONEXIST };
        const asked = Number(item.max_age);
        const maxAge = Number.isInteger(asked) && asked > 0 ? asked : DEFAULT_MAX_AGE;
        return { fileID, tempFileURL: storage.tempUrl(cloudPath, maxAge, item.url_type === 'COS_URL'), maxAge, code: 'SUCCESS' };
      });
      return { data: { download_list } };
    },

    'storage.batchDeleteFile': async (b) => {
      const list = batch<unknown>(b.fileid_list, 'fileid_list');
      const delete_list = [];
      for (const fileID of list) {
        const cloudPath = cloudPathOfFileId(fileID);
        if (!cloudPath) delete_list.push({ fileID, ...BAD_FILE_ID });
        else if (await storage.store.remove(cloudPath)) delete_list.push({ fileID, code: 'SUCCESS' });
        else delete_list.push({ fileID, ...NONEXIST });
      }
      return { data: { delete_list } };
    },

    'storage.batchCopyFile': async (b) => {
      const list = batch<{ src_path?: unknown; dst_path?: unknown; overwrite?: unknown; remove_original?: unknown }>(
        b.file_list,
        'file_list',
      );
      const copy_list = [];
      for (const item of list) {
        const from = pathOf(item?.src_path);
        const to = pathOf(item?.dst_path);
        if (!from || !to) {
          copy_list.push({ code: 'INVALID_PARAM', message: 'srcPath and dstPath must be valid cloud paths' });
          continue;
        }
        const fileId = fileIdOf(envOf(b), to);
        const done = await storage.store.copy(from, to, item.overwrite === true);
        if (done === 'missing') copy_list.push({ fileId, ...NONEXIST });
        else if (done === 'exists') copy_list.push({ fileId, code: 'STORAGE_FILE_PATH_CONFLICT', message: `${to} already exists` });
        else {
          if (item.remove_original === true) await storage.store.remove(from);
          copy_list.push({ fileId, code: 'SUCCESS' });
        }
      }
      return { data: { copy_list } };
    },
  };
}
