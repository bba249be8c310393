// One function instance (plain JS so it starts fast). Like an SCF instance it handles one
// invocation at a time, so the caller's identity can live in `process.env` (each worker
// thread has its own copy), where `@cloudbase/node-sdk`'s `auth().getUserInfo()` reads it.
const { parentPort, workerData } = require('node:worker_threads');

const { bundlePath, baseEnv } = workerData;
Object.assign(process.env, baseEnv);
const IDENTITY_KEYS = [
  'WX_OPENID',
  'WX_APPID',
  'WX_UNIONID',
  'WX_CLIENTIP',
  'TCB_UUID',
  'TCB_CUSTOM_USER_ID',
  'TCB_ISANONYMOUS_USER',
  'TCB_SOURCE',
  'TRIGGER_SRC',
];

const mod = require(bundlePath);
const main = mod.main || mod.default?.main;
// Loaded: the invocation's time limit starts from here (SCF times initialisation apart).
parentPort.postMessage({ ready: true });

parentPort.on('message', async (inv) => {
  for (const k of IDENTITY_KEYS) delete process.env[k];
  Object.assign(process.env, inv.env);
  const context = {
    request_id: inv.requestId,
    function_name: baseEnv.SCF_FUNCTIONNAME,
    namespace: baseEnv.SCF_NAMESPACE,
    environment: JSON.stringify(inv.env),
  };
  try {
    if (typeof main !== 'function') throw new Error(`${bundlePath} does not export main`);
    const result = await main(inv.event, context);
    parentPort.postMessage({ id: inv.id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (e) {
    parentPort.postMessage({ id: inv.id, ok: false, message: e?.message || String(e), stack: e?.stack });
  }
});
