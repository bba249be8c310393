// Types only: in this build './scanCode' is this very file (Taro resolves the platform's own first).
import type { ScanService } from './scanCode';

/** The browser console on a PC: no camera scanning; staff type the 6 digits under the QR code. */
export const scanCode: ScanService = {
  available: false,
  scan: () => Promise.resolve({ ok: false, reason: 'unavailable', message: '这里不能用摄像头扫码，请输入二维码下面的6位数字' }),
};
