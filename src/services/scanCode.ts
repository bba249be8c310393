/**
 * Scanning a QR code with the phone's camera (a retiree's check-in code at an event). In
 * WeChat it is `wx.scanCode`; the browser console on a PC has no camera to scan with, so
 * there `available` is false and the page offers typing the 6-digit number instead. Taro
 * picks scanCode.weapp.ts or scanCode.h5.ts.
 */
export type ScanOutcome =
  /** What the code holds, as text. */
  | { ok: true; text: string }
  /** cancelled: the person closed the camera; unavailable/failed: `message` says what to do instead. */
  | { ok: false; reason: 'cancelled' | 'unavailable' | 'failed'; message: string };

export interface ScanService {
  /** Whether this device can scan at all (the page shows the scan button only then). */
  available: boolean;
  /** Call from a tap. Never rejects. */
  scan(): Promise<ScanOutcome>;
}

export const scanCode: ScanService = {
  available: false,
  scan: () => Promise.resolve({ ok: false, reason: 'unavailable', message: '这里不能用摄像头扫码，请输入二维码下面的6位数字' }),
};
