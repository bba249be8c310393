import { View } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { signInUrl, signOut } from '@/services/session';
import { useMe } from '../api/get-me';
import { roleName } from '../roles';
import './SignInBar.scss';

/**
 * Local H5 only: who the emulator thinks you are, and a way to switch demo accounts.
 * WeChat and production builds render nothing (the build constants fold this away).
 */
export function SignInBar() {
  if (!LOCAL_DEMO) return null;
  return <DevSignInBar />;
}

function DevSignInBar() {
  const me = useMe();
  const signedIn = Boolean(me.data?.userId);
  const who = signedIn && me.data ? `${me.data.name ?? '（没有名字）'}（${roleName(me.data.role)}）` : '还没有登录';
  return (
    <View className="sign-in-bar" ariaRole="region" ariaLabel="本地演示登录">
      <View className="sign-in-bar__who">本地演示：{me.isPending ? '正在查看身份…' : who}</View>
      <BigButton id="dev-sign-in" kind="secondary" label="本地演示登录" onClick={() => window.location.assign(signInUrl())} />
      {signedIn ? (
        <BigButton
          id="dev-sign-out"
          kind="secondary"
          label="退出"
          onClick={() => {
            signOut();
            window.location.reload();
          }}
        />
      ) : null}
    </View>
  );
}
