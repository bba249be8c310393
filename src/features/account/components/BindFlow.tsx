import { accountSchemas, type BindStarted } from '@contract/accounts';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { CentreHelp } from '@/components/CentreHelp';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { ReminderOffer } from '@/features/reminders/components/ReminderOffer';
import { firstIssue, placeError } from '@/lib/formErrors';
import { newRequestId } from '@/lib/requestId';
import { routes } from '@/lib/routes';
import { useCountdown } from '@/lib/useCountdown';
import { useConfirmBinding } from '../api/confirm-binding';
import { useMe } from '../api/get-me';
import { useStartBinding } from '../api/start-binding';
import { isStaff } from '../roles';
import './bind.scss';

/** Seconds before 重新获取 may send another code. */
export const RESEND_AFTER_SECONDS = 60;

type Step = { kind: 'details' } | { kind: 'code'; attempt: BindStarted; sentAt: number } | { kind: 'done'; name: string };

const { name: nameSchema, idNumber: idSchema } = accountSchemas['bind.start'].shape;
const { code: codeSchema } = accountSchemas['bind.confirm'].shape;

/**
 * Binding my WeChat to my entry on the centre's roster: name + ID number, then the code
 * texted to the phone on the roster, then done.
 */
export function BindFlow() {
  const me = useMe();
  const [step, setStep] = useState<Step>({ kind: 'details' });
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');

  if (step.kind === 'done') return <BindDone name={step.name} />;
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (me.data.retiree) {
    // Bound while on the code step: this is the moment it worked (the new Me arrives before the call's own answer).
    return step.kind === 'code' ? <BindDone name={me.data.retiree.name} /> : <AlreadyBound name={me.data.retiree.name} />;
  }
  if (isStaff(me.data.role)) {
    return <Callout tone="info">工作人员账号不能绑定退休人员信息。如果您本人也是退休人员，请用自己的微信绑定。</Callout>;
  }
  if (step.kind === 'code') {
    return (
      <CodeStep
        key={step.attempt.attemptId}
        step={step}
        name={name}
        idNumber={idNumber}
        onResent={(attempt) => setStep({ kind: 'code', attempt, sentAt: Date.now() })}
        onEdit={() => setStep({ kind: 'details' })}
        onDone={(boundName) => setStep({ kind: 'done', name: boundName })}
      />
    );
  }
  return (
    <DetailsStep
      name={name}
      idNumber={idNumber}
      onName={setName}
      onIdNumber={setIdNumber}
      onSent={(attempt) => setStep({ kind: 'code', attempt, sentAt: Date.now() })}
    />
  );
}

interface DetailsStepProps {
  name: string;
  idNumber: string;
  onName: (v: string) => void;
  onIdNumber: (v: string) => void;
  onSent: (attempt: BindStarted) => void;
}

