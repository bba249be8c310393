import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startAppServer } from '../../emulator/appServer';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { H5_UPLOAD_LIMIT } from '../../emulator/storage/routes';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

const LIMIT_MB = H5_UPLOAD_LIMIT / 2 ** 20;

/**
 * Cloud storage in the emulator, through the real @cloudbase/node-sdk over HTTP the way
 * cloud functions use it, plus the H5 upload route and plain HTTP on the links.
 */
let cloud: LocalCloud;
let app: any;
let work: string;

const sdk = (adminUrl: string, env = 'any-env-id-42'): any =>
  tcb.init({ env, serviceUrl: adminUrl, secretId: 'local', secretKey: 'local' } as any);
const sha = (b: Buffer | Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  cloud = await startLocalCloud({ seed: false });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  app = sdk(cloud.adminUrl);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-storage-test-'));
});

afterAll(async () => {
  await cloud?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('upload and download', () => {
  test('a Buffer under a Chinese name comes back byte for byte', async () => {
    const content = Buffer.concat([Buffer.from('姓名,电话\n张桂英,13800000000\n'), crypto.randomBytes(5000)]);
    const { fileID } = await app.uploadFile({ cloudPath: 'imports/2026/报名表（第一批）.csv', fileContent: content });
    expect(fileID).toBe('cloud://any-env-id-42.any-env-id-42-local-1250000000/imports/2026/报名表（第一批）.csv');
    const { fileContent } = await app.downloadFile({ fileID });
    expect(Buffer.isBuffer(fileContent)).toBe(true);
    expect(sha(fileContent)).toBe(sha(content));
  });

  test('a multi-MB read stream round-trips, also into a tempFilePath', async () => {
    const source = path.join(work, 'big.bin');
    const content = crypto.randomBytes(12 * 1024 * 1024 + 321);
    fs.writeFileSync(source, content);
    const { fileID } = await app.uploadFile({ cloudPath: 'exports/大文件.bin', fileContent: fs.createReadStream(source) });
    const { fileContent } = await app.downloadFile({ fileID });
    expect(fileContent.length).toBe(content.length);
    expect(sha(fileContent)).toBe(sha(content));

    // node-sdk resolves before its write stream has finished; wait for the bytes.
    const target = path.join(work, 'downloaded.bin');
    await app.downloadFile({ fileID, tempFilePath: target });
    for (let i = 0; i < 100 && (!fs.existsSync(target) || fs.statSync(target).size < content.length); i++) await sleep(50);
    expect(sha(fs.readFileSync(target))).toBe(sha(content));
  });

  test('uploading to the same path again replaces the file', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'notes/v.txt', fileContent: Buffer.from('first') });
    await app.uploadFile({ cloudPath: 'notes/v.txt', fileContent: Buffer.from('second version') });
    expect((await app.downloadFile({ fileID })).fileContent.toString()).toBe('second version');
  });

  test('a file ID from another env id names the same file (one local bucket)', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'shared/one.txt', fileContent: Buffer.from('one') });
    const other = sdk(cloud.adminUrl, 'local-dev');
    expect((await other.downloadFile({ fileID })).fileContent.toString()).toBe('one');
  });

  test('a cloud path CloudBase would refuse is refused', async () => {
    for (const cloudPath of [
      '../etc/passwd',
      'a/../b.txt',
      '/abs.txt',
      'a//b.txt',
      'a/./b.txt',
      'dir/',
      'a b.txt',
      'a?b.txt',
      'a#b',
      '%2e.txt',
      '',
    ]) {
      await expect(app.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    }
  });

  test('an upload URL without the grant from getUploadMetadata is refused like COS', async () => {
    const { data } = await app.getUploadMetadata({ cloudPath: 'grant/ok.txt' });
    const put = (headers: Record<string, string>, url = data.url) => fetch(url, { method: 'PUT', headers, body: 'x' });
    const none = await put({});
    expect(none.status).toBe(403);
    expect(await none.text()).toMatch(/<Code>AccessDenied<\/Code>/);
    const forgedAuthorization = data.authorization.replace(
      /q-signature=(\w)/,
      (_m: string, c: string) => `q-signature=${c === 'a' ? 'b' : 'a'}`,
    );
    const forged = await put({ authorization: forgedAuthorization, 'x-cos-security-token': data.token });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/);
    // A grant is for its own path only.
    const elsewhere = await put(
      { authorization: data.authorization, 'x-cos-security-token': data.token },
      data.url.replace('ok.txt', 'other.txt'),
    );
    expect(elsewhere.status).toBe(403);
    await expect(app.downloadFile({ fileID: data.fileId })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });

  test('the COS POST-object form works with a grant', async () => {
    const res = await fetch(cloud.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'forms/表单.json', method: 'post', envName: 'local-dev' }),
    });
    const { data } = (await res.json()) as any;
    const form = new FormData();
    form.set('key', 'forms/表单.json');
    form.set('signature', data.authorization);
    form.set('x-cos-security-token', data.token);
    form.set('x-cos-meta-fileid', data.cosFileId);
    form.set('file', new Blob(['{"a":1}']), '表单.json');
    const up = await fetch(data.url, { method: 'POST', body: form });
    expect(up.status).toBe(204);
    expect((await app.downloadFile({ fileID: data.fileId })).fileContent.toString()).toBe('{"a":1}');
  });

  test('copyFile copies, and with removeOriginal moves', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'copy/src/表.txt', fileContent: Buffer.from('copied') });
    const copied = await app.copyFile({ fileList: [{ srcPath: 'copy/src/表.txt', dstPath: 'copy/dst/表.txt' }] });
    expect(copied.fileList).toEqual([{ fileId: 'cloud://any-env-id-42.any-env-id-42-local-1250000000/copy/dst/表.txt', code: 'SUCCESS' }]);
    const again = await app.copyFile({ fileList: [{ srcPath: 'copy/src/表.txt', dstPath: 'copy/dst/表.txt' }] });
    expect(again.fileList[0].code).toBe('STORAGE_FILE_PATH_CONFLICT');
    await app.copyFile({ fileList: [{ srcPath: 'copy/src/表.txt', dstPath: 'copy/moved/表.txt', removeOriginal: true }] });
    expect((await app.downloadFile({ fileID: fileID.replace('/src/', '/moved/') })).fileContent.toString()).toBe('copied');
    expect((await app.downloadFile({ fileID: fileID.replace('/src/', '/dst/') })).fileContent.toString()).toBe('copied');
    await expect(app.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
    const missing = await app.copyFile({ fileList: [{ srcPath: 'copy/none/表.txt', dstPath: 'copy/x/表.txt' }] });
    expect(missing.fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
  });
});

