import fs from 'node:fs';
import path from 'node:path';
import type { CloudFunction } from '../../cloudfunctions/_lib/defineFunction';

/** Every cloud function's action table, read from `cloudfunctions/<name>/index.ts` (each exports its `defineFunction` table). */
export function functionTables(): CloudFunction[] {
  const dir = path.resolve(__dirname, '../../cloudfunctions');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => {
      const mod = require(path.join(dir, d.name, 'index.ts'));
      const fn = Object.values(mod).find((v: any) => v && typeof v === 'object' && 'actions' in v && v.name === d.name) as
        | CloudFunction
        | undefined;
      if (!fn) throw new Error(`cloudfunctions/${d.name}/index.ts exports no defineFunction('${d.name}', …) table`);
      return fn;
    });
}
