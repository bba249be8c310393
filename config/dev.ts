import type { UserConfigExport } from '@tarojs/cli';

/**
 * `taro build --type h5 --watch` serves the app; /__cloud/* goes to the local emulator
 * (`npm run emulator`) without the prefix: /__cloud/h5/functions/<name>, /__cloud/dev/signin.
 * (emulator/appServer.ts does the same for the built app.)
 */
const localCloudUrl = process.env.LOCAL_CLOUD_URL || `http://127.0.0.1:${process.env.EMULATOR_PORT || 9000}`;

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      open: false,
      proxy: [
        {
          context: ['/__cloud'],
          target: localCloudUrl,
          changeOrigin: true,
          pathRewrite: { '^/__cloud': '' },
        },
      ],
    },
  },
} satisfies UserConfigExport<'webpack5'>;
