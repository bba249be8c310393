import Taro from '@tarojs/taro';
import { CloudCallError, unavailable } from './cloudError';
import type { UploadFile } from './storage';

let initialised = false;

/** WeChat: the platform's own upload from a temporary file path. */
export const uploadFile: UploadFile = async (cloudPath, file) => {
  if (typeof file !== 'string') throw new CloudCallError('INVALID_INPUT', '请先选择要上传的文件');
  if (!initialised) {
    Taro.cloud.init({ env: CLOUDBASE_ENV_ID });
    initialised = true;
  }
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file });
    return res.fileID;
  } catch {
    throw unavailable();
  }
};
