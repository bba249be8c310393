/**
 * Uploads one file to cloud storage and resolves its file ID (`cloud://…`), which is what
 * gets saved and handed to functions (they read it with the node SDK's `downloadFile`).
 * Rejects with CloudCallError and a Chinese message a person can read.
 *
 * `cloudPath`: where it goes, e.g. `imports/2026/名单.xlsx` — no leading `/`, no spaces.
 * `file`: in WeChat, a temporary file path (`Taro.chooseMessageFile` → `tempFiles[i].path`);
 * in the browser, the `File` from an `<input type="file">`.
 *
 * Taro picks storage.weapp.ts or storage.h5.ts by file suffix; this file only gives the
 * type to the type checker and to platforms we do not build.
 */
export type UploadSource = string | File;

export type UploadFile = (cloudPath: string, file: UploadSource) => Promise<string>;

export const uploadFile: UploadFile = () => Promise.reject(new Error(`no cloud storage for ${process.env.TARO_ENV}`));
