import { EVIDENCE_COLUMNS, MATCH_MAX_BYTES, type MatchJob } from '@contract/comparison';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatChineseDate } from '@/lib/dates';
import { openFile } from '@/services/openFile';
import { type PickedFile, pickFile } from '@/services/pickFile';
import { useMatches } from '../api/list-matches';
import { useMatchFile } from '../api/run-match';
import './comparison.scss';

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Staff: upload an evidence file, watch it being matched, read the report. */
export function Comparison() {
  const { state, start, resume, reset } = useMatchFile();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [problem, setProblem] = useState('');

  const choose = async () => {
    setProblem('');
    const file = await pickFile(['.csv', '.xlsx']);
    if (!file) return;
    if (!/\.(csv|xlsx)$/i.test(file.name)) return setProblem('只能比对 .xlsx 或 .csv 文件，请另存后再选');
    if (file.size === 0) return setProblem('这个文件是空的，请重新选择');
    if (file.size > MATCH_MAX_BYTES)
      return setProblem(`文件太大了（${sizeText(file.size)}），请分成几个文件，每个不超过 ${MATCH_MAX_BYTES / MB} MB`);
    setPicked(file);
  };

  if (state.kind === 'uploading') return <LoadingState message={`正在上传「${state.fileName}」…`} />;
  if (state.kind === 'running') return <Progress job={state.job} />;
  if (state.kind === 'finished' || state.kind === 'error') {
    return (
      <View className="comparison">
        {state.kind === 'error' ? (
          <Callout tone="problem" id="match-error">
            {state.message}
          </Callout>
        ) : null}
        {state.job ? <Summary job={state.job} /> : null}
        {state.kind === 'error' && state.job ? (
          <BigButton id="match-resume" label="继续比对" onClick={() => resume(state.job as MatchJob)} />
        ) : null}
        <BigButton
          id="match-again"
          kind="secondary"
          label="比对另一个文件"
          onClick={() => {
            setPicked(null);
            reset();
          }}
        />
      </View>
    );
  }

  return (
    <View className="comparison">
      <View className="comparison__section">
        <Text className="comparison__text">
          把医保、公交、民政等部门给的数据文件（.xlsx 或 .csv）和退休人员名单比对。数据能证明本人健在的，自动完成认证，老人不用做任何事。
        </Text>
        <Text className="comparison__text comparison__muted">
          表头需要这些列：{EVIDENCE_COLUMNS.join('、')}
          （姓名可以空着）。同一个文件比对两次不会重复认证。死亡、注销记录不会认证，这些人会列入下面的核实名单。
        </Text>
        {/* Only the local emulator has the demo file (its people are the demo roster's). */}
        {LOCAL_DEMO ? (
          <Callout tone="info" id="match-demo-hint">
            本地试用：项目里的 emulator/seed/demo-evidence.csv 是一份示例文件，里面的人都在演示名单上。
          </Callout>
        ) : null}
      </View>
      {picked ? (
        <View id="match-picked" className="comparison__picked">
          已选择：{picked.name}（{sizeText(picked.size)}）
        </View>
      ) : null}
      {problem ? (
        <Callout tone="problem" id="match-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton id="match-choose" kind={picked ? 'secondary' : 'primary'} label={picked ? '换一个文件' : '选择文件'} onClick={choose} />
      {picked ? <BigButton id="match-start" label="开始比对" onClick={() => start(picked)} /> : null}
      <RecentMatches onResume={resume} />
    </View>
  );
}

function percent(job: MatchJob): number {
  if (job.phase === 'read' || job.phase === 'merge' || !job.people) return 0;
  return Math.min(100, Math.floor((job.processed / job.people) * 100));
}

function Progress({ job }: { job: MatchJob }) {
  const pct = percent(job);
  const words =
    job.phase === 'read'
      ? `正在读取「${job.fileName}」的每一行…`
      : job.phase === 'merge'
        ? `已读完 ${job.rows ?? 0} 行，正在按人归并…`
        : job.phase === 'report'
          ? '正在整理比对结果…'
          : `正在比对：已完成 ${job.processed} / ${job.people ?? 0} 人`;
  return (
    <View className="comparison">
      <View id="match-progress-text" className="comparison__text" ariaRole="status" ariaLabel={words}>
        {words}
      </View>
      <View className="comparison__bar" ariaRole="progressbar" ariaLabel={`已完成百分之${pct}`}>
        <View id="match-progress" className="comparison__bar-fill" style={{ width: `${pct}%` }} />
      </View>
      <Text className="comparison__text comparison__muted">
        可以留在这个页面等它完成。中途关掉也不要紧：已比对的不会丢，回来点"继续比对"就行。
      </Text>
    </View>
  );
}

export function Summary({ job }: { job: MatchJob }) {
  if (job.phase === 'failed') {
    return (
      <View id="match-summary" className="comparison__section">
        <View className="comparison__heading">没能比对「{job.fileName}」</View>
        <View className="comparison__text">{job.failure}</View>
      </View>
    );
  }
  const c = job.counts;
  return (
    <View id="match-summary" className="comparison__section">
      <View className="comparison__heading">{job.phase === 'done' ? `「${job.fileName}」比对完成` : `「${job.fileName}」还没比对完`}</View>
      {job.whole ? null : <View className="comparison__text comparison__muted">这是全区的比对，这里只显示您负责街道的人。</View>}
      <View className="comparison__figures">
        {job.whole ? <Figure id="match-rows" label="文件行数" value={job.rows ?? 0} unit="行" /> : null}
        <Figure id="match-matched" label="名单上的人" value={c.matched} />
        <Figure id="match-certified" label="本次认证" value={c.certified} />
        <Figure id="match-already" label="早已认证" value={c.alreadyCertified} />
        <Figure id="match-not-enough" label="证据不足" value={c.notEnough} />
        <Figure id="match-stop" label="死亡或注销" value={c.stopRecords} />
        <Figure id="match-stopped" label="已停止自动认证" value={c.stopped} />
        <Figure id="match-conflicts" label="需要核对" value={c.conflicts} />
        {job.whole ? <Figure id="match-unmatched" label="名单上没有" value={job.unmatched} /> : null}
        {job.whole ? <Figure id="match-invalid" label="有问题的行" value={job.invalidRows} unit="行" /> : null}
      </View>
      {job.sampleProblems.length ? (
        <View className="comparison__section">
          <View className="comparison__heading">有问题的行（这些行没有用上）</View>
          {job.sampleProblems.map((p) => (
            <View key={p.row} className="comparison__row">
              第{p.row}行：{p.problem}
            </View>
          ))}
        </View>
      ) : null}
      {job.reportUrl ? <ReportButton url={job.reportUrl} /> : null}
    </View>
  );
}

function Figure({ id, label, value, unit = '人' }: { id: string; label: string; value: number; unit?: string }) {
  return (
    <View id={id} className="comparison__figure" ariaLabel={`${label}${value}${unit}`}>
      <Text className="comparison__figure-value">{value}</Text>
      <Text className="comparison__figure-label">{label}</Text>
    </View>
  );
}

/** The report is a CSV: in WeChat it goes to a chat to open on a computer (the viewer cannot show CSV). */
function ReportButton({ url }: { url: string }) {
  const [problem, setProblem] = useState('');
  return (
    <>
      {problem ? (
        <Callout tone="problem" id="match-report-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton
        id="match-report"
        kind="secondary"
        label="下载比对清单（名单上没有的、需要核对的、有问题的行）"
        onClick={() => {
          setProblem('');
          openFile({ url, fileName: '比对清单.csv' }).catch((e: Error) => setProblem(e.message));
        }}
      />
    </>
  );
}

function RecentMatches({ onResume }: { onResume: (job: MatchJob) => void }) {
  const query = useMatches();
  if (query.isPending) return <LoadingState message="正在读取比对记录…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data.length) return <EmptyState message="还没有比对过数据" hint="选择文件后点「开始比对」。" />;
  return (
    <View className="comparison__section">
      <View className="comparison__heading">最近的比对</View>
      {query.data.map((job) => (
        <View key={job.id} id={`match-job-${job.id}`} className="comparison__row">
          <View className="comparison__text">
            {formatChineseDate(job.createdAt)}「{job.fileName}」：
            {job.phase === 'done'
              ? `完成，认证${job.counts.certified}人，死亡或注销${job.counts.stopRecords}人，需要核对${job.counts.conflicts}人`
              : job.phase === 'failed'
                ? `没能比对（${job.failure}）`
                : '还没做完'}
          </View>
          {job.phase === 'read' || job.phase === 'merge' || job.phase === 'match' || job.phase === 'report' ? (
            <BigButton kind="secondary" label="继续比对" onClick={() => onResume(job)} />
          ) : null}
        </View>
      ))}
    </View>
  );
}
