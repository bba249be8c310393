export default definePageConfig({ navigationBarTitleText: '开通工作人员账号' });
