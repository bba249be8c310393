/**
 * The screen-reader attributes WeChat reads (`aria-role`, `aria-label`) and the components
 * this app makes interactive. Used twice, and both must agree: config/a11y-plugin.ts adds
 * them to the weapp templates at build time, src/lib/a11yRuntime.ts to the runtime's list,
 * from which Taro numbers each component's attributes (p0, p1, …) when it sends page data.
 */
export const A11Y_ATTRIBUTES = { 'aria-role': "''", 'aria-label': "''" };
export const A11Y_COMPONENTS = ['View', 'Text', 'Button', 'Input', 'Textarea', 'Switch', 'Navigator'];