function DetailsStep({ name, idNumber, onName, onIdNumber, onSent }: DetailsStepProps) {
  const start = useStartBinding();
  // One id per submission: a retry after a failure reuses it, so the server sends one text, not two.
  const [requestId, setRequestId] = useState(newRequestId);
  const [errors, setErrors] = useState<{ name?: string; idNumber?: string }>({});
  const [problem, setProblem] = useState('');

  const edit = (set: (v: string) => void, field: 'name' | 'idNumber') => (value: string) => {
    set(value);
    setRequestId(newRequestId()); // different details: a new submission
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = () => {
    const nameCheck = nameSchema.safeParse(name);
    const idCheck = idSchema.safeParse(idNumber);
    const found = { name: firstIssue(nameCheck) || undefined, idNumber: firstIssue(idCheck) || undefined };
    setErrors(found);
    setProblem('');
    if (!nameCheck.success || !idCheck.success) return;
    start.mutate(
      { name: nameCheck.data, idNumber: idCheck.data, requestId },
      {
        onSuccess: onSent,
        onError: (error) => {
          const placed = placeError(error, { name: ['姓名'], idNumber: ['身份证'] });
          if (placed.field) setErrors({ [placed.field]: placed.message });
          else setProblem(placed.message);
        },
      },
    );
  };

  return (
    <View className="bind" ariaRole="form" ariaLabel="绑定退休信息">
      <View className="bind__intro">请填写您在中心登记的姓名和身份证号。我们会给您登记的手机发一条短信验证码，确认是您本人。</View>
      <Field
        id="bind-name"
        label="姓名"
        value={name}
        onInput={edit(onName, 'name')}
        error={errors.name}
        maxlength={20}
        placeholder="例如：张秀英"
      />
      <Field
        id="bind-id"
        label="身份证号"
        type="idcard"
        value={idNumber}
        onInput={edit(onIdNumber, 'idNumber')}
        error={errors.idNumber}
        maxlength={18}
        hint="18位，最后一位可能是X"
      />
      {problem ? (
        <Callout tone="problem" id="bind-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton id="bind-send" label="获取验证码" busy={start.isPending} busyLabel="正在发送…" onClick={submit} />
      <BigButton
        kind="secondary"
        label="先不绑定，回到首页"
        disabled={start.isPending}
        onClick={() => Taro.reLaunch({ url: routes.home() })}
      />
      <CentreHelp text="不确定登记的姓名或身份证号，可以打电话问中心：" />
    </View>
  );
}

interface CodeStepProps {
  step: { attempt: BindStarted; sentAt: number };
  name: string;
  idNumber: string;
  onResent: (attempt: BindStarted) => void;
  onEdit: () => void;
  onDone: (name: string) => void;
}

function CodeStep({ step, name, idNumber, onResent, onEdit, onDone }: CodeStepProps) {
  const confirm = useConfirmBinding();
  const resend = useStartBinding();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [problem, setProblem] = useState('');
  const [resendId, setResendId] = useState(newRequestId);
  const wait = useCountdown(step.sentAt, RESEND_AFTER_SECONDS);

  const submit = () => {
    const checked = codeSchema.safeParse(code);
    setCodeError(firstIssue(checked));
    setProblem('');
    if (!checked.success) return;
    // mutateAsync: once bound, the page re-renders around this step, which may leave before a mutate() callback runs.
    confirm.mutateAsync({ attemptId: step.attempt.attemptId, code: checked.data }).then(
      (me) => onDone(me.retiree?.name ?? me.name ?? name),
      (error) => {
        const placed = placeError(error, { code: ['验证码', '验证已失效'] });
        if (placed.field) setCodeError(placed.message);
        else setProblem(placed.message);
      },
    );
  };

  const sendAgain = () => {
    setProblem('');
    const nameCheck = nameSchema.safeParse(name);
    const idCheck = idSchema.safeParse(idNumber);
    if (!nameCheck.success || !idCheck.success) return onEdit();
    resend.mutate(
      { name: nameCheck.data, idNumber: idCheck.data, requestId: resendId },
      {
        onSuccess: (attempt) => {
          setResendId(newRequestId());
          onResent(attempt);
        },
        onError: (error) => setProblem(placeError(error, {}).message),
      },
    );
  };

  return (
    <View className="bind" ariaRole="form" ariaLabel="填写短信验证码">
      <Callout tone="info" id="bind-sent">
        {step.attempt.message}
      </Callout>
      <Field
        id="bind-code"
        label="短信验证码"
        type="number"
        value={code}
        onInput={(v) => {
          setCode(v);
          setCodeError('');
        }}
        error={codeError}
        maxlength={6}
        hint="6位数字"
      />
      {problem ? (
        <Callout tone="problem" id="bind-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton id="bind-confirm" label="确认绑定" busy={confirm.isPending} busyLabel="正在核对…" onClick={submit} />
      <BigButton
        id="bind-resend"
        kind="secondary"
        label={wait > 0 ? `${wait}秒后可以重新获取` : '重新获取验证码'}
        disabled={wait > 0 || confirm.isPending}
        busy={resend.isPending}
        busyLabel="正在发送…"
        onClick={sendAgain}
      />
      <View className="bind__help" ariaRole="region" ariaLabel="收不到验证码怎么办">
        <View className="bind__help-title">收不到验证码怎么办？</View>
        <View className="bind__help-text">
          验证码发到您当初登记在中心的手机号上。如果那个号码已经不用了，或者等了几分钟还没收到，请打电话给中心，或带上身份证到所在社区，工作人员会帮您核对、更新号码。
        </View>
      </View>
      <CentreHelp text="打电话问中心：" />
      <BigButton id="bind-edit" kind="secondary" label="改填姓名或身份证号" disabled={confirm.isPending} onClick={onEdit} />
    </View>
  );
}

function BindDone({ name }: { name: string }) {
  return (
    <View className="bind" ariaRole="region" ariaLabel="绑定成功">
      <Callout tone="done" id="bind-done">
        绑定成功！{name}，您好。以后打开小程序，就可以直接办理资格认证、报名活动了。
      </Callout>
      <ReminderOffer id="bind-remind" />
      <BigButton id="bind-home" label="回到首页" onClick={() => Taro.reLaunch({ url: routes.home() })} />
      <BigButton id="bind-mine" kind="secondary" label="看看我的信息" onClick={() => Taro.redirectTo({ url: routes.mine() })} />
    </View>
  );
}

function AlreadyBound({ name }: { name: string }) {
  return (
    <View className="bind">
      <Callout tone="done" id="bind-already">
        您已经绑定了 {name} 的退休信息，不需要再绑定。
      </Callout>
      <BigButton id="bind-mine" label="看看我的信息" onClick={() => Taro.redirectTo({ url: routes.mine() })} />
      <BigButton kind="secondary" label="回到首页" onClick={() => Taro.reLaunch({ url: routes.home() })} />
    </View>
  );
}
