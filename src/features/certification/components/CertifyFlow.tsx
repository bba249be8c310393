import type { CertificationStatus, FaceFinished } from '@contract/certification';
import { useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { CentreHelp } from '@/components/CentreHelp';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { ReminderOffer } from '@/features/reminders/components/ReminderOffer';
import { newRequestId } from '@/lib/requestId';
import { routes } from '@/lib/routes';
import { CloudCallError, messageOf } from '@/services/cloudError';
import { faceVerify } from '@/services/faceVerify';
import { certificationKeys, finishFace, giveFaceConsent, startFace, useFaceToday } from '../api/face';
import { useMyCertification } from '../api/get-status';
import { CertificationHistory } from './CertificationHistory';
import { OtherChannels } from './OtherChannels';
import './certify.scss';

/** The attempt waiting for its result while the person is on the provider's page (browser). */
const PENDING_KEY = 'certify.pendingFace';

type Step =
  | { kind: 'ready' }
  | { kind: 'working'; words: string }
  | { kind: 'finished'; result: FaceFinished }
  | { kind: 'problem'; message: string; retryFinish?: string };

/**
 * 刷脸认证 for me or for an elder I help: the face-data consent (once), one big button, the
 * result in plain words with the next step, and the other ways to certify for those who
 * cannot use it. For an elder, the phone is mine and the face is theirs.
 */
export function CertifyFlow({ retireeId, returned }: { retireeId: string; returned: boolean }) {
  const mine = useMyCertification(true);
  const today = useFaceToday(retireeId);
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'ready' });
  const finishing = useRef(false);

  const person: CertificationStatus | undefined =
    mine.data?.self?.retireeId === retireeId ? mine.data.self : mine.data?.elders.find((e) => e.retireeId === retireeId);
  const forElder = !!person && mine.data?.self?.retireeId !== retireeId;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: certificationKeys.all });
  };

  const finish = async (attemptId: string, client?: 'done' | 'cancelled' | 'failed') => {
    setStep({ kind: 'working', words: '正在查看刷脸结果…' });
    try {
      const result = await finishFace(attemptId, client);
      Taro.removeStorageSync(PENDING_KEY);
      setStep({ kind: 'finished', result });
      await refresh();
    } catch (e) {
      setStep({ kind: 'problem', message: messageOf(e), retryFinish: attemptId });
    }
  };

  // Back from the provider's page (browser): finish the attempt we left for, once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on return; the ref guards it, `finish` is new each render
  useEffect(() => {
    if (!returned || finishing.current) return;
    const pending = Taro.getStorageSync(PENDING_KEY) as { attemptId?: string; retireeId?: string } | '';
    if (pending && pending.retireeId === retireeId && pending.attemptId) {
      finishing.current = true;
      void finish(pending.attemptId);
    }
  }, [returned, retireeId]);

  const begin = async () => {
    try {
      if (!today.data?.consented) {
        setStep({ kind: 'working', words: '正在记下您的同意…' });
        await giveFaceConsent();
      }
      setStep({ kind: 'working', words: '正在准备刷脸…' });
      const started = await startFace(retireeId, newRequestId());
      if (started.channel === 'h5') {
        Taro.setStorageSync(PENDING_KEY, { attemptId: started.attemptId, retireeId });
        setStep({ kind: 'working', words: '正在打开刷脸页面…' });
        faceVerify.goToProvider(started.url);
        return;
      }
      setStep({ kind: 'working', words: forElder ? `请让${person?.name}本人对着手机镜头，按提示做` : '请对着手机镜头，按提示做' });
      const outcome = await faceVerify.runWechat(started.verifyId);
      await finish(started.attemptId, outcome);
    } catch (e) {
      const message = messageOf(e);
      setStep({ kind: 'problem', message });
      if (e instanceof CloudCallError && (e.code === 'TOO_MANY' || e.code === 'NEEDS_CONSENT')) await refresh();
    }
  };

  if (mine.isPending || today.isPending) return <LoadingState />;
  if (mine.isError || today.isError) {
    return (
      <>
        <ErrorState
          error={mine.error ?? today.error}
          onRetry={() => {
            mine.refetch();
            today.refetch();
          }}
        />
        <CentreHelp />
      </>
    );
  }
  if (!person) {
    return (
      <>
        <Callout tone="problem" id="certify-not-linked">
          没有找到这位长辈。替长辈认证，要先在"家人帮办"里关联，并由长辈同意。
        </Callout>
        <BigButton id="certify-go-family" kind="secondary" label="去家人帮办" onClick={() => Taro.navigateTo({ url: routes.family() })} />
      </>
    );
  }

  const who = forElder ? person.name : '您';
  return (
    <View className="certify">
      <View id="certify-status" className="certify__status" ariaRole="status" ariaLabel={person.headline}>
        <View className="certify__who">{forElder ? `${person.name}的资格认证` : '我的资格认证'}</View>
        <View className="certify__headline">{person.headline}</View>
      </View>

      {person.otherChannels ? (
        <OtherChannels abroadOrForeignId name={who} />
      ) : step.kind === 'finished' ? (
        <Result result={step.result} name={who} onAgain={() => setStep({ kind: 'ready' })} />
      ) : step.kind === 'working' ? (
        <LoadingState message={step.words} />
      ) : (
        <>
          {step.kind === 'problem' ? (
            <Callout tone="problem" id="certify-problem">
              {step.message}
            </Callout>
          ) : null}
          {step.kind === 'problem' && step.retryFinish ? (
            <BigButton id="certify-check-result" label="查看结果" onClick={() => finish(step.retryFinish as string)} />
          ) : null}
          <Steps forElder={forElder} name={person.name} consented={!!today.data?.consented} />
          {today.data && today.data.attemptsLeft > 0 ? (
            <BigButton id="certify-start" label={today.data.consented ? '开始刷脸认证' : '我同意，开始刷脸认证'} onClick={begin} />
          ) : (
            <Callout tone="info" id="certify-no-attempts">
              今天刷脸的次数用完了。明天可以再试，也可以用下面的办法认证。
            </Callout>
          )}
          {today.data && today.data.attemptsLeft > 0 && today.data.attemptsUsed > 0 ? (
            <View className="certify__muted">今天还可以试{today.data.attemptsLeft}次。</View>
          ) : null}
          <OtherChannels name={who} />
        </>
      )}
      <CertificationHistory retireeId={retireeId} />
    </View>
  );
}

