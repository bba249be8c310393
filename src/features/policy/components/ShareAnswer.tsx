import type { PolicyAnswerView } from '@contract/policy';
import { Button, View } from '@tarojs/components';
import { useShareAppMessage } from '@tarojs/taro';
import { routes } from '@/lib/routes';
import './policy.scss';

/**
 * WeChat's share card for this answer (its question as the title), from the page's menu or from
 * the big 分享给家人 button. The page's config has `enableShareAppMessage`. A browser shows nothing.
 */
export function useAnswerShare(answer: PolicyAnswerView | undefined) {
  useShareAppMessage(() =>
    answer ? { title: answer.question, path: routes.policyDetail(answer.id) } : { title: '政策问答', path: routes.policy() },
  );
}

export function ShareAnswer() {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return (
    <View className="policy-share">
      <Button id="policy-share" className="policy-share__button" openType="share" ariaLabel="分享给家人">
        分享给家人
      </Button>
    </View>
  );
}
