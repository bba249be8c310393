import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_FILE = path.resolve(__dirname, '..', 'RESULTS.md');

const HEADER = `# Benchmarks

Measured numbers, not targets. Each section is written by one benchmark (\`bench/<name>.bench.ts\`)
between its \`<!-- bench:<name> -->\` markers; rerunning a benchmark replaces only its own section.

Rerun everything with \`npm run bench\`, or one benchmark with \`npm run bench -- <name>\`
(e.g. \`npm run bench -- emulator\`). Each benchmark runs in its own Node process.
Numbers depend heavily on the machine (CPU, and for anything that writes, the disk's fsync
latency), so compare ratios across machines, absolute figures only on the same one.
`;

/** Replace (or append) this benchmark's section of bench/RESULTS.md, keeping all others. */
export function writeSection(name: string, body: string) {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${body.trim()}\n${close}`;
  let text = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : HEADER;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + close.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  const tmp = `${RESULTS_FILE}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, RESULTS_FILE);
}

const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ');

/** Machine notes for the top of a section. */
export function machineNotes(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() || 'unknown CPU';
  return [
    `- Machine: ${model}, ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; run ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Load average (1/5/15 min): ${loadAtStart} at start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} at end (other work on the machine competes for its cores and disk)`,
  ].join('\n');
}
