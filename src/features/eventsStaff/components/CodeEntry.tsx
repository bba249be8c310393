import type { CheckinResult } from '@contract/events';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Field } from '@/components/Field';
import { messageOf } from '@/services/cloudError';
import { scanCode } from '@/services/scanCode';
import { useScanCheckin } from '../api/checkin';

/**
 * At the door: scan the QR code on the person's phone (WeChat), or type the 6 digits under
 * it. The answer is said big on the page: green with a tick for a check-in, plain for
 * someone already checked in, and a problem in red (a wrong or old code, another event).
 */
export function CodeEntry({ occurrenceId }: { occurrenceId: string }) {
  const [digits, setDigits] = useState('');
  const [result, setResult] = useState<CheckinResult | null>(null);
  const [problem, setProblem] = useState('');
  const scan = useScanCheckin();

  const submit = async (code: string) => {
    setProblem('');
    setResult(null);
    try {
      const r = await scan.mutateAsync({ occurrenceId, code });
      setResult(r);
      setDigits('');
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  const scanNow = async () => {
    setProblem('');
    const outcome = await scanCode.scan();
    if (outcome.ok) return submit(outcome.text);
    if (outcome.reason !== 'cancelled') setProblem(outcome.message);
  };

  const ready = /^\d{6}$/.test(digits.trim());
  return (
    <View id="checkin-entry">
      {result ? (
        <View
          id="checkin-result"
          className={`events-staff__result${result.changed ? ' events-staff__result--done' : ''}`}
          ariaRole="status"
          ariaLabel={result.message}
        >
          {result.changed ? '✓ ' : ''}
          {result.message}
        </View>
      ) : null}
      {problem ? (
        <Callout tone="problem" id="checkin-problem">
          {problem}
        </Callout>
      ) : null}
      {scanCode.available ? (
        <BigButton id="checkin-scan" label="扫码签到" busy={scan.isPending} busyLabel="正在签到…" onClick={scanNow} />
      ) : (
        <View className="events-staff__text events-staff__muted" id="checkin-no-camera">
          电脑上不能扫码：请老人打开手机上的签到码，把二维码下面的6位数字念给您，在下面输入。
        </View>
      )}
      <View className="events-staff__code">
        <Field
          id="checkin-code"
          label="输入签到码"
          hint="签到码是老人手机上二维码下面的6位数字，每分钟换一次"
          type="number"
          value={digits}
          onInput={(v) => {
            setDigits(v.replace(/\D/g, ''));
            setProblem('');
          }}
          maxlength={6}
          placeholder="6位数字"
        />
      </View>
      <BigButton
        id="checkin-code-submit"
        label="签到"
        kind={scanCode.available ? 'secondary' : 'primary'}
        disabled={!ready}
        busy={scan.isPending}
        busyLabel="正在签到…"
        onClick={() => submit(digits.trim())}
      />
    </View>
  );
}
