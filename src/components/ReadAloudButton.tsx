import { View } from '@tarojs/components';
import { useDidHide } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { speechPieces } from '@/lib/speechPieces';
import { readAloud } from '@/services/readAloud';
import { BigButton } from './BigButton';
import { Callout } from './Callout';
import './ReadAloudButton.scss';

interface ReadAloudButtonProps {
  /** The button is `<id>`, pause `<id>-pause`, the line saying it cannot read `<id>-unavailable`. */
  id: string;
  /** Read first. */
  title: string;
  /** The words alone (no markup), read after the title. */
  text: string;
}

type Reading = 'idle' | 'speaking' | 'paused';

/**
 * 朗读 / 停止朗读: reads the title, then the text, through this platform's speech
 * (`src/services/readAloud`). Where nothing can read aloud, a plain line instead of a button.
 * Reading stops when the page is left or hidden.
 */
export function ReadAloudButton({ id, title, text }: ReadAloudButtonProps) {
  const [reading, setReading] = useState<Reading>('idle');
  const [problem, setProblem] = useState('');
  const [available] = useState(() => readAloud.available());

  useEffect(() => () => readAloud.stop(), []);
  useDidHide(() => {
    readAloud.stop();
    setReading('idle');
  });

  if (!available) {
    return (
      <View id={`${id}-unavailable`} className="read-aloud__unavailable">
        {readAloud.unavailableWords}
      </View>
    );
  }

  const start = () => {
    setProblem('');
    setReading('speaking');
    readAloud.speak([title, ...speechPieces(text)], {
      onDone: () => setReading('idle'),
      onError: (message) => {
        setReading('idle');
        setProblem(message);
      },
    });
  };
  const stop = () => {
    readAloud.stop();
    setReading('idle');
  };

  return (
    <View className="read-aloud" ariaRole="region" ariaLabel="朗读">
      <BigButton
        id={id}
        kind={reading === 'idle' ? 'primary' : 'danger'}
        label={reading === 'idle' ? '朗读' : '停止朗读'}
        onClick={reading === 'idle' ? start : stop}
      />
      {reading === 'speaking' ? (
        <BigButton
          id={`${id}-pause`}
          kind="secondary"
          label="暂停"
          onClick={() => {
            readAloud.pause();
            setReading('paused');
          }}
        />
      ) : null}
      {reading === 'paused' ? (
        <BigButton
          id={`${id}-resume`}
          kind="secondary"
          label="接着读"
          onClick={() => {
            readAloud.resume();
            setReading('speaking');
          }}
        />
      ) : null}
      {reading !== 'idle' ? (
        <View id={`${id}-status`} className="read-aloud__status" ariaRole="status">
          {reading === 'paused' ? '已暂停，点“接着读”继续。' : '正在朗读…'}
        </View>
      ) : null}
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
    </View>
  );
}