describe('temporary links', () => {
  const kinds: Array<[string, string]> = [
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['csv', 'text/csv'],
    ['json', 'application/json'],
    ['png', 'image/png'],
    ['jpg', 'image/jpeg'],
    ['txt', 'text/plain'],
  ];

  test.each(kinds)('a .%s link serves the bytes as %s to plain fetch', async (ext, type) => {
    const content = crypto.randomBytes(2048);
    const cloudPath = `links/名单.${ext}`;
    const { fileID } = await app.uploadFile({ cloudPath, fileContent: content });
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ fileID, code: 'SUCCESS' });
    expect(fileList[0].tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/download\/links\/名单\.\w+\?expires=\d+&sign=\w+$/);
    const res = await fetch(fileList[0].tempFileURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="__.${ext}"; filename*=UTF-8''%E5%90%8D%E5%8D%95.${ext}`);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(content));
  });

  test('getFileInfo (a HEAD on the link) gives size and type', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'links/info.png', fileContent: Buffer.alloc(777, 1) });
    const { fileList } = await app.getFileInfo({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ code: 'SUCCESS', size: 777, mime: 'image/png', fileName: 'info.png' });
  });

  test('a tampered link is refused with 403', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'links/secret.txt', fileContent: Buffer.from('secret') });
    await app.uploadFile({ cloudPath: 'links/other.txt', fileContent: Buffer.from('other') });
    const url = new URL((await app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL);
    const sign = url.searchParams.get('sign')!;
    const variants = [
      () => url.searchParams.set('sign', (sign[0] === 'a' ? 'b' : 'a') + sign.slice(1)),
      () => url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600)),
      () => {
        url.pathname = url.pathname.replace('secret', 'other');
      },
      () => url.searchParams.delete('sign'),
    ];
    for (const tamper of variants) {
      const original = url.toString();
      tamper();
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/xml');
      expect(await res.text()).toMatch(/<Error>[\s\S]*<Code>(AccessDenied|SignatureDoesNotMatch)<\/Code>/);
      url.href = original;
    }
    expect((await fetch(url)).status).toBe(200);
  });

  test('an expired link is refused with 403', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'links/brief.txt', fileContent: Buffer.from('brief') });
    const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] });
    expect((await fetch(fileList[0].tempFileURL)).status).toBe(200);
    await sleep(2100);
    const res = await fetch(fileList[0].tempFileURL);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<Code>AccessDenied<\/Code>\s*<Message>Request has expired<\/Message>/);
  });

  test('the default lifetime is one day', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'links/day.txt', fileContent: Buffer.from('day') });
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
    const expires = Number(new URL(fileList[0].tempFileURL).searchParams.get('expires'));
    expect(Math.abs(expires - (Math.floor(Date.now() / 1000) + 86400))).toBeLessThanOrEqual(5);
  });
});

describe('delete and missing files', () => {
  test('deleteFile, then download fails with STORAGE_FILE_NONEXIST', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'trash/旧.txt', fileContent: Buffer.from('old') });
    const { fileList: before } = await app.getTempFileURL({ fileList: [fileID] });
    const { fileList } = await app.deleteFile({ fileList: [fileID] });
    expect(fileList).toEqual([{ fileID, code: 'SUCCESS' }]);
    await expect(app.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
    // A link made before the delete now finds nothing.
    const res = await fetch(before[0].tempFileURL);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/<Code>NoSuchKey<\/Code>/);
  });

  test('per-file codes for missing files in batches', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'trash/here.txt', fileContent: Buffer.from('here') });
    const gone = 'cloud://any-env-id-42.any-env-id-42-local-1250000000/trash/never.txt';
    const urls = await app.getTempFileURL({ fileList: [fileID, gone] });
    expect(urls.fileList.map((f: any) => f.code)).toEqual(['SUCCESS', 'STORAGE_FILE_NONEXIST']);
    expect(urls.fileList[1]).toMatchObject({ fileID: gone, tempFileURL: '' });
    const deleted = await app.deleteFile({ fileList: [gone, fileID, 'not-a-file-id'] });
    expect(deleted.fileList.map((f: any) => [f.fileID, f.code])).toEqual([
      [gone, 'STORAGE_FILE_NONEXIST'],
      [fileID, 'SUCCESS'],
      ['not-a-file-id', 'INVALID_PARAM'],
    ]);
  });
});

describe('H5 upload route', () => {
  let token: string;
  const upload = (cloudPath: string, body: BodyInit, headers: Record<string, string> = {}, extra: RequestInit = {}) =>
    fetch(`${cloud.url}/h5/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers, body, ...extra });

  beforeAll(async () => {
    await fetch(`${cloud.url}/dev/accounts`, {
      method: 'PUT',
      body: JSON.stringify([{ id: 'staff-1', label: '工作人员', role: 'staff', name: '测试员', openid: 'o-staff-1' }]),
    });
    token = await cloud.tokenFor('staff-1');
  });

  test('refuses without a valid token', async () => {
    for (const headers of [{}, { 'x-dev-token': 'made-up' }] as Array<Record<string, string>>) {
      const res = await upload('h5/a.txt', 'x', headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ message: '请先登录后再上传' });
    }
    await expect(app.downloadFile({ fileID: 'cloud://local-dev.local-dev-local-1250000000/h5/a.txt' })).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
    });
  });

  test('stores the body and answers the file ID', async () => {
    const content = crypto.randomBytes(300_000);
    const res = await upload('h5/导入/名单.xlsx', content, { 'x-dev-token': token });
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toBe('cloud://local-dev.local-dev-local-1250000000/h5/导入/名单.xlsx');
    expect(sha((await app.downloadFile({ fileID })).fileContent)).toBe(sha(content));
  });

  test('works through the app server at /__cloud, as the H5 build calls it', async () => {
    const appServer = await startAppServer({ root: work, cloudUrl: cloud.url, port: 0 });
    try {
      const content = crypto.randomBytes(2 * 1024 * 1024);
      const res = await fetch(`${appServer.url}__cloud/h5/storage/upload?cloudPath=${encodeURIComponent('h5/经由.png')}`, {
        method: 'POST',
        headers: { 'x-dev-token': token, 'content-type': 'image/png' },
        body: content,
      });
      expect(res.status).toBe(200);
      const { fileID } = (await res.json()) as { fileID: string };
      expect(sha((await app.downloadFile({ fileID })).fileContent)).toBe(sha(content));
    } finally {
      await appServer.close();
    }
  });

  test('refuses a bad cloud path', async () => {
    const res = await upload('../x.txt', 'x', { 'x-dev-token': token });
    expect(res.status).toBe(400);
  });

  test(`refuses over ${LIMIT_MB} MB (the largest roster file), by content-length and by counting a streamed body`, async () => {
    const big = Buffer.alloc(H5_UPLOAD_LIMIT + 1, 7);
    const res = await upload('h5/big.bin', big, { 'x-dev-token': token });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ message: `文件太大了，请不要超过 ${LIMIT_MB} MB` });

    const chunk = Buffer.alloc(1024 * 1024, 3);
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent++ < LIMIT_MB + 1) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await upload('h5/big.bin', stream as any, { 'x-dev-token': token }, { duplex: 'half' } as any);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ message: `文件太大了，请不要超过 ${LIMIT_MB} MB` });
    await expect(app.downloadFile({ fileID: 'cloud://local-dev.local-dev-local-1250000000/h5/big.bin' })).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
    });

    // Exactly at the limit is fine.
    const atLimit = await upload('h5/limit.bin', Buffer.alloc(H5_UPLOAD_LIMIT, 1), { 'x-dev-token': token });
    expect(atLimit.status).toBe(200);
  });
});

