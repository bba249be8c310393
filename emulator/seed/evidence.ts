/**
 * Deterministic evidence files for the big-data comparison: the demo's small file and the
 * benchmark's large ones, as CSV lines (UTF-8, CRLF), one at a time so a 10,000,000-row
 * file is streamed to disk, never held.
 *
 * Each roster person gets one profile, so the outcome is known in advance: most are shown
 * alive by a strong source (certified), some by two different weak sources (certified), some
 * by one weak source only or by records older than the rules' 90 days (not enough), a few
 * by a death or cancellation record (verification list). A share of rows names people not on
 * the roster (area code 990999, which the roster generator never issues).
 */
import { DEFAULT_RULES } from '../../contract/certification';
import { EVIDENCE_COLUMNS } from '../../contract/comparison';
import { checkDigit } from '../../contract/idCard';
import { csvLine } from './csv';
import { DEFAULT_SEED, DEFAULT_TODAY, mulberry32, type RosterRow } from './generate';

export type Profile = 'strong' | 'weak2' | 'weak1' | 'stale' | 'stop' | 'absent';

/** Shares of the roster by profile (the rest are absent from the file). */
const PROFILES: Array<[Profile, number]> = [
  ['strong', 0.55],
  ['weak2', 0.09],
  ['weak1', 0.12],
  ['stale', 0.1],
  ['stop', 0.002],
];

const DAY_MS = 86_400_000;
const dayBefore = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

export interface EvidenceOptions {
  /** Data rows to write (header excluded). */
  rows: number;
  /** Share of rows naming people not on the roster. */
  unmatchedShare?: number;
  seed?: number;
  today?: string;
}

export function profileOf(rng: () => number): Profile {
  let x = rng();
  for (const [p, share] of PROFILES) {
    if (x < share) return p;
    x -= share;
  }
  return 'absent';
}

/** The header, then `rows` data lines. */
export function* evidenceLines(roster: RosterRow[], opts: EvidenceOptions): Generator<string> {
  const rng = mulberry32((opts.seed ?? DEFAULT_SEED) ^ 0x5eed);
  const today = opts.today ?? DEFAULT_TODAY;
  const { strong, weak, stop } = DEFAULT_RULES.evidence;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const fresh = () => dayBefore(today, Math.floor(rng() * 85));
  const stale = () => dayBefore(today, 100 + Math.floor(rng() * 200));
  const present = roster.map((r) => ({ r, p: profileOf(rng) })).filter((x) => x.p !== 'absent');
  const unmatchedRows = Math.round(opts.rows * (opts.unmatchedShare ?? 0.05));
  const rosterRows = opts.rows - unmatchedRows;
  yield csvLine([...EVIDENCE_COLUMNS]);
  // Round-robin over the people present, so every one gets rows (≈ rosterRows / people each).
  for (let i = 0; i < rosterRows; i++) {
    const { r, p } = present[i % present.length];
    const round = Math.floor(i / present.length);
    let source: string;
    let date: string;
    if (p === 'strong') [source, date] = round % 3 === 0 ? [pick(strong), fresh()] : [pick(weak), fresh()];
    else if (p === 'weak2') [source, date] = [weak[round % 2], fresh()];
    else if (p === 'weak1') [source, date] = [weak[0], fresh()];
    else if (p === 'stale') [source, date] = [pick(strong), stale()];
    else [source, date] = round === 0 ? [pick(stop), fresh()] : [weak[0], fresh()];
    yield csvLine([r.idNumber, r.name, source, date]);
  }
  for (let i = 0; i < unmatchedRows; i++) {
    const n = Math.floor(rng() * 400_000);
    const first17 = `990999${1940 + (n % 30)}${String(1 + (Math.floor(n / 30) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 360) % 28)).padStart(2, '0')}${String(Math.floor(n / 10_080) % 1000).padStart(3, '0')}`;
    yield csvLine([first17 + checkDigit(first17), '某某', pick(strong), fresh()]);
  }
}

/** The small file for trying the comparison locally (`emulator/seed/demo-evidence.csv`). */
export function demoEvidenceCsv(roster: RosterRow[], today = DEFAULT_TODAY): string {
  const people = roster.slice(3); // not the three demo accounts' people
  const last = people[people.length - 1];
  const extra = [
    csvLine([last.idNumber, last.name, '民政死亡', dayBefore(today, 12)]), // on the verification list
    csvLine([last.idNumber, last.name, '医保结算', dayBefore(today, 10)]), // …and a conflict: not certified
    csvLine([people[0].idNumber, '王某', '医保结算', dayBefore(today, 5)]), // a name that differs from the roster's
    csvLine([`${people[1].idNumber.slice(0, 17)}0`, people[1].name, '医保结算', dayBefore(today, 5)]), // a mistyped ID
  ];
  return `\ufeff${[...evidenceLines(people.slice(2, -1), { rows: 200, unmatchedShare: 0.05, today }), ...extra].join('')}`;
}
