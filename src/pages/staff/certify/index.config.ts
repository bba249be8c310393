export default definePageConfig({ navigationBarTitleText: '现场和上门认证' });
