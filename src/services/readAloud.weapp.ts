import Taro from '@tarojs/taro';
// Types only: in this build './readAloud' is this very file (Taro resolves the platform's own first).
import type { ReadAloudListener, ReadAloudService } from './readAloud';

/**
 * WeChat has no speech API of its own: the 同声传译 plugin (WechatSI) turns a piece of text into
 * an mp3 (`textToSpeech`), played with an InnerAudioContext, piece after piece. The plugin is
 * declared in app.json only by a build that asks for it (WECHAT_TTS_PLUGIN=on, for an AppID that
 * has added the plugin); otherwise `requirePlugin` has nothing to give and the page shows no
 * button. See docs/DESIGN.md.
 */
interface WechatSI {
  textToSpeech(opts: {
    lang: 'zh_CN';
    tts: boolean;
    content: string;
    success: (res: { retcode?: number; filename?: string }) => void;
    fail: (err: { retcode?: number; msg?: string }) => void;
  }): void;
}

declare const requirePlugin: ((name: string) => unknown) | undefined;
declare const wx: { setInnerAudioOption?: (opts: { obeyMuteSwitch: boolean }) => void } | undefined;

function plugin(): WechatSI | null {
  try {
    if (typeof requirePlugin !== 'function') return null;
    const p = requirePlugin('WechatSI') as Partial<WechatSI> | undefined;
    return p && typeof p.textToSpeech === 'function' ? (p as WechatSI) : null;
  } catch {
    // Not declared in app.json: WeChat throws.
    return null;
  }
}

const FAILED = '朗读没能进行下去，请检查网络后再点一次“朗读”。';

let reading = 0;
let audio: Taro.InnerAudioContext | null = null;
/** Paused while a piece was still being made: it waits for 接着读. */
let paused = false;

function release() {
  if (!audio) return;
  const a = audio;
  audio = null;
  try {
    a.stop();
    a.destroy();
  } catch {
    // already gone
  }
}

/** The mp3 of one piece of text, or null when the plugin could not make it. */
const synthesise = (p: WechatSI, content: string) =>
  new Promise<string | null>((resolve) => {
    p.textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content,
      success: (res) => resolve(res?.filename && !res.retcode ? res.filename : null),
      fail: () => resolve(null),
    });
  });

async function readFrom(p: WechatSI, pieces: string[], i: number, mine: number, listener: ReadAloudListener) {
  if (mine !== reading) return;
  if (i >= pieces.length) {
    release();
    listener.onDone();
    return;
  }
  const file = await synthesise(p, pieces[i]);
  if (mine !== reading) return;
  if (!file) {
    release();
    reading++;
    listener.onError(FAILED);
    return;
  }
  // One context per piece: no listeners left over from the piece before.
  release();
  const a = Taro.createInnerAudioContext();
  audio = a;
  a.onEnded(() => void readFrom(p, pieces, i + 1, mine, listener));
  a.onError(() => {
    if (mine !== reading) return;
    release();
    reading++;
    listener.onError(FAILED);
  });
  a.src = file;
  if (!paused) a.play();
}

export const readAloud: ReadAloudService = {
  available: () => plugin() !== null,
  unavailableWords: '小程序的朗读功能还没有开通（要用微信的“同声传译”插件），暂时不能朗读。',
  speak(pieces, listener) {
    const p = plugin();
    if (!p || pieces.length === 0) {
      listener.onError('小程序的朗读功能还没有开通，暂时不能朗读。');
      return;
    }
    release();
    paused = false;
    const mine = ++reading;
    // Heard even with the phone's silent switch on: the person asked to listen.
    if (typeof wx !== 'undefined') wx?.setInnerAudioOption?.({ obeyMuteSwitch: false });
    void readFrom(p, pieces, 0, mine, listener);
  },
  pause() {
    paused = true;
    audio?.pause();
  },
  resume() {
    paused = false;
    audio?.play();
  },
  stop() {
    reading++;
    paused = false;
    release();
  },
};
