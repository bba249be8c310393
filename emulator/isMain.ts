import path from 'node:path';

/** True when this file is the script node (or tsx) was asked to run. */
export function isMain(filename: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const strip = (p: string) => path.resolve(p).replace(/\.(ts|js)$/, '');
  return strip(entry) === strip(filename);
}
