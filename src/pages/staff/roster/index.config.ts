export default definePageConfig({ navigationBarTitleText: '退休人员名册' });