function Steps({ forElder, name, consented }: { forElder: boolean; name: string; consented: boolean }) {
  return (
    <View className="certify__steps">
      <View className="certify__heading">怎么做</View>
      <Text className="certify__text">
        {forElder
          ? `1. 请${name}本人坐在光线好的地方，摘下帽子和眼镜。\n2. 您拿着手机，让${name}的脸对着镜头。\n3. 按屏幕上的提示眨眨眼、张张嘴，几秒钟就好。`
          : '1. 坐在光线好的地方，摘下帽子和眼镜。\n2. 手机拿稳，脸对着镜头。\n3. 按屏幕上的提示眨眨眼、张张嘴，几秒钟就好。'}
      </Text>
      {consented ? null : (
        <View id="certify-consent" className="certify__consent">
          <View className="certify__heading">关于人脸信息</View>
          <Text className="certify__text">
            刷脸时，{forElder ? `${name}的` : '您的'}
            脸部画面会交给国家认可的人脸核验服务，和身份证照片比对，只用于这一次养老金资格认证。我们只保存"是否通过"的结果，不保存任何照片或视频。不同意也没关系，可以用下面的其他办法认证。
          </Text>
        </View>
      )}
    </View>
  );
}

function Result({ result, name, onAgain }: { result: FaceFinished; name: string; onAgain: () => void }) {
  if (result.passed) {
    return (
      <>
        <Callout tone="done" id="certify-passed">
          {result.message}
        </Callout>
        <ReminderOffer id="certify-remind" />
        <BigButton id="certify-home" label="回到首页" onClick={() => Taro.reLaunch({ url: routes.home() })} />
      </>
    );
  }
  return (
    <>
      <Callout tone="problem" id="certify-failed">
        {result.message}
      </Callout>
      {result.attemptsLeft > 0 ? <BigButton id="certify-again" label="再试一次" onClick={onAgain} /> : null}
      <OtherChannels name={name} />
    </>
  );
}
