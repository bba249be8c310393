import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { BigButton } from '@/components/BigButton';
import { CentreHelp } from '@/components/CentreHelp';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { viaPrivacy } from '@/features/account/components/PrivacyGate';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import { useMyQuestions } from '../api/list-my-questions';
import { AskQuestion } from './AskQuestion';
import { MyQuestions } from './MyQuestions';
import './policy.scss';

/**
 * 问工作人员: retirees and family members write a question and see 我的提问 with the answers.
 * Others are told plainly what to do instead (bind, sign in, or, for staff, where questions are).
 */
export function PolicyQuestions() {
  const me = useMe();
  const canAsk = me.data?.role === 'retiree' || me.data?.role === 'family';
  const mine = useMyQuestions(canAsk);
  // Staff answer at any time: look again whenever the page comes back into view (the first time, the query itself fetches).
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current && canAsk) void mine.refetch();
    shownBefore.current = true;
  });

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!canAsk) {
    const role = me.data.role;
    return (
      <View id="policy-ask-cannot" className="policy-ask">
        <View className="policy-ask__rules">
          {isStaff(role)
            ? '工作人员请在问答管理里查看和答复居民的提问。'
            : role === 'anonymous'
              ? '登录以后，就可以把问题写下来问工作人员。'
              : '绑定退休信息，或者关联上家里的老人以后，就可以在这里把问题写下来问工作人员。'}
        </View>
        {role === 'guest' ? (
          <BigButton
            id="policy-ask-bind"
            label="去绑定"
            onClick={() => Taro.navigateTo({ url: viaPrivacy(me.data.privacyAccepted, routes.bind()) })}
          />
        ) : null}
        <CentreHelp text="现在就想问，可以打电话给中心：" />
      </View>
    );
  }
  const waiting = (mine.data ?? []).filter((q) => q.status === 'open').length;
  return (
    <View className="policy-questions">
      <AskQuestion waiting={waiting} />
      <MyQuestions query={mine} />
      <CentreHelp text="着急的话，可以打电话问中心：" />
    </View>
  );
}
