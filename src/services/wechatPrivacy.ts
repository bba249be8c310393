/**
 * WeChat's privacy gate (2023): when the app calls a privacy API (choosing a file, the
 * clipboard…) before the person has agreed, WeChat asks us through
 * `onNeedPrivacyAuthorization`. We open our privacy guide; its 同意并继续 button
 * (open-type="agreePrivacyAuthorization") then lets the waiting call go on.
 * Taro picks wechatPrivacy.weapp.ts; elsewhere there is nothing to listen to.
 */
export function listenForPrivacyRequests(_openGuide: () => void): void {}

/** The person agreed on our guide: let WeChat's waiting privacy call go on. */
export function privacyAgreed(_buttonId: string): void {}
