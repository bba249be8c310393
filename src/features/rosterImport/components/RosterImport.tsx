import { IMPORT_EXTENSIONS, IMPORT_MAX_BYTES, type ImportJob, ROSTER_COLUMNS } from '@contract/roster';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatChineseDate } from '@/lib/dates';
import { openFile } from '@/services/openFile';
import { type PickedFile, pickFile } from '@/services/pickFile';
import { useImports } from '../api/list-imports';
import { useRosterImport } from '../api/run-import';
import './rosterImport.scss';

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Staff (whole district): choose the roster file, import it, watch it finish, get the error report. */
export function RosterImport() {
  const { state, start, resume, reset } = useRosterImport();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [problem, setProblem] = useState('');

  const choose = async () => {
    setProblem('');
    const file = await pickFile(IMPORT_EXTENSIONS);
    if (!file) return;
    if (!/\.(csv|xlsx)$/i.test(file.name)) return setProblem('只能导入 .xlsx 或 .csv 文件，请另存后再选');
    if (file.size === 0) return setProblem('这个文件是空的，请重新选择');
    if (file.size > IMPORT_MAX_BYTES)
      return setProblem(`文件太大了（${sizeText(file.size)}），请分成几个文件，每个不超过 ${IMPORT_MAX_BYTES / MB} MB`);
    setPicked(file);
  };

  if (state.kind === 'uploading') return <LoadingState message={`正在上传「${state.fileName}」…`} />;
  if (state.kind === 'running') return <Progress job={state.job} />;
  if (state.kind === 'finished' || state.kind === 'error') {
    return (
      <View className="roster-import">
        {state.kind === 'error' ? (
          <View id="import-error" className="roster-import__problem" ariaRole="alert">
            {state.message}
          </View>
        ) : null}
        {state.job ? <Summary job={state.job} /> : null}
        {state.kind === 'error' && state.job ? (
          <BigButton id="import-resume" label="继续导入" onClick={() => resume(state.job as ImportJob)} />
        ) : null}
        <BigButton
          id="import-again"
          kind="secondary"
          label="导入另一个文件"
          onClick={() => {
            setPicked(null);
            reset();
          }}
        />
      </View>
    );
  }

  return (
    <View className="roster-import">
      <View className="roster-import__intro">
        <Text className="roster-import__text">
          把全区的退休人员名单（Excel 的 .xlsx 或 .csv
          文件）导入系统。同一个人再次导入只会更新，不会重复；有问题的行会列出来，其余照常导入。
        </Text>
        <Text className="roster-import__text roster-import__muted">表头需要这些列：{ROSTER_COLUMNS.join('、')}。</Text>
      </View>
      {picked ? (
        <View id="import-picked" className="roster-import__picked">
          已选择：{picked.name}（{sizeText(picked.size)}）
        </View>
      ) : null}
      {problem ? (
        <View id="import-problem" className="roster-import__problem" ariaRole="alert">
          {problem}
        </View>
      ) : null}
      <BigButton id="import-choose" kind={picked ? 'secondary' : 'primary'} label={picked ? '换一个文件' : '选择文件'} onClick={choose} />
      {picked ? <BigButton id="import-start" label="开始导入" onClick={() => start(picked)} /> : null}
      <RecentImports onResume={resume} />
    </View>
  );
}

function percent(job: ImportJob): number {
  if (job.phase === 'validate' || !job.valid) return 0;
  return Math.min(100, Math.floor((job.processed / job.valid) * 100));
}

function Progress({ job }: { job: ImportJob }) {
  const pct = percent(job);
  const words = job.phase === 'validate' ? `正在检查「${job.fileName}」的每一行…` : `正在导入：已完成 ${job.processed} / ${job.valid} 行`;
  return (
    <View className="roster-import">
      <View id="import-progress-text" className="roster-import__text" ariaRole="status" ariaLabel={words}>
        {words}
      </View>
      {job.phase === 'write' && job.invalid > 0 ? (
        <View id="import-invalid-note" className="roster-import__text roster-import__muted">
          检查发现 {job.invalid} 行有问题，这些行先不导入，完成后会一一列出。
        </View>
      ) : null}
      <View className="roster-import__bar" ariaRole="progressbar" ariaLabel={`已完成百分之${pct}`}>
        <View id="import-progress" className="roster-import__bar-fill" style={{ width: `${pct}%` }} />
      </View>
      <Text className="roster-import__text roster-import__muted">
        可以留在这个页面等它完成。中途关掉也不要紧：已导入的不会丢，回来点"继续导入"就行。
      </Text>
    </View>
  );
}

function Summary({ job }: { job: ImportJob }) {
  if (job.phase === 'failed') {
    return (
      <View id="import-summary" className="roster-import__summary">
        <View className="roster-import__heading">没能导入「{job.fileName}」</View>
        <View className="roster-import__text">{job.failure}</View>
      </View>
    );
  }
  const done = job.phase === 'done';
  return (
    <View id="import-summary" className="roster-import__summary">
      <View className="roster-import__heading">{done ? `「${job.fileName}」导入完成` : `「${job.fileName}」还没导入完`}</View>
      <View className="roster-import__figures">
        <Figure id="import-total" label="文件里的人数" value={job.total ?? 0} />
        <Figure id="import-inserted" label="新增" value={job.inserted} />
        <Figure id="import-updated" label="信息有更新" value={job.updated} />
        <Figure id="import-unchanged" label="没有变化" value={job.unchanged} />
        <Figure id="import-invalid" label="有问题未导入" value={job.invalid} />
      </View>
      {job.invalid > 0 ? (
        <View className="roster-import__errors">
          <View className="roster-import__heading">有问题的行（改好后把整个文件再导入一次即可，已导入的不会重复）</View>
          {job.sampleErrors.map((e) => (
            <View key={`${e.row}-${e.column}`} className="roster-import__error">
              第{e.row}行「{e.column}」：{e.problem}
            </View>
          ))}
          {job.errorReportUrl ? (
            <BigButton
              id="import-report"
              kind="secondary"
              label="下载全部问题清单"
              onClick={() => openFile({ url: job.errorReportUrl as string, fileName: '导入问题清单.csv' }).catch(() => undefined)}
            />
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

function Figure({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <View id={id} className="roster-import__figure" ariaLabel={`${label}${value}人`}>
      <Text className="roster-import__figure-value">{value}</Text>
      <Text className="roster-import__figure-label">{label}</Text>
    </View>
  );
}

function RecentImports({ onResume }: { onResume: (job: ImportJob) => void }) {
  const query = useImports();
  if (query.isPending) return <LoadingState message="正在读取导入记录…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data.length) return <EmptyState message="还没有导入过名单" hint="选择文件后点「开始导入」。" />;
  return (
    <View className="roster-import__recent">
      <View className="roster-import__heading">最近的导入</View>
      {query.data.map((job) => (
        <View key={job.id} id={`import-job-${job.id}`} className="roster-import__job">
          <View className="roster-import__text">
            {formatChineseDate(job.createdAt)}「{job.fileName}」：
            {job.phase === 'done'
              ? `完成，新增${job.inserted}人，更新${job.updated}人，有问题${job.invalid}行`
              : job.phase === 'failed'
                ? `没能导入（${job.failure}）`
                : '还没做完'}
          </View>
          {job.phase === 'validate' || job.phase === 'write' ? (
            <BigButton kind="secondary" label="继续导入" onClick={() => onResume(job)} />
          ) : null}
        </View>
      ))}
    </View>
  );
}
