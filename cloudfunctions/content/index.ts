import { defineFunction } from '../_lib/defineFunction';
import { answerActions } from './answers';
import { noticeActions } from './notices';
import { questionActions } from './questions';
import { searchActions } from './search';

/** Content: notices, policy answers, questions people ask, and search over them. */
export const content = defineFunction('content', { ...noticeActions, ...answerActions, ...questionActions, ...searchActions });
export const main = content.main;
