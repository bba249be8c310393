// Types only: in this build './readAloud' is this very file (Taro resolves the platform's own first).
import type { ReadAloudListener, ReadAloudService } from './readAloud';

/** A little slower than the voice's own pace: easier to follow for older listeners. */
const RATE = 0.85;
const LANG = 'zh-CN';

const synth = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && window.speechSynthesis && typeof window.SpeechSynthesisUtterance === 'function'
    ? window.speechSynthesis
    : null;

/** A Mainland Mandarin voice if the browser has one (the list may still be loading: then `lang` alone chooses). */
function chineseVoice(s: SpeechSynthesis): SpeechSynthesisVoice | null {
  const voices = s.getVoices?.() ?? [];
  const norm = (lang: string) => lang.replace('_', '-').toLowerCase();
  return voices.find((v) => norm(v.lang) === 'zh-cn') ?? voices.find((v) => norm(v.lang).startsWith('zh')) ?? null;
}

/** Each reading gets a number; events of a reading that was stopped are ignored. */
let reading = 0;

/** The browser's own speech (Web Speech API): utterances queued one per piece. */
export const readAloud: ReadAloudService = {
  available: () => synth() !== null,
  unavailableWords: '这个浏览器不能朗读，可以换用手机微信打开。',
  speak(pieces: string[], listener: ReadAloudListener) {
    const s = synth();
    if (!s || pieces.length === 0) {
      listener.onError('这个浏览器不能朗读。');
      return;
    }
    s.cancel();
    const mine = ++reading;
    const voice = chineseVoice(s);
    pieces.forEach((text, i) => {
      const u = new window.SpeechSynthesisUtterance(text);
      u.lang = LANG;
      u.rate = RATE;
      if (voice) {
        try {
          u.voice = voice;
        } catch {
          // lang alone still picks a Chinese voice
        }
      }
      if (i === pieces.length - 1) {
        u.onend = () => {
          if (mine === reading) listener.onDone();
        };
      }
      u.onerror = (e) => {
        // `canceled` / `interrupted`: we stopped it ourselves.
        if (mine !== reading || e.error === 'canceled' || e.error === 'interrupted') return;
        reading++;
        s.cancel();
        listener.onError('朗读没能进行下去，请再点一次“朗读”。');
      };
      s.speak(u);
    });
  },
  pause: () => synth()?.pause(),
  resume: () => synth()?.resume(),
  stop() {
    reading++;
    synth()?.cancel();
  },
};
