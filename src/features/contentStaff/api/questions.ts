import type { PolicyAnswerStaff, PolicyCategory, QuestionStatus, StaffQuestion, StaffQuestionPage } from '@contract/policy';
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: questions from their streets, waiting ones first (ID and phone numbers masked in the text). */
export const listQuestions = (status: QuestionStatus | undefined, page = 1): Promise<StaffQuestionPage> =>
  call('content', 'question.list', status ? { status, page } : { page });

export const getQuestionsQueryOptions = (status: QuestionStatus | undefined) =>
  infiniteQueryOptions({
    queryKey: contentStaffKeys.questionList(status),
    queryFn: ({ pageParam }) => listQuestions(status, pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: StaffQuestionPage) => (last.hasMore ? last.page + 1 : undefined),
  });

export const useQuestions = (status: QuestionStatus | undefined) =>
  useInfiniteQuery({ ...getQuestionsQueryOptions(status), refetchOnMount: 'always' });

/** Staff: one question whole. The server records every such read, so it is read once per opening, never in the background. */
export const getQuestion = (id: string): Promise<StaffQuestion> => call('content', 'question.get', { id });

export const useQuestion = (id: string) =>
  useQuery({ queryKey: contentStaffKeys.question(id), queryFn: () => getQuestion(id), staleTime: Number.POSITIVE_INFINITY, retry: false });

/** Staff: answer privately (only the asker sees it); answering again corrects it. */
export const answerQuestion = (input: { id: string; answer: string; requestId: string }): Promise<StaffQuestion> =>
  call('content', 'question.answer', input);

export const useAnswerQuestion = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: answerQuestion,
    onSuccess: (saved) => {
      // The answer carries the question whole: keep it, rather than read (and audit) it again.
      queryClient.setQueryData(contentStaffKeys.question(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: contentStaffKeys.questions });
    },
  });
};

/** Staff: a draft policy answer from an answered question, names and numbers masked; one per question. */
export const publishQuestion = (input: { id: string; category?: PolicyCategory; requestId: string }): Promise<PolicyAnswerStaff> =>
  call('content', 'question.publish', input);

export const usePublishQuestion = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishQuestion,
    onSuccess: (draft, { id }) => {
      queryClient.setQueryData<StaffQuestion>(contentStaffKeys.question(id), (q) => (q ? { ...q, publishedAnswerId: draft.id } : q));
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contentStaffKeys.questions }),
        queryClient.invalidateQueries({ queryKey: contentStaffKeys.answers }),
      ]);
    },
  });
};
