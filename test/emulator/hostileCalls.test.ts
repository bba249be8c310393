import fs from 'node:fs';
import path from 'node:path';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * What reaches the functions' door that is not a proper call: a body over CloudBase's ~100 KB
 * limit, a body that is not JSON, data that is not an object. Each gets an answer (413 with a
 * sentence in Chinese, 400, or the function's own INVALID_INPUT), nothing is written, and the
 * emulator goes on serving.
 */
let cloud: LocalCloud;
let token: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  token = await cloud.tokenFor('staff');
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

const dbBytes = () =>
  fs.readdirSync(path.join(cloud.dataDir, 'db')).reduce((sum, f) => sum + fs.statSync(path.join(cloud.dataDir, 'db', f)).size, 0);

const post = (body: string) =>
  fetch(`${cloud.url}/h5/functions/content`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-token': token },
    body,
  });

test('a 2 MB notice is refused at the door with a sentence, and nothing is written', async () => {
  const before = dbBytes();
  const res = await post(
    JSON.stringify({ data: { action: 'notice.save', requestId: 'big-1', title: '太长的通知', body: '字'.repeat(700_000) } }),
  );
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大了，请分开提交' });
  expect(dbBytes()).toBe(before);
});

test('a body that is not JSON, or data that is not an object, is refused and writes nothing; the door stays open', async () => {
  const before = dbBytes();
  const broken = await post('{"data": {"action": "notice.save", "title": ');
  expect(broken.status).toBe(400);
  expect(await broken.json()).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  for (const data of ['"notice.list"', '[1,2,3]', 'null', '42']) {
    const res = await post(`{"data": ${data}}`);
    const body = (await res.json()) as any;
    expect({ data, status: res.status, ok: body.result?.ok }).toEqual({ data, status: 200, ok: false });
    expect(body.result.error.message).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(dbBytes()).toBe(before);
  const fine = (await (await post(JSON.stringify({ data: { action: 'notice.list' } }))).json()) as any;
  expect(fine.result.ok).toBe(true);
});
