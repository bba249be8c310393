import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { faceidConfigFromEnv } from '../../cloudfunctions/_lib/faceid';
import { wechatConfigFromEnv } from '../../cloudfunctions/_lib/wechatConfig';
import { localFunctionEnv, localSandboxEnv } from '../../emulator/localEnv';
import { faceidSandbox } from '../../emulator/sandboxes/faceid';
import { wechatSandbox } from '../../emulator/sandboxes/wechat';

test('the emulator refuses to start when the deployment says production', () => {
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data', '/tmp/never-used'], {
    cwd: root,
    env: { ...process.env, DEPLOY_ENV: 'production' },
    encoding: 'utf8',
    timeout: 20000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('refuses to run with DEPLOY_ENV=production');
  expect(r.stdout).not.toContain('TCB_CONTEXT_CNFG');
});

describe('the WeChat and faceid sandboxes and adapters in production', () => {
  const local = { ...localFunctionEnv(), ...localSandboxEnv('http://127.0.0.1:9000/admin') };
  const real = {
    WECHAT_APPID: 'wx8d3f0a9b1c2e4f56',
    WECHAT_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    FACEID_SECRET_ID: 'AKIDrealLookingSecretId000000000000',
    FACEID_SECRET_KEY: 'realLookingSecretKey000000000000',
    FACEID_RULE_ID: '2',
  };

  test('the sandboxes refuse to be created', () => {
    const before = process.env.DEPLOY_ENV;
    process.env.DEPLOY_ENV = 'production';
    try {
      expect(() => wechatSandbox(path.join('/tmp', 'never-used'))).toThrow('refuses to run with DEPLOY_ENV=production');
      expect(() => faceidSandbox()).toThrow('refuses to run with DEPLOY_ENV=production');
    } finally {
      process.env.DEPLOY_ENV = before;
    }
  });

  test('the adapters refuse the sandbox address and its published credentials', () => {
    const prod = { ...local, DEPLOY_ENV: 'production', WECHAT_MINIPROGRAM_STATE: 'formal' };
    expect(() => wechatConfigFromEnv(prod)).toThrow(/WECHAT_API_BASE/);
    expect(() => faceidConfigFromEnv(prod)).toThrow(/FACEID_API_BASE/);
    // The real hosts, but the sandbox's credentials.
    expect(() => wechatConfigFromEnv({ ...prod, WECHAT_API_BASE: '' })).toThrow('local WeChat sandbox credentials');
    expect(() => faceidConfigFromEnv({ ...prod, FACEID_API_BASE: '' })).toThrow('local faceid sandbox credentials');
    // Real-looking credentials, but a sandbox path, plain http, or a developer build.
    const realProd = { ...prod, ...real, WECHAT_API_BASE: '', FACEID_API_BASE: '' };
    expect(() => wechatConfigFromEnv({ ...realProd, WECHAT_API_BASE: 'https://proxy.example.cn/sandbox/wechat' })).toThrow(/sandbox/);
    expect(() => faceidConfigFromEnv({ ...realProd, FACEID_API_BASE: 'http://faceid.tencentcloudapi.com' })).toThrow(/https/);
    expect(() => wechatConfigFromEnv({ ...realProd, WECHAT_MINIPROGRAM_STATE: 'developer' })).toThrow(/formal/);
    expect(wechatConfigFromEnv(realProd)).toMatchObject({ apiBase: 'https://api.weixin.qq.com', miniprogramState: 'formal' });
    expect(faceidConfigFromEnv(realProd)).toMatchObject({ apiBase: 'https://faceid.tencentcloudapi.com', region: null });
  });
});
