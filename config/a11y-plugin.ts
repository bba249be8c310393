import type { IPluginContext } from '@tarojs/service';
import { A11Y_ATTRIBUTES, A11Y_COMPONENTS } from '../src/lib/a11yAttributes';

/**
 * Taro's weapp templates drop `ariaRole` / `ariaLabel`, but WeChat's screen reader
 * reads `aria-role` / `aria-label` on every component. Add the two attributes to the
 * templates of the components this app makes interactive.
 */
// The same list goes into Taro's runtime (src/lib/a11yRuntime.ts), so both number the attributes alike.
const aria = A11Y_ATTRIBUTES;
const components = A11Y_COMPONENTS;

interface ComponentConfigArgs {
  config: { template?: { mergeComponents(ctx: IPluginContext, patch: Record<string, object>): void } };
}

export default (ctx: IPluginContext) => {
  // `modifyComponentConfig` is registered by the build command but missing from IPluginContext.
  const hooks = ctx as unknown as { modifyComponentConfig(fn: (args: ComponentConfigArgs) => void): void };
  hooks.modifyComponentConfig(({ config }) => {
    config.template?.mergeComponents(ctx, Object.fromEntries(components.map((name) => [name, aria])));
  });
};
