/** Every page address in one place. */
export type ComingTopic = 'certification' | 'events' | 'policy';

export const routes = {
  home: () => '/pages/index/index',
  notices: () => '/pages/notices/index',
  noticeDetail: (id: string) => `/pages/notices/detail?id=${encodeURIComponent(id)}`,
  coming: (topic: ComingTopic) => `/pages/coming/index?topic=${topic}`,
  staffNotices: () => '/pages/staff/notices/index',
};
