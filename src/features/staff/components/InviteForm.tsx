import { accountSchemas, type Invitation, STREETS } from '@contract/accounts';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { formatChineseDate } from '@/lib/dates';
import { firstIssue } from '@/lib/formErrors';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { useInviteStaff } from '../api/invite-staff';
import { streetsWords } from './streetsWords';
import './staff.scss';

type Role = 'staff' | 'admin';
type Street = (typeof STREETS)[number];
const ALL = '全区';

const shape = accountSchemas['staff.invite'].shape;
const ROLE_CHOICES = [
  { value: 'staff' as const, label: '工作人员', key: 'staff' },
  { value: 'admin' as const, label: '管理员', key: 'admin' },
];
const STREET_CHOICES = [
  { value: ALL, label: '全区（所有街道）', key: 'all' },
  ...STREETS.map((s, i) => ({ value: s, label: s, key: String(i) })),
];

/** Admin: invite a new colleague; the code is shown once, here, and never again. */
export function InviteForm() {
  const invite = useInviteStaff();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [chosen, setChosen] = useState<string[]>([]);
  const [requestId, setRequestId] = useState(newRequestId);
  const [errors, setErrors] = useState<{ name?: string; streets?: string }>({});
  const [made, setMade] = useState<Invitation | null>(null);

  const changed = () => {
    setRequestId(newRequestId());
    invite.reset();
  };
  const toggleStreet = (value: string) => {
    changed();
    setErrors((e) => ({ ...e, streets: undefined }));
    if (value === ALL) return setChosen(chosen.includes(ALL) ? [] : [ALL]);
    const without = chosen.filter((s) => s !== ALL && s !== value);
    setChosen(chosen.includes(value) ? without : [...without, value]);
  };

  const submit = () => {
    const streets = chosen.includes(ALL) ? ('all' as const) : (chosen as Street[]);
    const nameCheck = shape.name.safeParse(name);
    const streetsCheck = shape.streets.safeParse(streets);
    setErrors({ name: firstIssue(nameCheck) || undefined, streets: firstIssue(streetsCheck) || undefined });
    if (!nameCheck.success || !streetsCheck.success) return;
    invite.mutate(
      { name: nameCheck.data, role, streets: streetsCheck.data, requestId },
      {
        onSuccess: (invitation) => {
          setMade(invitation);
          setName('');
          setChosen([]);
          setRequestId(newRequestId());
        },
      },
    );
  };

  if (made) {
    return (
      <View className="staff-card" id="invite-result" ariaRole="region" ariaLabel="邀请码">
        <View className="staff-card__title">
          给 {made.name} 的邀请码（{made.role === 'admin' ? '管理员' : '工作人员'}，{streetsWords(made.streets)}）
        </View>
        <View className="staff-code" id="invite-code">
          {made.code}
        </View>
        <Callout tone="info">
          这个邀请码只显示这一次，请现在记下来，当面或打电话告诉 {made.name}。{formatChineseDate(made.expiresAt)}
          以前有效。对方在电脑上登录工作台后，点"工作人员：用邀请码开通"，输入邀请码即可。
        </Callout>
        <BigButton id="invite-again" kind="secondary" label="记好了，再邀请一位" onClick={() => setMade(null)} />
      </View>
    );
  }

  return (
    <View className="staff-filters" ariaRole="form" ariaLabel="邀请新同事">
      <Field
        id="invite-name"
        label="新同事的姓名"
        value={name}
        maxlength={20}
        onInput={(v) => {
          setName(v);
          setErrors((e) => ({ ...e, name: undefined }));
          changed();
        }}
        error={errors.name}
      />
      <Choices
        id="invite-role"
        label="身份"
        options={ROLE_CHOICES}
        selected={[role]}
        onToggle={(r) => {
          setRole(r);
          changed();
        }}
      />
      <Choices
        id="invite-streets"
        label="负责的街道（可多选）"
        options={STREET_CHOICES}
        selected={chosen}
        multiple
        onToggle={toggleStreet}
        error={errors.streets}
      />
      {invite.isError ? <Callout tone="problem">{messageOf(invite.error)}</Callout> : null}
      <BigButton id="invite-submit" label="生成邀请码" busy={invite.isPending} busyLabel="正在生成…" onClick={submit} />
    </View>
  );
}
