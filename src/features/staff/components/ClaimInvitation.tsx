import { accountSchemas, type Me } from '@contract/accounts';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { isStaff, roleName } from '@/features/account/roles';
import { firstIssue } from '@/lib/formErrors';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { useClaimInvitation } from '../api/claim-invitation';
import { streetsWords } from './streetsWords';
import './staff.scss';

const codeSchema = accountSchemas['staff.claim'].shape.code;
const goHome = () => Taro.reLaunch({ url: routes.home() });

/** A newly signed-in console user types the invitation code an admin gave them. */
export function ClaimInvitation() {
  const me = useMe();
  const claim = useClaimInvitation();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [done, setDone] = useState<Me | null>(null);

  if (done) {
    return (
      <View className="staff-desk">
        <Callout tone="done" id="claim-done">
          开通成功！{done.name}，您现在是{roleName(done.role)}，负责{streetsWords(done.streets)}。
        </Callout>
        <BigButton id="claim-home" label="回到首页" onClick={goHome} />
      </View>
    );
  }
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (isStaff(me.data.role)) {
    return (
      <View className="staff-desk">
        <Callout tone="done">您已经开通了{roleName(me.data.role)}账号，不需要再输入邀请码。</Callout>
        <BigButton label="回到首页" onClick={goHome} />
      </View>
    );
  }

  const submit = () => {
    const checked = codeSchema.safeParse(code);
    setCodeError(firstIssue(checked));
    if (!checked.success) return;
    claim.mutate({ code: checked.data }, { onSuccess: setDone, onError: (error) => setCodeError(messageOf(error)) });
  };

  return (
    <View className="staff-desk" ariaRole="form" ariaLabel="用邀请码开通工作人员账号">
      <View className="staff-card__note">管理员邀请您之后，会告诉您一个8位的邀请码。请在下面输入，开通后就能使用工作台。</View>
      <Field
        id="claim-code"
        label="邀请码"
        hint="8位字母或数字，不分大小写"
        value={code}
        maxlength={8}
        onInput={(v) => {
          setCode(v);
          setCodeError('');
        }}
        error={codeError}
      />
      <BigButton id="claim-submit" label="开通" busy={claim.isPending} busyLabel="正在开通…" onClick={submit} />
      <BigButton kind="secondary" label="回到首页" disabled={claim.isPending} onClick={goHome} />
    </View>
  );
}
