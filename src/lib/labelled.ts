/**
 * A text box's spoken name, on both platforms: WeChat reads `aria-label` on the Input or Textarea
 * itself; in the browser Taro draws a native <input>/<textarea> inside its own element, and only
 * `nativeProps` reach that inner box, which is what a screen reader (and axe) looks at.
 */
export const labelled = (label: string) => ({ ariaLabel: label, nativeProps: { 'aria-label': label } }) as { ariaLabel: string };
