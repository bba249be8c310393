import Taro from '@tarojs/taro';
import { extensionOf } from '@/lib/fileNames';
// Types only: in this build './openFile' is this very file (Taro resolves the platform's own first).
import type { OpenFile } from './openFile';

/** What wx.openDocument can show (its fileType values). */
const VIEWABLE = new Set(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf']);

/**
 * WeChat: download to a temporary file, then open it in WeChat's viewer (its menu forwards or
 * saves it); a CSV, which the viewer cannot show, goes to a chat instead (wx.shareFileMessage).
 */
export const openFile: OpenFile = async ({ url, fileName }) => {
  let filePath: string;
  try {
    const res = await Taro.downloadFile({ url });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    filePath = res.tempFilePath;
  } catch {
    throw new Error('文件没能下载下来，可能是网络不好，或者链接已过期（一小时内有效）。请再点一次，或重新生成。');
  }
  const ext = extensionOf(fileName) || extensionOf(url);
  if (VIEWABLE.has(ext)) {
    try {
      await Taro.openDocument({ filePath, fileType: ext as 'xlsx', showMenu: true });
      return;
    } catch {
      throw new Error('文件已下载，但没能打开。请再点一次；还不行的话，在电脑上打开工作台下载。');
    }
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName });
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) return; // they closed the chat list: nothing wrong
    throw new Error('微信里打不开这种文件。可以发到"文件传输助手"后在电脑上打开，或改选 Excel 格式。');
  }
};
