import Taro from '@tarojs/taro';
import type { Transport } from './transport';

let initialised = false;

/** WeChat: the platform's own cloud call, with the caller's identity added by WeChat. */
export const send: Transport = async (name, data) => {
  if (!initialised) {
    Taro.cloud.init({ env: CLOUDBASE_ENV_ID });
    initialised = true;
  }
  const res = await Taro.cloud.callFunction({ name, data });
  return res.result;
};
