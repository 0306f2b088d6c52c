import net from 'node:net';

/** A hand-driven HTTP/1.1 connection: the test decides when each byte is sent. */
export interface RawConnection {
  socket: net.Socket;
  /** Everything the server sent, and when it closed the connection (ms since connecting). */
  closed: Promise<{ text: string; afterMs: number }>;
  write(data: string | Buffer): Promise<void>;
}

export function connectRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise<{ text: string; afterMs: number }>((done) => {
      socket.on('close', () =>
        done({ text: Buffer.concat(chunks).toString('latin1'), afterMs: Date.now() - started }),
      );
    });
    socket.once('connect', () => {
      socket.off('error', reject);
      // Errors after connecting (a reset by the server) show up as the close above.
      socket.on('error', () => undefined);
      resolve({
        socket,
        closed,
        write: (data) =>
          new Promise<void>((written, failed) =>
            socket.write(data, (error) => (error ? failed(error) : written())),
          ),
      });
    });
    socket.once('error', reject);
  });
}

/** The status code of the (first) HTTP response in `text`, or 0 when there is none. */
export function statusOf(text: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
}

/** The JSON body of a response read with `Connection: close` (no chunked encoding expected). */
export function jsonBodyOf(text: string): unknown {
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body);
}

/** True when a new TCP connection to the port is refused. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Request head for a JSON body of `length` bytes, sent by hand. */
export function jsonHead(method: string, path: string, length: number, token?: string): string {
  return (
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${length}\r\n` +
    (token ? `Authorization: Bearer ${token}\r\n` : '') +
    '\r\n'
  );
}
