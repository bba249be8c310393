export default definePageConfig({ navigationBarTitleText: '资格认证' });
