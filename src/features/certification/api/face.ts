import { FACE_CONSENT_VERSION, type FaceFinished, type FaceStarted, type FaceToday } from '@contract/certification';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { faceVerify } from '@/services/faceVerify';

export const certificationKeys = {
  all: ['certification'] as const,
  today: (retireeId: string) => ['certification', 'face-today', retireeId] as const,
  history: (retireeId: string) => ['certification', 'history', retireeId] as const,
};

export const getFaceToday = (retireeId: string): Promise<FaceToday> => call('certification', 'face.today', { retireeId });

export const useFaceToday = (retireeId: string) =>
  useQuery({ queryKey: certificationKeys.today(retireeId), queryFn: () => getFaceToday(retireeId), enabled: !!retireeId });

export const giveFaceConsent = () => call('certification', 'face.consent', { version: FACE_CONSENT_VERSION });

export const startFace = (retireeId: string, requestId: string): Promise<FaceStarted> =>
  call('certification', 'face.start', {
    retireeId,
    channel: faceVerify.channel,
    requestId,
    ...(faceVerify.returnUrl() ? { returnUrl: faceVerify.returnUrl() } : {}),
  });

export const finishFace = (attemptId: string, client?: 'done' | 'cancelled' | 'failed'): Promise<FaceFinished> =>
  call('certification', 'face.finish', { attemptId, ...(client ? { client } : {}) });
