/**
 * How much larger than standard the person has set their text: 1 at the standard size,
 * more when they chose larger letters. WeChat: 设置 → 通用 → 字体大小
 * (`getAppBaseInfo().fontSizeScaleFactor`); a browser: its default font size (Chrome's
 * 设置 → 外观 → 字号) against the usual 16 px. Taro picks systemFontScale.weapp.ts or
 * systemFontScale.h5.ts; this one is for platforms we do not build.
 */
export type SystemFontScale = () => number;

export const systemFontScale: SystemFontScale = () => 1;
