export default definePageConfig({ navigationBarTitleText: '认证统计' });
