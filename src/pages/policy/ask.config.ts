export default definePageConfig({ navigationBarTitleText: '问工作人员' });
