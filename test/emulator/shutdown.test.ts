import net from 'node:net';
import tcb from '@cloudbase/node-sdk';
import { startLocalCloud } from '../support/localCloud';

/**
 * Stopping the emulator while a client holds a request open. CI once waited 60 s in a
 * test's afterAll: the server's close() waited for a connection that never finished.
 */
test('a stop with an upload still half-sent ends cleanly and keeps what was acknowledged', async () => {
  const cloud = await startLocalCloud({ seed: false });
  try {
    const app: any = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' } as any);
    const { fileID } = await app.uploadFile({ cloudPath: 'stop/before.txt', fileContent: Buffer.from('acknowledged') });

    await fetch(`${cloud.url}/dev/accounts`, {
      method: 'PUT',
      body: JSON.stringify([{ id: 'staff-1', label: '工作人员', role: 'staff', name: '测试员', openid: 'o-staff-1' }]),
    });
    const token = await cloud.tokenFor('staff-1');

    // A signed-in client that announces 1 MB, sends 10 bytes and then nothing.
    const port = Number(new URL(cloud.url).port);
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('error', () => {});
    socket.resume(); // read what the server says, so the socket can see its end
    socket.write(
      `POST /h5/storage/upload?cloudPath=stop%2Fhalf.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nx-dev-token: ${token}\r\nContent-Length: 1048576\r\n\r\n0123456789`,
    );
    const cut = new Promise<void>((resolve) => socket.once('close', () => resolve()));

    await cloud.stop({ keepData: true });
    // It stopped by itself (exit code 0), not by the SIGKILL that follows 20 s of waiting.
    expect(cloud.lastExit()).toEqual({ code: 0, signal: null });
    await cut; // and the half-sent upload's connection was cut, not left hanging

    await cloud.restart();
    expect((await app.downloadFile({ fileID })).fileContent.toString()).toBe('acknowledged');
    await expect(app.downloadFile({ fileID: fileID.replace('before.txt', 'half.bin') })).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
    });
  } finally {
    await cloud.stop();
  }
}, 60_000);
