import type { UserConfigExport } from '@tarojs/cli';

/**
 * `taro build --type h5 --watch` serves the app; calls to /__cloud go to the local
 * emulator (`npm run emulator`), whose routes are /h5/functions/<name> and /dev/*.
 */
const localCloudUrl = process.env.LOCAL_CLOUD_URL || 'http://127.0.0.1:9100';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      proxy: [
        {
          context: ['/__cloud'],
          target: localCloudUrl,
          changeOrigin: true,
          pathRewrite: { '^/__cloud/functions/': '/h5/functions/', '^/__cloud/': '/' },
        },
      ],
    },
  },
} satisfies UserConfigExport<'webpack5'>;
