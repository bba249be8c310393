/**
 * Shows where an event takes place on a map. WeChat opens its own map page
 * (`wx.openLocation`, with 导航 to the phone's map apps); the browser opens 高德地图's web
 * marker page in a new tab (its own page offers the map app). Taro picks openMap.weapp.ts or
 * openMap.h5.ts. Coordinates are GCJ-02, what WeChat's location picker gives and both maps
 * expect. Call it from a tap.
 *
 * Rejects with an Error whose message is plain Chinese, to show on the page.
 */
export interface MapPlace {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
}

export type OpenMap = (place: MapPlace) => Promise<void>;

export const openMap: OpenMap = () => Promise.reject(new Error('这里没法打开地图，请按上面的地址前往'));
