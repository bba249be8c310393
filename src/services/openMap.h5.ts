import type { OpenMap } from './openMap';

/** 高德地图's marker page (no key needed), in a new tab so this page stays. */
export const openMap: OpenMap = async ({ name, latitude, longitude }) => {
  const query = [
    `position=${longitude},${latitude}`,
    `name=${encodeURIComponent(name)}`,
    'coordinate=gaode',
    'callnative=1',
    'src=wenxin-tuifu',
  ];
  window.open(`https://uri.amap.com/marker?${query.join('&')}`, '_blank', 'noopener');
};
