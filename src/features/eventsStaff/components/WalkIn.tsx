import type { FoundRetiree } from '@contract/certification';
import { useQueryClient } from '@tanstack/react-query';
import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { EmptyState } from '@/components/EmptyState';
import { Field } from '@/components/Field';
import { SmallButton } from '@/components/SmallButton';
import { findRetirees } from '@/features/certification/api/staff';
import { domId } from '@/lib/domId';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { markCheckin } from '../api/checkin';
import { staffEventKeys } from '../api/keys';
import { registerWalkIn } from '../api/roster';

/**
 * 现场报名: someone came without registering. Find them on the roster (name, or the last 4
 * digits of the ID or phone number), register them for this occurrence and check them in,
 * in one tap. One requestId per person, so a second tap or a retry registers them once.
 */
export function WalkIn({ occurrenceId }: { occurrenceId: string }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<FoundRetiree[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const requestIds = useRef(new Map<string, string>());
  const queryClient = useQueryClient();

  const search = async () => {
    setProblem('');
    setDone('');
    setSearching(true);
    try {
      setResults(await findRetirees(q.trim()));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setSearching(false);
    }
  };

  const add = async (person: FoundRetiree) => {
    setProblem('');
    setDone('');
    setAdding(person.id);
    let requestId = requestIds.current.get(person.id);
    if (!requestId) {
      requestId = newRequestId();
      requestIds.current.set(person.id, requestId);
    }
    try {
      const reg = await registerWalkIn({ occurrenceId, retireeId: person.id, requestId });
      if (reg.status === 'confirmed') {
        const checked = await markCheckin({ registrationId: reg.id, checkedIn: true });
        setDone(checked.changed ? `${person.name} 现场报名并签到成功` : checked.message);
        setResults(null);
        setQ('');
      } else {
        // Full (a place on the waitlist) or not allowed: the server's words say which.
        setDone(reg.message);
      }
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setAdding(null);
      void queryClient.invalidateQueries({ queryKey: staffEventKeys.all });
    }
  };

  if (!open) {
    return (
      <View id="walkin">
        {done ? (
          <Callout tone="done" id="walkin-done">
            {done}
          </Callout>
        ) : null}
        <BigButton id="walkin-open" kind="secondary" label="现场报名（没报名就来了的老人）" onClick={() => setOpen(true)} />
      </View>
    );
  }
  return (
    <View id="walkin" className="events-staff__group" ariaRole="region" ariaLabel="现场报名">
      <View className="events-staff__heading">现场报名</View>
      {done ? (
        <Callout tone="done" id="walkin-done">
          {done}
        </Callout>
      ) : null}
      {problem ? (
        <Callout tone="problem" id="walkin-problem">
          {problem}
        </Callout>
      ) : null}
      <Field id="walkin-q" label="查找老人" hint="输入姓名，或身份证号、手机号的后4位" value={q} onInput={setQ} maxlength={20} />
      <BigButton id="walkin-search" label="查找" busy={searching} busyLabel="正在查找…" disabled={!q.trim()} onClick={search} />
      {results && results.length === 0 ? <EmptyState message="没有找到。请换个写法，或确认老人在您负责的街道。" /> : null}
      {results?.map((p) => (
        <View key={p.id} id={domId('walkin-person', p.id)} className="events-staff__line">
          <View className="events-staff__strong events-staff__text">
            {p.name}　{p.idMasked}
          </View>
          <View className="events-staff__text events-staff__muted">
            {p.street} {p.community}
            {p.phoneMasked ? ` · 电话 ${p.phoneMasked}` : ''}
          </View>
          <View className="events-staff__actions">
            <SmallButton
              id={domId('walkin-add', p.id)}
              label="报名并签到"
              kind="primary"
              busy={adding === p.id}
              disabled={!!adding}
              onClick={() => add(p)}
            />
          </View>
        </View>
      ))}
      <BigButton id="walkin-close" kind="secondary" label="收起" onClick={() => setOpen(false)} />
    </View>
  );
}
