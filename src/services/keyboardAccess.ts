/**
 * The keyboard in the browser console: everything the app draws as a control (a View with
 * `ariaRole` button, link, checkbox or radio) can be reached with Tab and used with Enter or the
 * space bar, as a real button can. Taro draws them as custom elements that a browser does not
 * focus by itself. WeChat has no keyboard to serve: nothing to do there. Taro picks
 * keyboardAccess.h5.ts in the browser.
 */
export function enableKeyboardAccess(): void {}
