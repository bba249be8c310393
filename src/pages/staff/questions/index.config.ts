export default definePageConfig({ navigationBarTitleText: '群众提问' });
