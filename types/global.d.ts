/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Build-time constants (config/index.ts → defineConstants). */
/** 'local': the project's emulator (dev and tests); 'production': Tencent CloudBase. */
declare const CLOUD_MODE: 'local' | 'production';
/** The CloudBase environment id ('local-dev' against the emulator). */
declare const CLOUDBASE_ENV_ID: string;
/** True in the local H5 build only: the emulator's demo sign-in and demo hints (absent from WeChat and production builds). */
declare const LOCAL_DEMO: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built (replaced at build time in src/). */
    TARO_ENV?: 'weapp' | 'h5';
    CLOUD_MODE?: 'local' | 'production';
    CLOUDBASE_ENV_ID?: string;
  }
}
