export default definePageConfig({ navigationBarTitleText: '温馨退服' });
