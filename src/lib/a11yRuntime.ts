import { mergeInternalComponents } from '@tarojs/shared';
import { A11Y_ATTRIBUTES, A11Y_COMPONENTS } from './a11yAttributes';

/**
 * WeChat only: tell Taro's runtime about the attributes config/a11y-plugin.ts added to the
 * templates. Taro numbers a component's attributes in alphabetical order; with aria-* in the
 * templates but not in the runtime, every attribute after them was read from the wrong slot
 * (a Button's open-type became its `loading`, a View's hover-class its aria-label).
 * Must run before the first page renders: the runtime computes the numbering once.
 */
if (process.env.TARO_ENV === 'weapp') {
  mergeInternalComponents(Object.fromEntries(A11Y_COMPONENTS.map((name) => [name, { ...A11Y_ATTRIBUTES }])));
}
