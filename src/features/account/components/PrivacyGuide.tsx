import { PRIVACY_VERSION } from '@contract/accounts';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { CENTRE_NAME, CENTRE_PHONE } from '@/lib/centre';
import { routes, safeBack } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { useAcceptPrivacy } from '../api/accept-privacy';
import { useMe } from '../api/get-me';
import { PrivacyAgreeButton } from './PrivacyAgreeButton';
import './privacy.scss';

/** What we collect and why, who sees it, and how to see or delete it: in plain words. */
const SECTIONS: Array<{ heading: string; items: Array<[string, string]> }> = [
  {
    heading: '我们会用到您的哪些信息，为什么用',
    items: [
      ['姓名和身份证号', '用来在中心的退休人员名册里找到您本人；帮家里老人办理时，用来核对长辈的身份。'],
      ['手机号', '用您登记在中心的手机号发短信验证码，确认是您本人在办理。'],
      ['资格认证结果', '每年确认养老金照常发放：只记"是否通过"、办理方式和日期。'],
      [
        '人脸信息',
        '现在不收集。以后做刷脸认证时，会另外单独问您是否同意；不想刷脸的，可以到社区或请工作人员上门办理。我们只保存核验结果，不保存照片。',
      ],
    ],
  },
  {
    heading: '谁能看到',
    items: [
      ['您本人', '可以看到我们保存的您的全部信息。'],
      ['您同意的家人', '帮您办理时，能看到您的姓名、所在社区和认证情况；身份证号和手机号只显示一部分。'],
      [
        '中心和街道、社区的工作人员',
        '只能看到自己负责的街道，号码平时只显示一部分；办理业务需要看完整号码时，要写明原因，每一次查看都会记下来。',
      ],
    ],
  },
  {
    heading: '怎样保护',
    items: [['加密保存', '身份证号和手机号加密保存，平时只显示前后几位，例如 3502**********1234。不会用于广告，也不会给其他单位。']],
  },
  {
    heading: '怎样查看、更正和删除',
    items: [
      ['查看', '在首页"我的信息"里，可以看到我们保存的您的信息，以及谁查看过。'],
      ['解除', '在"我的信息"里可以随时解除绑定；家人帮办也可以随时结束。'],
      ['更正或删除', `请打电话给${CENTRE_NAME}（${CENTRE_PHONE}），或到所在社区办理。`],
    ],
  },
];

/** The privacy guide; 同意并继续 records consent and goes on to `back` (or back where the person came from). */
export function PrivacyGuide({ back }: { back?: string }) {
  const me = useMe();
  const accept = useAcceptPrivacy();
  const next = safeBack(back);

  const goOn = () => {
    if (next) Taro.redirectTo({ url: next }).catch(() => Taro.reLaunch({ url: next }));
    else if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(() => Taro.reLaunch({ url: routes.home() }));
    else Taro.reLaunch({ url: routes.home() });
  };
  const agree = () => accept.mutate(undefined, { onSuccess: goOn });

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;

  return (
    <View className="privacy-guide">
      <View className="privacy-guide__intro">
        为了帮您办理退休人员的各项服务，我们需要用到您的一些个人信息。请花一两分钟看一看，同意后再继续。
      </View>
      {SECTIONS.map((section) => (
        <View key={section.heading} className="privacy-guide__section" ariaRole="region" ariaLabel={section.heading}>
          <View className="privacy-guide__heading">{section.heading}</View>
          {section.items.map(([what, why]) => (
            <View key={what} className="privacy-guide__item">
              <View className="privacy-guide__what">{what}</View>
              <View>{why}</View>
            </View>
          ))}
        </View>
      ))}
      <View className="privacy-guide__version">本指引版本：{PRIVACY_VERSION}</View>
      {process.env.TARO_ENV === 'weapp' ? (
        <BigButton
          id="privacy-contract"
          kind="secondary"
          label="查看在微信登记的完整指引"
          onClick={() => Taro.openPrivacyContract({ fail: () => undefined })}
        />
      ) : null}
      {accept.isError ? (
        <Callout tone="problem" id="privacy-problem">
          {messageOf(accept.error)}
        </Callout>
      ) : null}
      {me.data.privacyAccepted ? (
        <>
          <Callout tone="done" id="privacy-accepted">
            您已经同意过这份指引了。
          </Callout>
          <BigButton id="privacy-continue" label="继续" onClick={goOn} />
        </>
      ) : (
        <>
          <PrivacyAgreeButton busy={accept.isPending} onAgree={agree} />
          <View className="privacy-guide__version">不同意也可以看通知公告；绑定退休信息、帮家里老人办理，需要同意后才能办。</View>
          <BigButton
            id="privacy-decline"
            kind="secondary"
            label="暂不同意，回到首页"
            disabled={accept.isPending}
            onClick={() => Taro.reLaunch({ url: routes.home() })}
          />
        </>
      )}
    </View>
  );
}
