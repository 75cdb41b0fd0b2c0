import type { Server } from 'restify';

/**
 * The child's side of ChildServer (child-server.ts) for a restify server: listens on PORT (any
 * free port by default) on loopback, reports its URL, and closes and exits when told to stop.
 * It imports nothing else, since the bare restify baseline loads it and its memory is measured.
 */
export function serveForParent(server: Server): void {
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ ready: `http://127.0.0.1:${address.port}` });
  });
  process.on('message', (message) => {
    if (message === 'stop') server.close(() => process.exit(0));
  });
}
