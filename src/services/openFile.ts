/**
 * Opens a file the server made (an export, an error report) from its temporary link. In the
 * browser the link itself is the download; in WeChat the file is downloaded to the phone and
 * opened in WeChat's viewer (Excel, with its menu to forward or save), or — for a type the
 * viewer cannot show, such as CSV — offered to send to a chat (e.g. 文件传输助手) and open on a
 * computer. Taro picks openFile.h5.ts or openFile.weapp.ts. Call it from a tap: browsers and
 * WeChat both allow opening or sharing only then.
 *
 * Rejects with an Error whose message is plain Chinese, to show on the page.
 */
export interface OpenableFile {
  url: string;
  /** The name with its extension (.xlsx, .csv): it decides how the file is opened. */
  fileName: string;
}

export type OpenFile = (file: OpenableFile) => Promise<void>;

export const openFile: OpenFile = () => Promise.reject(new Error(`没法在这里打开文件（${process.env.TARO_ENV}）`));
