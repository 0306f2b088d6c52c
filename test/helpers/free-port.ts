import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A free loopback port: a server started as a process cannot listen on 0 and still tell us its port. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
