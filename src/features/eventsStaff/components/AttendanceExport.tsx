import type { AttendanceExport as ExportFile } from '@contract/events';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { openFile } from '@/services/openFile';
import { useCreateAttendanceExport } from '../api/attendance-export';

interface AttendanceExportProps {
  /** One occurrence, or every occurrence of an event. */
  target: { occurrenceId: string } | { eventId: string };
  /** Ids: `<id>-create`, `<id>-done`, `<id>-download`. */
  id: string;
  label?: string;
}

/**
 * 导出签到表: the server writes an Excel file; then a 下载文件 button opens it (WeChat's viewer,
 * or a new browser tab). Two taps because both WeChat and browsers open files only from a tap.
 * One requestId per export: a tap again after an error returns the same file.
 */
export function AttendanceExport({ target, id, label = '导出签到表' }: AttendanceExportProps) {
  const create = useCreateAttendanceExport();
  const [requestId, setRequestId] = useState(newRequestId);
  const [result, setResult] = useState<ExportFile | null>(null);
  const [opening, setOpening] = useState(false);
  const [openProblem, setOpenProblem] = useState('');

  const download = (file: ExportFile) => {
    setOpenProblem('');
    setOpening(true);
    openFile({ url: file.url, fileName: file.fileName })
      // openFile rejects with words for the page; anything else gets a plain sentence.
      .catch((e: unknown) =>
        setOpenProblem(e instanceof Error && /[\u4e00-\u9fa5]/.test(e.message) ? e.message : '文件没能打开，请再点一次'),
      )
      .finally(() => setOpening(false));
  };

  if (result) {
    return (
      <View>
        <Callout tone="done" id={`${id}-done`}>
          已生成「{result.fileName}」，共 {result.rows} 条记录，手机号已打码。
        </Callout>
        {openProblem ? (
          <Callout tone="problem" id={`${id}-open-problem`}>
            {openProblem}
          </Callout>
        ) : null}
        <BigButton id={`${id}-download`} label="下载文件" busy={opening} busyLabel="正在下载…" onClick={() => download(result)} />
        <View className="events-staff__text events-staff__muted">下载链接一小时内有效；过期了再导出一次就行。</View>
        <BigButton
          id={`${id}-again`}
          kind="secondary"
          label="重新导出（签到有变化时）"
          onClick={() => {
            setResult(null);
            setRequestId(newRequestId());
            create.reset();
          }}
        />
      </View>
    );
  }
  return (
    <View>
      {create.isError ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {messageOf(create.error)}
        </Callout>
      ) : null}
      <BigButton
        id={`${id}-create`}
        kind="secondary"
        label={label}
        busy={create.isPending}
        busyLabel="正在生成…"
        onClick={() => create.mutate({ ...target, format: 'xlsx', requestId }, { onSuccess: setResult })}
      />
    </View>
  );
}
