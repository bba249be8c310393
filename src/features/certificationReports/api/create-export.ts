import type { CertificationReportInput, ExportResult } from '@contract/certificationReports';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export type ExportInput = CertificationReportInput<'export.create'>;

/** A list as a file (masked numbers; whole only for an admin with a purpose). A retried requestId returns the same file. */
export const createExport = (input: ExportInput): Promise<ExportResult> => call('certification', 'export.create', input);

export const useCreateExport = () => useMutation({ mutationFn: createExport });
