import { STREETS } from '@contract/accounts';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Choices } from '@/components/Choices';
import { useMe } from '@/features/account/api/get-me';
import type { Street } from '../api/get-stats';
import { ExportForm } from './ExportForm';
import { SchedulerPanel } from './SchedulerPanel';
import { StatsTables } from './StatsTables';
import './certificationReports.scss';

type StreetChoice = Street | 'all';

/**
 * Staff: 认证统计和名单导出 — the statistics of their streets, the lists as files, and for
 * admins the daily job. Staff with more than one street (admins and district staff: the
 * whole district) may narrow both the statistics and the exports to one street.
 */
export function CertificationReports() {
  const me = useMe();
  const [choice, setChoice] = useState<StreetChoice>('all');
  const isAdmin = me.data?.role === 'admin';
  const mine = me.data?.streets;
  const streets: Street[] = isAdmin || mine === 'all' ? [...STREETS] : STREETS.filter((s) => Array.isArray(mine) && mine.includes(s));
  const street = choice === 'all' ? undefined : choice;
  const options = [
    { value: 'all' as StreetChoice, label: isAdmin || mine === 'all' ? '全区' : '我负责的街道', key: 'all' },
    ...streets.map((s) => ({ value: s as StreetChoice, label: s, key: String(STREETS.indexOf(s)) })),
  ];

  return (
    <View className="cert-reports">
      {streets.length > 1 ? (
        <Choices id="stats-street" label="看哪个街道" options={options} selected={[choice]} onToggle={setChoice} />
      ) : null}
      <View className="cert-reports__section-title" ariaRole="heading" aria-level="2">
        认证统计
      </View>
      <StatsTables street={street} />
      <View className="cert-reports__section-title" ariaRole="heading" aria-level="2">
        导出名单
      </View>
      {/* A different street is a different export: a fresh form (and request id). */}
      <ExportForm key={choice} street={street} isAdmin={isAdmin} />
      {isAdmin ? (
        <>
          <View className="cert-reports__section-title" ariaRole="heading" aria-level="2">
            今天的自动任务
          </View>
          <SchedulerPanel />
        </>
      ) : null}
    </View>
  );
}
