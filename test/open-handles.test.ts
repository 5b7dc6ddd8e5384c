/**
 * The check behind test/support/handle-guard-environment.mjs, which fails a test file that leaves a handle
 * open. Each leak below is left open on purpose while it is looked at, so no timing decides the outcome.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { activeHandles, handlesLeftOpen } from './support/open-handles.mjs';

async function listening(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const closed = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

describe('handlesLeftOpen', () => {
  test('names a server left listening, and nothing once it is closed', async () => {
    const before = activeHandles();
    const server = await listening();
    try {
      expect(await handlesLeftOpen(before, { waitMs: 0 })).toEqual({ TCPServerWrap: 1 });
    } finally {
      await closed(server);
    }
    expect(await handlesLeftOpen(before)).toEqual({});
  });

  test('a socket closed by the peer is waited for, not reported', async () => {
    const before = activeHandles();
    const server = await listening();
    try {
      const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      expect(Object.keys(await handlesLeftOpen(before, { waitMs: 0 })).sort()).toEqual([
        'TCPServerWrap',
        'TCPSocketWrap',
      ]);
    } finally {
      server.closeAllConnections();
      await closed(server);
    }
    expect(await handlesLeftOpen(before)).toEqual({});
  });
});
