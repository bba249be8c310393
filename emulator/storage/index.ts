import crypto from 'node:crypto';
import type { DevAuth } from '../auth/devAuth';
import type { AdminActions, Route } from '../server';
import { createStorageApi } from './api';
import { DEFAULT_MAX_AGE, encodePath } from './names';
import { createStorageRoute } from './routes';
import { Signer } from './signer';
import { FileStore } from './store';

/**
 * The emulator's cloud storage: files on disk (store.ts), the `storage.*` actions of the
 * `/admin` protocol (api.ts) and the HTTP side (routes.ts: COS-style uploads, signed
 * download links, the H5 upload). Wire it into `createCloudServer` with `adminActions`
 * and `route`, then set `baseUrl` once the server listens.
 */
/** How long an upload grant from `getUploadMetadata` may be used. */
const UPLOAD_GRANT_SECONDS = 3600;

export interface UploadGrant {
  url: string;
  token: string;
  authorization: string;
  fileId: string;
  cosFileId: string;
  download_url: string;
}

export class LocalStorage {
  readonly store: FileStore;
  readonly signer: Signer;
  /** Where this emulator is reached, e.g. `http://127.0.0.1:9000` (links and upload URLs use it). */
  baseUrl = 'http://127.0.0.1';
  readonly adminActions: AdminActions;
  readonly route: Route;

  constructor(
    dir: string,
    readonly envId: string,
    auth: DevAuth,
  ) {
    this.store = new FileStore(dir).open();
    this.signer = new Signer(dir);
    this.adminActions = createStorageApi(this);
    this.route = createStorageRoute(this, auth);
  }

  /** A link anyone can GET until `maxAge` seconds from now. `encoded`: percent-encoded path (COS_URL). */
  tempUrl(cloudPath: string, maxAge = DEFAULT_MAX_AGE, encoded = false): string {
    const expires = now() + maxAge;
    const sign = this.signer.sign('download', cloudPath, expires);
    return `${this.baseUrl}/storage/download/${encoded ? encodePath(cloudPath) : cloudPath}?expires=${expires}&sign=${sign}`;
  }

  /** What `storage.getUploadMetadata` answers: where and with which credentials to upload. */
  uploadGrant(cloudPath: string, fileId: string, method: 'put' | 'post'): UploadGrant {
    const start = now();
    const end = start + UPLOAD_GRANT_SECONDS;
    const token = crypto.randomBytes(16).toString('hex');
    const signature = this.signer.sign('upload', cloudPath, end, token);
    return {
      url: method === 'put' ? `${this.baseUrl}/storage/upload/${encodePath(cloudPath)}` : `${this.baseUrl}/storage/upload`,
      token,
      authorization: `q-sign-algorithm=sha256&q-ak=local&q-sign-time=${start};${end}&q-key-time=${start};${end}&q-header-list=&q-url-param-list=&q-signature=${signature}`,
      fileId,
      cosFileId: crypto.randomBytes(12).toString('hex'),
      download_url: this.tempUrl(cloudPath),
    };
  }

  /** Null when the grant allows uploading to `cloudPath`, else a COS error code and message. */
  checkUploadGrant(
    cloudPath: string,
    authorization: string | undefined,
    token: string | undefined,
  ): { code: string; message: string } | null {
    const fields = new URLSearchParams(authorization ?? '');
    const end = Number(fields.get('q-sign-time')?.split(';')[1]);
    const signature = fields.get('q-signature');
    if (!authorization || !token || !signature || !Number.isFinite(end)) {
      return { code: 'AccessDenied', message: 'Access Denied. The request carries no valid authorization.' };
    }
    if (!this.signer.verify(signature, 'upload', cloudPath, end, token)) {
      return { code: 'SignatureDoesNotMatch', message: 'The Signature you specified does not match what we calculated.' };
    }
    if (end < now()) return { code: 'AccessDenied', message: 'Request has expired' };
    return null;
  }

  /** Whether a download link is genuine and still valid. */
  checkDownload(cloudPath: string, expires: string | null, sign: string | null): { code: string; message: string } | null {
    if (!expires || !sign || !/^\d+$/.test(expires)) return { code: 'AccessDenied', message: 'Access Denied. The link is not signed.' };
    if (!this.signer.verify(sign, 'download', cloudPath, Number(expires))) {
      return { code: 'SignatureDoesNotMatch', message: 'The Signature you specified does not match what we calculated.' };
    }
    if (Number(expires) < now()) return { code: 'AccessDenied', message: 'Request has expired' };
    return null;
  }
}

const now = () => Math.floor(Date.now() / 1000);
