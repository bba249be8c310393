import type { FaceStepOutcome, FaceVerifyService } from './faceVerify';

declare const wx: {
  requestFacialVerify?: (opts: {
    verifyId: string;
    success: (res: { errCode?: number }) => void;
    fail: (err: { errCode?: number; errMsg?: string }) => void;
  }) => void;
};

/** wx.requestFacialVerify's "the person stopped" answers (人脸核身 2.0: 90100 user cancelled, 90101 exit). */
const CANCELLED = new Set([90100, 90101]);

export const faceVerify: FaceVerifyService = {
  channel: 'weapp',
  returnUrl: () => undefined,
  runWechat: (verifyId) =>
    new Promise<FaceStepOutcome>((resolve) => {
      if (typeof wx === 'undefined' || !wx.requestFacialVerify) return resolve('failed');
      wx.requestFacialVerify({
        verifyId,
        success: () => resolve('done'),
        fail: (err) => resolve(CANCELLED.has(Number(err?.errCode)) || /cancel/i.test(err?.errMsg ?? '') ? 'cancelled' : 'failed'),
      });
    }),
  goToProvider: () => {
    throw new Error('not in WeChat');
  },
};