describe('durability', () => {
  test('uploads acknowledged before kill -9 are intact after restart; nothing half-written is served', async () => {
    const own = await startLocalCloud({ seed: false });
    try {
      const oapp = sdk(own.adminUrl);
      const { fileID: earlier } = await oapp.uploadFile({ cloudPath: 'crash/before.txt', fileContent: Buffer.from('before') });
      const link = (await oapp.getTempFileURL({ fileList: [earlier] })).fileList[0].tempFileURL;
      const acknowledged = new Map<string, string>(); // cloud path → sha256
      const attempted = new Map<string, string>();
      let killed: Promise<void> | null = null;
      const writers = Array.from({ length: 4 }, async (_v, w) => {
        for (let i = 0; !killed; i++) {
          const cloudPath = `crash/${w}/文件-${i}.bin`;
          const content = crypto.randomBytes(256 * 1024 + ((i * 7919) % (1024 * 1024)));
          attempted.set(cloudPath, sha(content));
          // An upload with no answer within 15 s is not acknowledged either (the kill cut it off;
          // once in CI a cut-off upload neither answered nor failed, and the test ran out of time).
          const answered = await Promise.race([
            oapp.uploadFile({ cloudPath, fileContent: content }).then(
              () => true,
              () => false, // the server died under us: this upload was never acknowledged
            ),
            sleep(15_000).then(() => false),
          ]);
          if (!answered) return;
          if (killed) return;
          acknowledged.set(cloudPath, sha(content));
          if (acknowledged.size >= 40) killed = own.kill9();
        }
      });
      await Promise.all(writers);
      await killed;
      // @cloudbase/node-sdk 3.18 never clears its 3 s "slow request" timer when a request
      // fails; let the timers of the requests the kill cut off fire inside this test.
      await sleep(3200);
      expect(acknowledged.size).toBeGreaterThanOrEqual(40);

      await own.restart();
      const rapp = sdk(own.adminUrl);
      for (const [cloudPath, digest] of acknowledged) {
        const { fileContent } = await rapp.downloadFile({ fileID: `cloud://any-env-id-42.any-env-id-42-local-1250000000/${cloudPath}` });
        expect([cloudPath, sha(fileContent)]).toEqual([cloudPath, digest]);
      }
      // An upload cut off by the kill is either absent or whole, never partial.
      for (const [cloudPath, digest] of attempted) {
        if (acknowledged.has(cloudPath)) continue;
        const fileID = `cloud://any-env-id-42.any-env-id-42-local-1250000000/${cloudPath}`;
        const { fileList } = await rapp.getTempFileURL({ fileList: [fileID] });
        if (fileList[0].code === 'STORAGE_FILE_NONEXIST') continue;
        expect(sha((await rapp.downloadFile({ fileID })).fileContent)).toBe(digest);
      }
      // Recovery swept the work files; every blob on disk belongs to a file.
      const root = path.join(own.dataDir, 'storage');
      expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
      expect(fs.readdirSync(path.join(root, 'blobs')).length).toBe(fs.readdirSync(path.join(root, 'meta')).length);

      // A link made before the crash still works (the signing secret is in the data folder).
      expect(await (await fetch(link)).text()).toBe('before');
    } finally {
      await own.stop();
    }
  }, 120_000);

  test('files and links survive a clean restart', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'kept/留存.txt', fileContent: Buffer.from('kept') });
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
    await cloud.stop({ keepData: true });
    await cloud.restart();
    expect((await app.downloadFile({ fileID })).fileContent.toString()).toBe('kept');
    expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('kept');
  });
});
