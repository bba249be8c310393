import type { UploadSource } from './storage';

/**
 * Lets the person choose one file (a spreadsheet to import). Resolves null if they
 * changed their mind. In WeChat it comes from a chat (`chooseMessageFile`); in the
 * browser from the computer's file dialog. Taro picks pickFile.weapp.ts or pickFile.h5.ts.
 */
export interface PickedFile {
  name: string;
  size: number;
  source: UploadSource;
}

export type PickFile = (extensions: readonly string[]) => Promise<PickedFile | null>;

export const pickFile: PickFile = () => Promise.reject(new Error(`no file picker for ${process.env.TARO_ENV}`));
