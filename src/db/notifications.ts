import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What follows a channel's notifications (PostgreSQL `LISTEN`). */
export interface ChannelListener {
  onNotification(payload: string): void;
  /** Notifications may have been missed from now on (the connection was lost); until `onListening` again. */
  onLost(): void;
  /** Following the channel (again): every notification committed from now on arrives. */
  onListening(): void;
}

/** Stops following the channel. */
export type StopListening = () => Promise<void>;

const RECONNECT_DELAY_MS = 1000;

/**
 * A dedicated connection that LISTENs on one channel, outside the pool (a pooled connection is handed to
 * other work). It reconnects after a loss, reporting the gap in between: the database's failure must not
 * leave a follower believing it missed nothing.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  listener: ChannelListener,
  connectTimeoutMs: number,
): Promise<StopListening> {
  let stopped = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client) => {
    if (client !== current) return;
    current = undefined;
    listener.onLost();
    client.end().catch(() => undefined);
    if (!stopped) retry = setTimeout(connect, RECONNECT_DELAY_MS).unref();
  };
  async function connect() {
    retry = undefined;
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: 'pehchan-listen',
    });
    current = client;
    client.on('notification', (message) => {
      if (message.channel === channel) listener.onNotification(message.payload ?? '');
    });
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      if (client === current && !stopped) listener.onListening();
    } catch {
      lost(client);
    }
  }

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end().catch(() => undefined);
  };
}

/** PGlite has one connection, owned by this process: it never loses it while open. */
export async function listenPglite(
  client: PGlite,
  channel: string,
  listener: ChannelListener,
): Promise<StopListening> {
  const unlisten = await client.listen(channel, (payload) => listener.onNotification(payload));
  listener.onListening();
  return async () => {
    if (!client.closed) await unlisten();
  };
}
