import { useQueryClient } from '@tanstack/react-query';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Field } from '@/components/Field';
import { getMe, getMeQueryOptions } from '@/features/account/api/get-me';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { consoleAuth } from '@/services/consoleAuth';
import { signInUrl } from '@/services/session';

/**
 * The staff console's sign-in (H5). In production: the CloudBase username and password
 * the admin set up; a first sign-in then redeems the invitation code. Locally: the
 * emulator's demo sign-in instead. In WeChat staff are who WeChat says, nothing to do.
 */
export function ConsoleSignIn() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const queryClient = useQueryClient();

  if (!consoleAuth.available) {
    return (
      <View>
        <Callout tone="info">
          {LOCAL_DEMO ? '这是本地演示版：请用「本地演示登录」选择一个工作人员账号。' : '在微信里不需要另外登录：您的微信就是您的账号。'}
        </Callout>
        {LOCAL_DEMO ? (
          <BigButton id="console-dev-sign-in" label="本地演示登录" onClick={() => window.location.assign(signInUrl())} />
        ) : null}
      </View>
    );
  }

  const submit = async () => {
    if (!username.trim() || !password) return setProblem('请填写用户名和密码');
    setBusy(true);
    setProblem('');
    try {
      await consoleAuth.signIn(username.trim(), password);
      await queryClient.invalidateQueries({ queryKey: getMeQueryOptions().queryKey });
      const me = await getMe();
      // A console account that has not redeemed its invitation yet is a guest.
      await Taro.reLaunch({ url: me.role === 'staff' || me.role === 'admin' ? routes.home() : routes.staffClaim() });
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <Field id="console-username" label="用户名" value={username} onInput={setUsername} maxlength={64} />
      <Field id="console-password" label="密码" value={password} onInput={setPassword} maxlength={64} password />
      {problem ? (
        <Callout tone="problem" id="console-sign-in-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton id="console-sign-in" label="登录" busy={busy} busyLabel="正在登录…" onClick={submit} />
      <Callout tone="info">第一次登录后，请输入管理员给您的邀请码。忘记密码请联系管理员。</Callout>
    </View>
  );
}
