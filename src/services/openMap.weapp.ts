import Taro from '@tarojs/taro';
// Types only: in this build './openMap' is this very file (Taro resolves the platform's own first).
import type { OpenMap } from './openMap';

/** WeChat's own map page, with the place's name and address and its 导航 button. */
export const openMap: OpenMap = async ({ name, address, latitude, longitude }) => {
  try {
    await Taro.openLocation({ latitude, longitude, name, address, scale: 16 });
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) return;
    throw new Error('地图没能打开，请按上面的地址前往，或打电话问中心');
  }
};
