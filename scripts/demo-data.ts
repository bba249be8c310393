/**
 * Writes a demo roster as CSV, ready for the staff roster import.
 *
 *   tsx scripts/demo-data.ts --scale district --out roster.csv [--seed N] [--today YYYY-MM-DD] [--no-bom]
 *
 * --scale: demo (60), district (36,558), city (600,000) or a number. Without --out
 * the CSV goes to stdout and the summary to stderr. Rows are streamed in batches
 * with back-pressure, so 600k rows never sit in memory as one string.
 *
 * The file starts with a UTF-8 byte-order mark by default: Excel on a Chinese
 * Windows PC reads a CSV without one as GBK and shows the names as mojibake.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { csvLine, ROSTER_CSV_HEADER, rosterCsvLine } from '../emulator/seed/csv';
import { DEFAULT_SEED, DEFAULT_TODAY, generateRoster, SCALES, type Scale, scaleCount } from '../emulator/seed/generate';

const USAGE =
  'usage: tsx scripts/demo-data.ts --scale demo|district|city|<count> [--out file.csv] [--seed N] [--today YYYY-MM-DD] [--no-bom]';
const BATCH = 2000;

function parseScale(s: string): Scale {
  if (s in SCALES) return s as keyof typeof SCALES;
  if (/^\d+$/.test(s)) return Number(s);
  throw new Error(`unknown --scale ${s}\n${USAGE}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'demo' },
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      today: { type: 'string', default: DEFAULT_TODAY },
      'no-bom': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const count = scaleCount(parseScale(values.scale));
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number\n${USAGE}`);

  const started = performance.now();
  const out = values.out ? createWriteStream(values.out, { encoding: 'utf8' }) : process.stdout;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };

  await write((values['no-bom'] ? '' : '\uFEFF') + csvLine(ROSTER_CSV_HEADER));
  let batch: string[] = [];
  let rows = 0;
  for (const row of generateRoster(count, seed, values.today)) {
    batch.push(rosterCsvLine(row));
    rows++;
    if (batch.length === BATCH) {
      await write(batch.join(''));
      batch = [];
    }
  }
  await write(batch.join(''));
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const log = out === process.stdout ? console.error : console.log;
  log(`${rows} rows${values.out ? ` → ${values.out}` : ''} in ${seconds} s (seed ${seed}, today ${values.today})`);
}

// `... | head` closes the pipe early; that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
