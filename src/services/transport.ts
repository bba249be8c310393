import type { CallEvent } from '@contract/envelope';

/**
 * Sends one call to a cloud function and resolves what the function returned (a
 * CallResult, unchecked); rejects when the network or the platform fails.
 * Taro picks transport.weapp.ts or transport.h5.ts by file suffix; this file only
 * gives the type to the type checker and to platforms we do not build.
 */
export type Transport = (name: string, data: CallEvent) => Promise<unknown>;

export const send: Transport = () => Promise.reject(new Error(`no cloud transport for ${process.env.TARO_ENV}`));
