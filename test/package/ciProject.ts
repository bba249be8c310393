import * as ci from 'miniprogram-ci';

/**
 * A miniprogram-ci project that works offline: the key is a placeholder and the account's
 * limits are given here instead of fetched from WeChat (`attr`), the checked way.
 */
export function openProject(projectPath: string) {
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath,
    privateKey: 'x',
    ignores: ['node_modules/**/*'],
  });
  (project as any).attr = async () => ({
    platform: true,
    appType: 0,
    isSandbox: false,
    released: false,
    setting: {
      MaxCodeSize: 2,
      MaxSubpackageSubCodeSize: 2,
      MaxSubpackageFullCodeSize: 20,
      NavigateMiniprogramLimit: 10,
      MaxSubPackageLimit: 100,
      MinTabbarCount: 2,
      MaxTabbarCount: 5,
      MaxTabbarIconSize: 40,
    },
  });
  return project;
}
