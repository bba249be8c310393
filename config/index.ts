import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const platform = process.env.TARO_ENV || 'weapp';

/** 'local' talks to the emulator (dev, tests); 'production' to CloudBase. */
const cloudMode = process.env.CLOUD_MODE === 'production' ? 'production' : 'local';
const cloudEnvId = process.env.CLOUDBASE_ENV_ID || 'local-dev';

/**
 * Compiled by babel besides src/: contract/ (shared with the cloud functions, outside src/)
 * and the packages that ship modern syntax (class private fields, `??`) which older
 * phones' WebViews and WeChat's iOS engine before iOS 14.5 cannot parse.
 */
const compileInclude = [path.join(root, 'contract'), (file: string) => /node_modules[\\/](@tanstack|zod)[\\/]/.test(file)];

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wenxin-tuifu',
    date: '2025-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per platform: the repo root's project.config.json points WeChat at dist/weapp.
    // TARO_OUTPUT_ROOT puts a build elsewhere (the production-build test, beside the local build).
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${platform}`,
    plugins: [path.join(__dirname, 'a11y-plugin.ts')],
    defineConstants: {
      CLOUD_MODE: JSON.stringify(cloudMode),
      CLOUDBASE_ENV_ID: JSON.stringify(cloudEnvId),
      // The local H5 demo (the emulator's demo sign-in, the demo file's hint): the local H5 build only. A literal, so other builds drop its code and words.
      LOCAL_DEMO: JSON.stringify(platform === 'h5' && cloudMode === 'local'),
    },
    alias: {
      '@': path.join(root, 'src'),
      '@contract': path.join(root, 'contract'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: compileInclude },
      // Every stylesheet's rules are scoped by its own class names, so the order shared
      // components' sheets land in the common chunk does not matter (as for H5 below).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: compileInclude },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
