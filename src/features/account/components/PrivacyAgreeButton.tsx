import { Button } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { privacyAgreed } from '@/services/wechatPrivacy';
import './privacy.scss';

interface PrivacyAgreeButtonProps {
  busy: boolean;
  onAgree: () => void;
}

const LABEL = '同意并继续';

/**
 * In WeChat, the platform's own consent button (open-type="agreePrivacyAuthorization",
 * since 2023): WeChat records the consent and unblocks its privacy APIs, then we record ours.
 * In a browser, an ordinary button.
 */
export function PrivacyAgreeButton({ busy, onAgree }: PrivacyAgreeButtonProps) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button
        id="privacy-agree"
        className={`privacy-agree${busy ? ' privacy-agree--busy' : ''}`}
        openType="agreePrivacyAuthorization"
        ariaLabel={LABEL}
        disabled={busy}
        onAgreePrivacyAuthorization={() => {
          privacyAgreed('privacy-agree'); // a privacy call WeChat held back may go on now
          if (!busy) onAgree();
        }}
      >
        {busy ? '正在保存…' : LABEL}
      </Button>
    );
  }
  return <BigButton id="privacy-agree" label={LABEL} busy={busy} busyLabel="正在保存…" onClick={onAgree} />;
}
