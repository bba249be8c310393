import type { AttendanceExport, EventInput } from '@contract/events';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export type AttendanceExportInput = EventInput<'attendance.export'>;

/** Staff: who came, as a file — one occurrence, or every occurrence of an event. A retried requestId returns the same file. */
export const createAttendanceExport = (input: AttendanceExportInput): Promise<AttendanceExport> =>
  call('events', 'attendance.export', input);

export const useCreateAttendanceExport = () => useMutation({ mutationFn: createAttendanceExport });
