/**
 * Runs miniprogram-ci's getCompiledResult (WeChat's own compiler, offline) and prints the
 * compiled files' names and sizes as JSON on the last stdout line. Its own process, run
 * in a throwaway folder: the compiler leaves timers and a cache folder in its working
 * directory behind, and this process simply exits when done.
 *   node --import tsx test/package/compiledResult.ts <projectPath>
 */
import * as ci from 'miniprogram-ci';
import { openProject } from './ciProject';

async function main() {
  const project = openProject(process.argv[2]);
  // miniprogram-ci narrates every step on the console.
  console.log = console.warn = console.info = () => undefined;
  process.env.BUILD_SERVER = '1'; // compile in this process, not in a forked one
  const out = (await ci.getCompiledResult({ project, setting: { es6: false, minify: true } } as any)) as Record<string, string | Buffer>;
  const files = Object.fromEntries(Object.entries(out).map(([name, content]) => [name, content.length]));
  process.stdout.write(`\n${JSON.stringify(files)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
