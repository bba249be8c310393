import type { FaceVerifyService } from './faceVerify';

/**
 * Browser: the provider's page, then back to this same page. The attempt to finish is kept
 * in storage by the caller before leaving (the provider adds its own parameters on return).
 */
export const faceVerify: FaceVerifyService = {
  channel: 'h5',
  returnUrl: () => {
    const here = new URL(window.location.href);
    const [route, query = ''] = here.hash.replace(/^#/, '').split('?');
    const params = new URLSearchParams(query);
    params.set('returned', '1');
    here.hash = `${route}?${params.toString()}`;
    return here.toString();
  },
  runWechat: () => Promise.reject(new Error('not in WeChat')),
  goToProvider: (url) => {
    window.location.assign(url);
  },
};
