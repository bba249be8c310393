import path from 'node:path';
import { startEmulator } from '../emulator/cli';
import { isMain } from '../emulator/isMain';
import { seedDemoData } from '../emulator/seed/seed';
import { buildFunctions } from './build-functions';

/**
 * `npm run emulator`: build the functions, start the emulator and functions host, seed
 * the demo data, and print the one line a script needs to use the SDK against it.
 */
export async function runEmulator(port = Number(process.env.EMULATOR_PORT ?? 9000)) {
  const root = path.resolve(__dirname, '..');
  await buildFunctions();
  const emu = await startEmulator({
    port,
    dataDir: path.join(root, '.local-cloud'),
    functionsDir: path.join(root, 'dist/cloudfunctions'),
    envId: 'local-dev',
  });
  const seeded = await seedDemoData(emu.adminUrl);
  const stop = () => void emu.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { emu, seeded };
}

if (isMain(__filename)) {
  runEmulator()
    .then(({ emu }) => console.log(`TCB_CONTEXT_CNFG=${JSON.stringify({ URL: emu.adminUrl })}`))
    .catch((e) => {
      console.error(e.message ?? e);
      process.exit(1);
    });
}
