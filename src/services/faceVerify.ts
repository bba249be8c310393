/**
 * The phone's part of face verification. In WeChat: `wx.requestFacialVerify` with the
 * verifyId the server got (人脸核身 2.0); the result itself is fetched by the server. In the
 * browser: the provider's own page (慧眼), which sends the person back to `returnUrl` with
 * `attemptId` in it. Taro picks faceVerify.weapp.ts or faceVerify.h5.ts.
 */
export type FaceStepOutcome = 'done' | 'cancelled' | 'failed';

export interface FaceVerifyService {
  channel: 'weapp' | 'h5';
  /** Where the provider should send the person back (h5); undefined in WeChat. */
  returnUrl(): string | undefined;
  /** weapp: runs the WeChat face step. */
  runWechat(verifyId: string): Promise<FaceStepOutcome>;
  /** h5: leaves for the provider's page. */
  goToProvider(url: string): void;
}

export const faceVerify: FaceVerifyService = {
  channel: 'h5',
  returnUrl: () => undefined,
  runWechat: () => Promise.reject(new Error(`no face verification for ${process.env.TARO_ENV}`)),
  goToProvider: () => {
    throw new Error(`no face verification for ${process.env.TARO_ENV}`);
  },
};
