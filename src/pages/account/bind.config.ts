export default definePageConfig({ navigationBarTitleText: '绑定退休信息' });
