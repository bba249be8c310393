export default defineAppConfig({
  pages: ['pages/index/index', 'pages/notices/index', 'pages/notices/detail', 'pages/coming/index'],
  // Staff pages load only when a staff member opens them, keeping the main package small.
  subPackages: [{ root: 'pages/staff', pages: ['notices/index'] }],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '温馨退服',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f3ee',
  },
});
