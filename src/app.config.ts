/**
 * Read-aloud in WeChat uses the 同声传译 plugin (WechatSI). It is declared only when a weapp build
 * asks for it — WECHAT_TTS_PLUGIN=on, or the plugin version shown in the MP console — because
 * WeChat refuses to compile a project declaring a plugin its AppID has not added (the shipped
 * touristappid can add none). Without it the pages say read-aloud is not switched on and show no
 * button. See docs/DESIGN.md.
 */
const ttsPlugin = process.env.TARO_ENV === 'weapp' ? (process.env.WECHAT_TTS_PLUGIN ?? '') : '';
const ttsPluginVersion = /^\d+\.\d+\.\d+$/.test(ttsPlugin) ? ttsPlugin : ['on', '1', 'true'].includes(ttsPlugin) ? '0.3.5' : '';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/notices/index',
    'pages/notices/detail',
    'pages/coming/index',
    'pages/privacy/index',
    'pages/account/bind',
    'pages/account/mine',
    'pages/family/index',
    'pages/certify/index',
    'pages/events/index',
    'pages/events/detail',
    'pages/events/mine',
    'pages/events/checkin',
    'pages/policy/index',
    'pages/policy/detail',
    'pages/policy/ask',
  ],
  // Staff pages load only when a staff member opens them, keeping the main package small.
  subPackages: [
    {
      root: 'pages/staff',
      pages: [
        'notices/index',
        'family/index',
        'roster/index',
        'team/index',
        'claim/index',
        'import/index',
        'comparison/index',
        'signin/index',
        'audit/index',
        'certify/index',
        'certification/index',
        'events/index',
        'events/checkin',
        'events/stats',
        'policy/index',
        'policy/answer',
        'questions/index',
      ],
    },
  ],
  ...(ttsPluginVersion ? { plugins: { WechatSI: { version: ttsPluginVersion, provider: 'wx069ba97219f66d99' } } } : {}),
  // WeChat's privacy check (2023): privacy APIs wait until the person agrees on our privacy page.
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '温馨退服',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f3ee',
  },
});
