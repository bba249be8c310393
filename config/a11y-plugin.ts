import type { IPluginContext } from '@tarojs/service';

/**
 * Taro's weapp templates drop `ariaRole` / `ariaLabel`, but WeChat's screen reader
 * reads `aria-role` / `aria-label` on every component. Add the two attributes to the
 * templates of the components this app makes interactive.
 */
const aria = { 'aria-role': "''", 'aria-label': "''" };
const components = ['View', 'Text', 'Button', 'Input', 'Textarea', 'Switch', 'Navigator'];

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
