import type { FamilyLink, MyData, RetireeSummary } from '@contract/accounts';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { CentreHelp } from '@/components/CentreHelp';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { LinkStatus } from '@/features/family/components/LinkStatus';
import { formatChineseDate } from '@/lib/dates';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { accessWords, consentWords } from '../accessWords';
import { useMyData } from '../api/get-my-data';
import { useUnbind } from '../api/unbind';
import { roleName } from '../roles';
import './mine.scss';

/** Everything the centre holds about me, who has looked at it, and how to undo the binding. */
export function MyInformation() {
  const data = useMyData();
  const [news, setNews] = useState('');
  if (data.isPending) return <LoadingState />;
  if (data.isError) {
    return (
      <>
        <ErrorState error={data.error} onRetry={() => data.refetch()} />
        <CentreHelp />
      </>
    );
  }
  const mine = data.data;
  const nothingHeld = !mine.account.userId && mine.consents.length === 0;
  return (
    <View className="mine">
      {news ? (
        <Callout tone="done" id="mine-news">
          {news}
        </Callout>
      ) : null}
      {nothingHeld ? (
        <EmptyState
          message="我们还没有保存您的任何信息"
          hint="绑定退休信息，或申请帮家里老人办理之后，这里会列出我们保存的全部内容。"
          action={{ label: '绑定我的退休信息', onClick: () => Taro.navigateTo({ url: routes.bind() }) }}
        />
      ) : (
        <>
          <AccountSection data={mine} />
          <RetireeSection retiree={mine.retiree} />
          <LinksSection links={mine.links} myUserId={mine.account.userId} />
          <ConsentsSection consents={mine.consents} />
          <AccessLogSection data={mine} />
          {mine.retiree ? <UnbindSection name={mine.retiree.name} onDone={setNews} /> : null}
        </>
      )}
      <CentreHelp text="想更正或删除这些信息，请打电话给" />
    </View>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="mine__row" ariaRole="text" ariaLabel={`${label}：${value}`}>
      <View className="mine__label">{label}</View>
      <View className="mine__value">{value}</View>
    </View>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <View id={id} className="mine__section" ariaRole="region" ariaLabel={title}>
      <View className="mine__heading">{title}</View>
      {children}
    </View>
  );
}

function AccountSection({ data }: { data: MyData }) {
  return (
    <Section id="mine-account" title="我的账号">
      <Row label="称呼" value={data.account.name || '（还没有填写）'} />
      <Row label="身份" value={roleName(data.account.role)} />
      {data.account.createdAt ? <Row label="开始使用" value={formatChineseDate(data.account.createdAt)} /> : null}
    </Section>
  );
}

function RetireeSection({ retiree }: { retiree: RetireeSummary | null }) {
  if (!retiree) {
    return (
      <Section id="mine-retiree" title="登记的退休信息">
        <View className="mine__text">您还没有绑定退休信息。</View>
        <BigButton id="mine-bind" kind="secondary" label="绑定我的退休信息" onClick={() => Taro.navigateTo({ url: routes.bind() })} />
      </Section>
    );
  }
  return (
    <Section id="mine-retiree" title="登记的退休信息">
      <Row label="姓名" value={retiree.name} />
      <Row label="身份证号" value={retiree.idMasked} />
      <Row label="手机号" value={retiree.phoneMasked ?? '没有登记'} />
      <Row label="性别" value={retiree.sex === 'M' ? '男' : '女'} />
      <Row label="出生日期" value={formatChineseDate(`${retiree.birthDate}T12:00:00+08:00`)} />
      <Row label="所在社区" value={`${retiree.street} ${retiree.community}`} />
      <Row label="上次资格认证" value={retiree.lastCertifiedAt ? formatChineseDate(retiree.lastCertifiedAt) : '还没有记录'} />
      <View className="mine__note">号码只显示前后几位，完整号码加密保存。</View>
    </Section>
  );
}

function LinksSection({ links, myUserId }: { links: FamilyLink[]; myUserId: string | null }) {
  return (
    <Section id="mine-links" title="家人帮办">
      {links.length === 0 ? <View className="mine__text">没有家人帮办的记录。</View> : null}
      {links.map((link) => {
        const iHelp = link.helperUserId === myUserId;
        const words = iHelp ? `您帮 ${link.elderName} 办理（您是${link.relation}）` : `${link.helperName}（${link.relation}）帮您办理`;
        return (
          <View key={link.id} className="mine__item" ariaRole="text" ariaLabel={words}>
            <LinkStatus status={link.status} />
            <View className="mine__item-text">{words}</View>
          </View>
        );
      })}
      <BigButton kind="secondary" label="去家人帮办" onClick={() => Taro.navigateTo({ url: routes.family() })} />
    </Section>
  );
}

function ConsentsSection({ consents }: { consents: MyData['consents'] }) {
  return (
    <Section id="mine-consents" title="我同意过的">
      {consents.length === 0 ? <View className="mine__text">还没有。</View> : null}
      {consents.map((c) => (
        <View key={`${c.kind}-${c.version}`} className="mine__item">
          <View className="mine__date">{formatChineseDate(c.at)}</View>
          <View className="mine__item-text">{consentWords(c)}</View>
        </View>
      ))}
      <BigButton kind="secondary" label="再看一遍隐私保护指引" onClick={() => Taro.navigateTo({ url: routes.privacy() })} />
    </Section>
  );
}

function AccessLogSection({ data }: { data: MyData }) {
  return (
    <Section id="mine-access" title="谁查看过我的信息">
      <View className="mine__note">工作人员每一次查看您的完整号码、每一次办理和您有关的事，都记在这里。</View>
      {data.accessLog.length === 0 ? <View className="mine__text">还没有人查看过。</View> : null}
      {data.accessLog.map((record) => {
        const words = accessWords(record, data.account.userId);
        const date = formatChineseDate(record.at);
        return (
          <View key={record.id} className="mine__item" ariaRole="text" ariaLabel={`${date}，${words}`}>
            <View className="mine__date">{date}</View>
            <View className="mine__item-text">{words}</View>
          </View>
        );
      })}
    </Section>
  );
}

function UnbindSection({ name, onDone }: { name: string; onDone: (news: string) => void }) {
  const unbind = useUnbind();
  const [asking, setAsking] = useState(false);
  return (
    <Section id="mine-unbind" title="解除绑定">
      <View className="mine__text">解除后，这个微信就不能再以 {name} 的身份办理了；中心登记的信息不会删除，以后可以重新绑定。</View>
      {unbind.isError ? <Callout tone="problem">{messageOf(unbind.error)}</Callout> : null}
      {asking ? (
        <ConfirmStep
          id="unbind"
          message="确定要解除绑定吗？"
          detail="解除后，资格认证、活动报名要重新绑定才能办理。帮您办理的家人不受影响。"
          confirmLabel="确定解除绑定"
          cancelLabel="不解除了"
          busy={unbind.isPending}
          onConfirm={async () => {
            // mutateAsync: this section leaves the page once the binding is gone.
            try {
              await unbind.mutateAsync();
              setAsking(false);
              onDone('已解除绑定。需要时可以重新绑定。');
            } catch {
              // shown above (unbind.isError)
            }
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <BigButton id="unbind-start" kind="danger" label="解除绑定" onClick={() => setAsking(true)} />
      )}
    </Section>
  );
}
