import type { SearchNextStep } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { CENTRE_NAME, CENTRE_PHONE } from '@/lib/centre';
import { routes } from '@/lib/routes';
import './policy.scss';

/**
 * Nothing found is never an empty page: the centre's phone written out with one tap to call, and
 * 问工作人员 for those who can ask (the server says who can, and what the others should do).
 */
export function NothingFound({ query, nextStep }: { query: string; nextStep: SearchNextStep | null }) {
  const step: SearchNextStep = nextStep ?? {
    message: `没有找到和“${query}”有关的内容。可以换个说法再查，或者打电话问${CENTRE_NAME}：${CENTRE_PHONE}。`,
    centreName: CENTRE_NAME,
    centrePhone: CENTRE_PHONE,
    canAsk: false,
    askHint: '',
  };
  return (
    <View id="policy-nothing" className="policy-nothing" ariaRole="region" ariaLabel={step.message}>
      <View className="policy-nothing__message">{step.message}</View>
      <View className="policy-nothing__phone">
        {step.centreName}
        <View id="policy-nothing-phone" className="policy-nothing__number">
          {step.centrePhone}
        </View>
      </View>
      <BigButton
        id="policy-nothing-call"
        label={`打电话 ${step.centrePhone}`}
        onClick={() => Taro.makePhoneCall({ phoneNumber: step.centrePhone }).catch(() => undefined)}
      />
      {step.canAsk ? (
        <BigButton
          id="policy-nothing-ask"
          kind="secondary"
          label="问工作人员"
          onClick={() => Taro.navigateTo({ url: routes.policyAsk() })}
        />
      ) : null}
      {step.askHint ? <View className="policy-nothing__hint">{step.askHint}</View> : null}
    </View>
  );
}
