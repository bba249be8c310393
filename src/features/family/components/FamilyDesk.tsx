import type { FamilyLink } from '@contract/accounts';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { CentreHelp } from '@/components/CentreHelp';
import { ConfirmStep } from '@/components/ConfirmStep';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { PrivacyGate } from '@/features/account/components/PrivacyGate';
import { isStaff } from '@/features/account/roles';
import { formatChineseDate } from '@/lib/dates';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { useEndLink } from '../api/end-link';
import { useMyLinks } from '../api/list-my-links';
import { useRespondToLink } from '../api/respond-to-link';
import { helperLinkHint, isLive } from '../linkStatus';
import { FamilyRequestForm } from './FamilyRequestForm';
import { LinkStatus } from './LinkStatus';
import './family.scss';

/**
 * 家人帮办: requests waiting for my answer (as the elder), the family helping me, the
 * elders I help, and the form to ask to help one more.
 */
export function FamilyDesk() {
  const me = useMe();
  const links = useMyLinks();
  const [news, setNews] = useState('');

  if (me.isPending || links.isPending) return <LoadingState />;
  if (me.isError || links.isError) {
    const error = me.error ?? links.error;
    return (
      <>
        <ErrorState
          error={error}
          onRetry={() => {
            me.refetch();
            links.refetch();
          }}
        />
        <CentreHelp />
      </>
    );
  }
  if (isStaff(me.data.role)) {
    return <Callout tone="info">工作人员请在首页的"家属关联审核"里办理家属的申请。</Callout>;
  }

  const { helping, helpers } = links.data;
  const waiting = helpers.filter((l) => l.status === 'pending');
  const helpingMe = helpers.filter((l) => l.status === 'active');
  // Live links first, then the ended ones; each group newest first as the server sends them.
  const mine = [...helping.filter(isLive), ...helping.filter((l) => !isLive(l))];

  return (
    <View className="family">
      {news ? (
        <Callout tone="done" id="family-news">
          {news}
        </Callout>
      ) : null}

      {waiting.length > 0 ? (
        <View className="family__section" id="family-waiting" ariaRole="region" ariaLabel="等您回复的申请">
          <View className="family__heading">等您回复的申请</View>
          {waiting.map((link) => (
            <RequestForMe key={link.id} link={link} onNews={setNews} />
          ))}
        </View>
      ) : null}

      {helpingMe.length > 0 ? (
        <View className="family__section" id="family-helpers" ariaRole="region" ariaLabel="帮您办理的家人">
          <View className="family__heading">帮您办理的家人</View>
          {helpingMe.map((link) => (
            <LinkCard
              key={link.id}
              link={link}
              title={`${link.helperName}（${link.relation}）`}
              hint={`${formatChineseDate(link.createdAt)}开始帮您办理。`}
              endLabel="不再让他/她帮办"
              onNews={setNews}
            />
          ))}
        </View>
      ) : null}

      <View className="family__section" id="family-helping" ariaRole="region" ariaLabel="我帮办的长辈">
        <View className="family__heading">我帮办的长辈</View>
        {mine.length === 0 ? <View className="family__text">您还没有帮办的长辈。在下面填写长辈的信息，就可以申请。</View> : null}
        {mine.map((link) => (
          <LinkCard
            key={link.id}
            link={link}
            title={`${link.elderName}（您是${link.relation}）`}
            hint={helperLinkHint(link)}
            endLabel={link.status === 'pending' ? '撤回申请' : '不再帮办'}
            onNews={setNews}
          />
        ))}
      </View>

      <View className="family__section" id="family-new" ariaRole="region" ariaLabel="申请帮家里老人办理">
        <View className="family__heading">申请帮家里老人办理</View>
        <PrivacyGate back={routes.family()} doing="申请帮家里老人办理">
          <FamilyRequestForm myName={me.data.retiree ? null : me.data.name} />
        </PrivacyGate>
      </View>
      <CentreHelp />
    </View>
  );
}

/** Someone asks to help me: 同意 / 不同意. Either can be changed later (end the link, or they ask again). */
function RequestForMe({ link, onNews }: { link: FamilyLink; onNews: (s: string) => void }) {
  const respond = useRespondToLink();
  // mutateAsync: this card leaves the page when the list refreshes, before a mutate() callback would run.
  const answer = async (accept: boolean) => {
    try {
      await respond.mutateAsync({ linkId: link.id, accept });
      onNews(accept ? `已同意 ${link.helperName} 帮您办理。` : `已回复不同意。${link.helperName} 不能帮您办理。`);
    } catch {
      // shown on the card (respond.isError)
    }
  };
  return (
    <View id={`link-${link.id}`} className="link-card" ariaRole="group" ariaLabel={`${link.helperName}申请帮您办理`}>
      <LinkStatus status={link.status} />
      <View className="link-card__name">
        {link.helperName}（您的{link.relation}）
      </View>
      <View className="link-card__hint">
        {formatChineseDate(link.createdAt)}申请帮您办理资格认证、活动报名等事情。如果您不认识这个人，请点"不同意"。
      </View>
      {respond.isError ? <Callout tone="problem">{messageOf(respond.error)}</Callout> : null}
      <BigButton
        id={`respond-accept-${link.id}`}
        label="同意"
        busy={respond.isPending && respond.variables?.accept === true}
        disabled={respond.isPending}
        onClick={() => answer(true)}
      />
      <BigButton
        id={`respond-refuse-${link.id}`}
        kind="secondary"
        label="不同意"
        busy={respond.isPending && respond.variables?.accept === false}
        disabled={respond.isPending}
        onClick={() => answer(false)}
      />
    </View>
  );
}

interface LinkCardProps {
  link: FamilyLink;
  title: string;
  hint: string;
  endLabel: string;
  onNews: (s: string) => void;
}

/** One link with its status in words; a live one can be ended after an inline confirmation. */
function LinkCard({ link, title, hint, endLabel, onNews }: LinkCardProps) {
  const end = useEndLink();
  const [asking, setAsking] = useState(false);
  return (
    <View id={`link-${link.id}`} className="link-card" ariaRole="group" ariaLabel={`${title}，${hint}`}>
      <LinkStatus status={link.status} />
      <View className="link-card__name">{title}</View>
      <View className="link-card__hint">{hint}</View>
      {end.isError ? <Callout tone="problem">{messageOf(end.error)}</Callout> : null}
      {!isLive(link) ? null : asking ? (
        <ConfirmStep
          id={`link-end-${link.id}`}
          message={`确定${endLabel}吗？`}
          detail="确定后立刻生效，以后需要时可以重新申请。"
          confirmLabel={`确定${endLabel}`}
          cancelLabel="不了，保留"
          busy={end.isPending}
          onConfirm={async () => {
            try {
              await end.mutateAsync(link.id);
              setAsking(false);
              onNews(`${title}：已结束帮办。`);
            } catch {
              // shown on the card (end.isError)
            }
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <BigButton id={`link-end-${link.id}`} kind="danger" label={endLabel} onClick={() => setAsking(true)} />
      )}
    </View>
  );
}
