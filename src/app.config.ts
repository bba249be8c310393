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
      ],
    },
  ],
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
