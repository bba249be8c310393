import Taro from '@tarojs/taro';
import type { PickFile } from './pickFile';

/** WeChat: a file sent in a chat (the way staff move spreadsheets to a phone). */
export const pickFile: PickFile = async (extensions) => {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions.map((e) => e.replace(/^\./, '')) });
    const file = res.tempFiles[0];
    return file ? { name: file.name, size: file.size, source: file.path } : null;
  } catch {
    return null; // cancelled
  }
};
