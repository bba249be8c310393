import type { OpenFile } from './openFile';

/** The browser downloads (or shows) the file from its link, in a new tab so this page stays. */
export const openFile: OpenFile = async ({ url }) => {
  if (!url) throw new Error('文件的下载链接不见了，请重新生成一次');
  window.open(url, '_blank', 'noopener');
};
