/**
 * Reading an answer or a notice aloud. The browser uses the Web Speech API (`speechSynthesis`,
 * a zh-CN voice, a little slower than usual); WeChat has no speech API of its own, so there it is
 * the 同声传译 plugin (WechatSI `textToSpeech`, an mp3 per piece, played one after another) when
 * the build declares it (see docs/DESIGN.md). Taro picks readAloud.h5.ts or readAloud.weapp.ts.
 * Where it cannot read, `available()` is false, the page shows no button and says why in
 * `unavailableWords`.
 */
export interface ReadAloudListener {
  /** Everything was read. */
  onDone(): void;
  /** It could not go on; `message` is plain Chinese to show on the page. */
  onError(message: string): void;
}

export interface ReadAloudService {
  /** Whether this phone or browser can read aloud (asked when the button is drawn). */
  available(): boolean;
  /** Why not, in plain words, shown where the button would be. */
  unavailableWords: string;
  /** Reads the pieces in order, after stopping anything being read. Call from a tap. */
  speak(pieces: string[], listener: ReadAloudListener): void;
  pause(): void;
  resume(): void;
  /** Stops at once; the listener hears nothing more. */
  stop(): void;
}

export const readAloud: ReadAloudService = {
  available: () => false,
  unavailableWords: '这里暂时不能朗读。',
  speak: (_pieces, listener) => listener.onError('这里暂时不能朗读。'),
  pause: () => undefined,
  resume: () => undefined,
  stop: () => undefined,
};
