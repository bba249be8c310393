import { View } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { QrCode } from '@/components/QrCode';
import { formatDayWithWeekday } from '@/lib/dates';
import { messageOf } from '@/services/cloudError';
import { useCheckinCode } from '../api/get-checkin-code';
import './events.scss';

/** '123456' → '123 456': two groups are easier to read out and type. */
const grouped = (digits: string) => (digits.length === 6 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits);

/**
 * The check-in code to show at the door: a large QR code, the six digits under it for staff
 * without a camera, whose code it is and for which event. It renews itself quietly while on
 * screen (the server says when); leaving the page stops that.
 */
export function CheckinCodeCard({ registrationId }: { registrationId: string }) {
  const query = useCheckinCode(registrationId);
  if (query.isPending) return <LoadingState message="正在生成签到码…" />;
  if (!query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const code = query.data;
  const event = `${code.title}　${formatDayWithWeekday(code.date)} ${code.start}`;
  return (
    <View id="checkin" className="checkin" ariaRole="region" ariaLabel={`${code.retireeName}的签到码，${event}`}>
      <View id="checkin-name" className="checkin__name">
        {code.retireeName}
      </View>
      <View id="checkin-event" className="checkin__event">
        {event}
      </View>
      <View className="checkin__qr">
        <QrCode id="checkin-qr" text={code.qr} label={`${code.retireeName}的签到二维码`} />
      </View>
      <View id="checkin-digits" className="checkin__digits" ariaRole="text" ariaLabel={`签到码 ${code.digits.split('').join(' ')}`}>
        签到码 {grouped(code.digits)}
      </View>
      <View className="checkin__hint">二维码每分钟自动更新，出示给工作人员扫一扫即可。</View>
      {query.isError ? (
        <>
          <Callout tone="problem" id="checkin-problem">
            签到码没能更新：{messageOf(query.error)}
          </Callout>
          <BigButton id="checkin-retry" kind="secondary" label="重新获取签到码" onClick={() => query.refetch()} />
        </>
      ) : null}
    </View>
  );
}
