import { cloudbaseApp } from './cloudbase.h5';
import { CloudCallError, unavailable } from './cloudError';
import type { ConsoleAuth } from './consoleAuth';

/** Production H5: CloudBase's username/password accounts through `@cloudbase/js-sdk`. */
export const consoleAuth: ConsoleAuth = {
  available: CLOUD_MODE === 'production',
  async signIn(username, password) {
    if (CLOUD_MODE !== 'production') return;
    let res: Awaited<ReturnType<ReturnType<Awaited<ReturnType<typeof cloudbaseApp>>['auth']>['signInWithPassword']>>;
    try {
      res = await (await cloudbaseApp()).auth().signInWithPassword({ username, password });
    } catch {
      throw unavailable();
    }
    if (res.error) throw new CloudCallError('UNAUTHENTICATED', '用户名或密码不对，请再试一次；忘记密码请联系管理员');
  },
  async signOut() {
    if (CLOUD_MODE !== 'production') return;
    await (await cloudbaseApp()).auth().signOut();
  },
  async signedIn() {
    if (CLOUD_MODE !== 'production') return true;
    return (await (await cloudbaseApp()).auth().getCurrentUser()) !== null;
  },
};
