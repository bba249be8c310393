import { REVEAL_PURPOSES } from '@contract/accounts';
import type { ExportList, ExportResult } from '@contract/certificationReports';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { openFile } from '@/services/openFile';
import { useCreateExport } from '../api/create-export';
import type { Street } from '../api/get-stats';

type Purpose = keyof typeof REVEAL_PURPOSES;
type Format = 'xlsx' | 'csv';

const LIST_WORDS: Record<ExportList, string> = {
  certified: '本期已认证名单',
  suspended: '暂停发放名单',
  restored: '恢复发放名单',
};
const LISTS = (Object.keys(LIST_WORDS) as ExportList[]).map((value) => ({ value, label: LIST_WORDS[value], key: value }));
const FORMATS: Array<{ value: Format; label: string; key: Format }> = [
  { value: 'xlsx', label: 'Excel 表格（.xlsx）', key: 'xlsx' },
  { value: 'csv', label: 'CSV（.csv，电脑上用）', key: 'csv' },
];
const NUMBERS: Array<{ value: 'masked' | 'whole'; label: string; key: string }> = [
  { value: 'masked', label: '号码打码（推荐）', key: 'masked' },
  { value: 'whole', label: '显示完整号码', key: 'whole' },
];
const PURPOSES = (Object.keys(REVEAL_PURPOSES) as Purpose[]).map((value) => ({ value, label: REVEAL_PURPOSES[value], key: value }));

/**
 * 导出名单: which list, which format, numbers masked — or, for an admin, whole after choosing
 * why and confirming on the page. Then a button that downloads (browser) or opens (WeChat) it.
 * One requestId per submission: tapping again after an error returns the same file.
 */
export function ExportForm({ street, isAdmin }: { street?: Street; isAdmin: boolean }) {
  const create = useCreateExport();
  const [list, setList] = useState<ExportList>('certified');
  const [format, setFormat] = useState<Format>('xlsx');
  const [whole, setWhole] = useState(false);
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const [purposeError, setPurposeError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [openProblem, setOpenProblem] = useState('');
  const [opening, setOpening] = useState(false);

  /** A different choice is a different export. */
  const changed = () => {
    setRequestId(newRequestId());
    setConfirming(false);
    create.reset();
  };

  const run = () =>
    create.mutate(
      { list, format, whole, ...(whole && purpose ? { purpose } : {}), ...(street ? { street } : {}), requestId },
      {
        onSuccess: (r) => {
          setConfirming(false);
          setResult(r);
        },
        onError: () => setConfirming(false),
      },
    );

  const submit = () => {
    if (whole) {
      if (!purpose) return setPurposeError('请选择导出原因');
      return setConfirming(true);
    }
    run();
  };

  const download = (r: ExportResult) => {
    setOpenProblem('');
    setOpening(true);
    openFile({ url: r.url, fileName: r.fileName })
      // openFile rejects with words for the page; anything else gets a plain sentence, never a stack's.
      .catch((e: unknown) =>
        setOpenProblem(e instanceof Error && /[\u4e00-\u9fa5]/.test(e.message) ? e.message : '文件没能打开，请再点一次'),
      )
      .finally(() => setOpening(false));
  };

  if (result) {
    return (
      <View className="cert-reports__block">
        <Callout tone="done" id="export-done">
          已生成「{result.fileName}」，共 {result.rows} 人{result.whole ? '，含完整号码，请妥善保管，用完删除' : '，号码已打码'}。
        </Callout>
        {openProblem ? (
          <Callout tone="problem" id="export-open-problem">
            {openProblem}
          </Callout>
        ) : null}
        <BigButton id="export-download" label="下载文件" busy={opening} busyLabel="正在下载…" onClick={() => download(result)} />
        <View className="cert-reports__text cert-reports__muted">下载链接一小时内有效；过期了再导出一次就行。</View>
        <BigButton
          id="export-again"
          kind="secondary"
          label="再导出一份"
          onClick={() => {
            setResult(null);
            setOpenProblem('');
            changed();
          }}
        />
      </View>
    );
  }

  const purposeText = purpose ? REVEAL_PURPOSES[purpose] : '';
  return (
    <View className="cert-reports__block" ariaRole="form" ariaLabel="导出名单">
      <Choices
        id="export-list"
        label="导出哪个名单"
        options={LISTS}
        selected={[list]}
        onToggle={(v) => {
          setList(v);
          changed();
        }}
      />
      <Choices
        id="export-format"
        label="文件格式"
        options={FORMATS}
        selected={[format]}
        onToggle={(v) => {
          setFormat(v);
          changed();
        }}
      />
      {isAdmin ? (
        <Choices
          id="export-numbers"
          label="身份证号和手机号"
          options={NUMBERS}
          selected={[whole ? 'whole' : 'masked']}
          onToggle={(v) => {
            setWhole(v === 'whole');
            if (v === 'masked') setPurpose(null);
            setPurposeError('');
            changed();
          }}
        />
      ) : (
        <View className="cert-reports__text cert-reports__muted">身份证号和手机号打码显示，例如 3502**********1234。</View>
      )}
      {isAdmin && whole ? (
        <>
          <Choices
            id="export-purpose"
            label="为什么要导出完整号码（必选）"
            options={PURPOSES}
            selected={purpose ? [purpose] : []}
            error={purposeError}
            onToggle={(v) => {
              setPurpose(v);
              setPurposeError('');
              changed();
            }}
          />
          <View className="cert-reports__text cert-reports__muted">
            导出完整号码会记录下来，名单上的每个人都能在"我的信息"里看到是谁、为什么导出。
          </View>
        </>
      ) : null}
      {create.isError ? (
        <Callout tone="problem" id="export-problem">
          {messageOf(create.error)}
        </Callout>
      ) : null}
      {confirming ? (
        <ConfirmStep
          id="export-whole"
          message="确定导出完整号码吗？"
          detail={`文件里会有${LIST_WORDS[list]}上每个人完整的身份证号和手机号，用于"${purposeText}"。文件请妥善保管，用完删除。`}
          confirmLabel="确定导出"
          busy={create.isPending}
          onConfirm={run}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <BigButton id="export-create" label="生成文件" busy={create.isPending} busyLabel="正在生成…" onClick={submit} />
      )}
    </View>
  );
}
