export default definePageConfig({ navigationBarTitleText: '服务准备中' });
