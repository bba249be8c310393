// A share card for the answer (useShareAppMessage needs the page to allow sharing).
export default definePageConfig({ navigationBarTitleText: '政策问答', enableShareAppMessage: true });
