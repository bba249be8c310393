import Taro from '@tarojs/taro';
// Types only: in this build './scanCode' is this very file (Taro resolves the platform's own first).
import type { ScanService } from './scanCode';

/** WeChat: the camera only (a picture from the album could be an old screenshot of a code). */
export const scanCode: ScanService = {
  available: true,
  scan: async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      return { ok: true, text: res.result ?? '' };
    } catch (e) {
      if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) {
        return { ok: false, reason: 'cancelled', message: '' };
      }
      return { ok: false, reason: 'failed', message: '没能打开扫码，请再点一次，或输入二维码下面的6位数字' };
    }
  },
};
