import type { RegistrationList, RosterLine } from '@contract/events';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { Field } from '@/components/Field';
import { SmallButton } from '@/components/SmallButton';
import { domId } from '@/lib/domId';
import { messageOf } from '@/services/cloudError';
import { useMarkCheckin } from '../api/checkin';
import { useReviewRegistration } from '../api/roster';
import { timeOfDay, viaWords } from '../words';

/**
 * Everyone registered for the occurrence, as the server orders them: confirmed (签到 from the
 * list, or 撤销 a mistaken one), the waitlist in line order, then requests waiting for approval
 * (通过 / 不通过, the refusal after a second step). Cancelled and refused ones only as a count.
 * Once the list is long, 找人 narrows it by name or the phone's last digits (on the phone, as typed).
 */
export function AttendeeList({ list }: { list: RegistrationList }) {
  const [who, setWho] = useState('');
  const wanted = who.trim();
  const lines = wanted ? list.lines.filter((l) => matches(l, wanted)) : list.lines;
  const confirmed = lines.filter((l) => l.status === 'confirmed');
  const waiting = lines.filter((l) => l.status === 'waitlisted');
  const pending = lines.filter((l) => l.status === 'pending');
  const { cancelled, refused } = list.counts;
  const total = list.lines.filter((l) => l.status === 'confirmed').length;
  return (
    <View id="attendees">
      {list.lines.length >= FIND_FROM ? (
        <View ariaRole="search" ariaLabel="在名单里找人">
          <Field id="attendees-find" label="找人" hint="填姓名，或手机号最后 4 位" value={who} onInput={setWho} maxlength={20} />
          {wanted ? (
            <View className="events-staff__text" id="attendees-found" ariaRole="status">
              {lines.length ? `找到 ${lines.length} 人` : `名单里没有「${wanted}」`}
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="events-staff__section-title" ariaRole="heading" aria-level="2">
        {wanted ? `已报名（找到${confirmed.length}人，共${total}人）` : `已报名（${confirmed.length}人）`}
      </View>
      {confirmed.length === 0 && !wanted ? (
        <EmptyState message="还没有人报名这一场" hint="现场来的老人，可以用上面的「现场报名」登记。" />
      ) : null}
      {lines.length === 0 && wanted ? (
        <EmptyState message={`名单里没有「${wanted}」`} hint="可以只填姓再找；现场来的老人，可以用上面的「现场报名」登记。" />
      ) : null}
      {confirmed.map((l) => (
        <ConfirmedLine key={l.registrationId} line={l} />
      ))}
      {waiting.length ? (
        <>
          <View className="events-staff__section-title" ariaRole="heading" aria-level="2">
            候补（{waiting.length}人，按先后）
          </View>
          {waiting.map((l) => (
            <View key={l.registrationId} id={domId('attendee', l.registrationId)} className="events-staff__line">
              <View className="events-staff__strong events-staff__text">
                候补第{l.position}位　{l.retireeName}
              </View>
              <Who line={l} />
            </View>
          ))}
        </>
      ) : null}
      {pending.length ? (
        <>
          <View className="events-staff__section-title" ariaRole="heading" aria-level="2">
            等待审核（{pending.length}人）
          </View>
          {pending.map((l) => (
            <PendingLine key={l.registrationId} line={l} />
          ))}
        </>
      ) : null}
      {cancelled || refused ? (
        <View className="events-staff__text events-staff__muted" id="attendees-others">
          {[cancelled ? `已取消 ${cancelled} 人` : '', refused ? `未通过审核 ${refused} 人` : ''].filter(Boolean).join('，')}
          （不在上面的名单里）
        </View>
      ) : null}
    </View>
  );
}

/** 找人 appears once the list is this long (a short list is read at a glance). */
export const FIND_FROM = 3;

/** A name containing what was typed, or (digits only) a phone ending in them. */
function matches(line: RosterLine, wanted: string): boolean {
  if (line.retireeName.includes(wanted)) return true;
  return /^\d{2,4}$/.test(wanted) && !!line.phoneMasked?.endsWith(wanted);
}

function Who({ line }: { line: RosterLine }) {
  return (
    <View className="events-staff__text events-staff__muted">
      {line.street}
      {line.phoneMasked ? ` · 电话 ${line.phoneMasked}` : ''} · {viaWords(line)}
    </View>
  );
}

function ConfirmedLine({ line }: { line: RosterLine }) {
  const id = domId('attendee', line.registrationId);
  const mark = useMarkCheckin();
  const [problem, setProblem] = useState('');
  const set = (checkedIn: boolean) => {
    setProblem('');
    mark.mutate({ registrationId: line.registrationId, checkedIn }, { onError: (e) => setProblem(messageOf(e)) });
  };
  const at = timeOfDay(line.checkedInAt);
  return (
    <View
      id={id}
      className="events-staff__line"
      ariaRole="region"
      ariaLabel={`${line.retireeName}，${line.checkedInAt ? `${at}已签到` : '还没签到'}`}
    >
      <View className="events-staff__strong events-staff__text">{line.retireeName}</View>
      <Who line={line} />
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
      {line.checkedInAt ? (
        <View className="events-staff__actions">
          <View className="events-staff__text events-staff__checked" id={`${id}-checked`}>
            ✓ {at} 已签到
          </View>
          <SmallButton id={`${id}-undo`} label="撤销" busy={mark.isPending} onClick={() => set(false)} />
        </View>
      ) : (
        <View className="events-staff__actions">
          <SmallButton id={`${id}-mark`} label="签到" kind="primary" busy={mark.isPending} onClick={() => set(true)} />
        </View>
      )}
    </View>
  );
}

function PendingLine({ line }: { line: RosterLine }) {
  const id = domId('attendee', line.registrationId);
  const review = useReviewRegistration();
  const [refusing, setRefusing] = useState(false);
  const [problem, setProblem] = useState('');
  const answer = (approve: boolean) => {
    setProblem('');
    review.mutate(
      { registrationId: line.registrationId, approve },
      {
        onSettled: () => setRefusing(false),
        onError: (e) => setProblem(messageOf(e)),
      },
    );
  };
  return (
    <View id={id} className="events-staff__line">
      <View className="events-staff__strong events-staff__text">{line.retireeName}</View>
      <Who line={line} />
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
      {refusing ? (
        <ConfirmStep
          id={`${id}-refuse`}
          message={`确定不通过${line.retireeName}的报名吗？`}
          detail="老人会看到「未通过审核」。不通过后不能再改成通过，老人可以重新报名。"
          confirmLabel="确定不通过"
          busy={review.isPending}
          onConfirm={() => answer(false)}
          onCancel={() => setRefusing(false)}
        />
      ) : (
        <View className="events-staff__actions">
          <SmallButton id={`${id}-approve`} label="通过" kind="primary" busy={review.isPending} onClick={() => answer(true)} />
          <SmallButton
            id={`${id}-refuse-start`}
            label="不通过"
            kind="danger"
            disabled={review.isPending}
            onClick={() => setRefusing(true)}
          />
        </View>
      )}
    </View>
  );
}
