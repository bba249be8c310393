import Taro from '@tarojs/taro';
import type { SystemFontScale } from './systemFontScale';

/** WeChat's own 字体大小 setting (base library 2.20.1+); 1 where it cannot be read. */
export const systemFontScale: SystemFontScale = () => {
  try {
    // Not in Taro's typings yet; WeChat documents it on getAppBaseInfo's result.
    const info = Taro.getAppBaseInfo?.() as { fontSizeScaleFactor?: number } | undefined;
    const factor = Number(info?.fontSizeScaleFactor);
    return Number.isFinite(factor) && factor > 0 ? factor : 1;
  } catch {
    return 1;
  }
};
