import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { parse, protocol } from '@electric-sql/pglite';

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];
type RowDescriptionMessage = InstanceType<typeof protocol.messages.RowDescriptionMessage>;
type DataRowMessage = InstanceType<typeof protocol.messages.DataRowMessage>;
type CommandCompleteMessage = InstanceType<typeof protocol.messages.CommandCompleteMessage>;

/** What drizzle's PGlite driver calls: `query`, and `transaction` whose client has `query`. */
export interface PgliteQueryClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  transaction<T>(callback: (tx: Pick<PgliteQueryClient, 'query'>) => Promise<T>): Promise<T>;
}

interface Statement {
  name: string;
  paramTypes: number[];
  /** The columns, from the statement's Describe; none for a statement that returns no rows. */
  fields: { name: string; dataTypeID: number }[];
}

/** Distinct statement texts kept prepared; the least recently used is closed past this. */
export const MAX_PREPARED_STATEMENTS = 200;

/** `invalid_sql_statement_name`, and `feature_not_supported` as "cached plan must not change result type". */
const STALE_STATEMENT_CODES = new Set(['26000', '0A000']);

/** Commands whose row count PGlite reports as `affectedRows`. */
const AFFECTING = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

const { serialize } = protocol;
const SYNC = serialize.sync();
const EXECUTE = serialize.execute({});

/**
 * PGlite's own `query` parses and plans every statement again, in six calls into its WebAssembly. Drizzle
 * sends the same text for each call site, so each text is parsed once as a named statement (PGlite is a
 * single session, so it stays), and every later run is one Bind/Execute/Sync call; after five runs
 * PostgreSQL's plan cache also skips planning, as it does for a prepared statement on a server. Locking,
 * parameter serialising, result parsing, errors and the file-system sync after each statement outside a
 * transaction are PGlite's own.
 */
export class PgliteStatements implements PgliteQueryClient {
  /** Insertion order is use order: a statement run again moves to the end. */
  private readonly statements = new Map<string, Statement>();
  /** Evicted statements, closed with the next message sent. */
  private closing: string[] = [];
  private nextId = 0;

  constructor(private readonly pglite: PGlite) {}

  get preparedCount(): number {
    return this.statements.size;
  }

  async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    await this.pglite._checkReady();
    return this.pglite._runExclusiveTransaction(() =>
      this.pglite._runExclusiveQuery(async () => {
        const result = await this.run<T>(text, params, options, true);
        await this.pglite.syncToFs();
        return result;
      }),
    );
  }

  transaction<T>(callback: (tx: Pick<PgliteQueryClient, 'query'>) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx: Transaction) =>
      callback({
        query: <R>(text: string, params: unknown[] = [], options?: QueryOptions) => {
          if (tx.closed) throw new Error('Transaction is closed');
          return this.pglite._runExclusiveQuery(() => this.run<R>(text, params, options, false));
        },
      }),
    );
  }

  /** Runs under PGlite's query lock. Outside a transaction a statement gone stale (DDL since) is prepared again. */
  private async run<T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    retryStale: boolean,
  ): Promise<Results<T>> {
    try {
      const statement = this.statements.get(text) ?? (await this.prepare(text, options));
      this.statements.delete(text);
      this.statements.set(text, statement);
      const values = params.map((value, index) => {
        if (value === null || value === undefined) return null;
        const type = statement.paramTypes[index]!;
        const serializer = options?.serializers?.[type] ?? this.pglite.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      const messages = await this.send([
        serialize.bind({ statement: statement.name, values }),
        EXECUTE,
        SYNC,
      ]);
      return this.results<T>(messages, statement.fields, options);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && STALE_STATEMENT_CODES.has(code) && this.forget(text)) {
        if (retryStale) return this.run(text, params, options, false);
      }
      // As PGlite's own query reports a database error: with the statement and its parameters.
      if (error instanceof Error && typeof code === 'string') {
        Object.assign(error, { query: text, params, queryOptions: options });
      }
      throw error;
    }
  }

  private async prepare(text: string, options: QueryOptions | undefined): Promise<Statement> {
    const name = `pehchan_${++this.nextId}`;
    const messages = await this.send([
      serialize.parse({ name, text, types: options?.paramTypes }),
      serialize.describe({ type: 'S', name }),
      SYNC,
    ]);
    const rowDescription = messages.find(
      (message): message is RowDescriptionMessage => message.name === 'rowDescription',
    );
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      fields: (rowDescription?.fields ?? []).map(({ name, dataTypeID }) => ({ name, dataTypeID })),
    };
    if (this.statements.size >= MAX_PREPARED_STATEMENTS) {
      const [oldest] = this.statements.keys();
      this.forget(oldest!);
    }
    return statement;
  }

  /**
   * The statement's result as PGlite's parseResults reads it, without what that costs on every call: it
   * copies PGlite's whole parser table to merge the caller's parsers in, which drizzle passes with every query.
   */
  private results<T>(
    messages: BackendMessage[],
    fields: Statement['fields'],
    options: QueryOptions | undefined,
  ): Results<T> {
    const parsers = fields.map(
      ({ dataTypeID }) => options?.parsers?.[dataTypeID] ?? this.pglite.parsers[dataTypeID],
    );
    const parseRow = (row: (string | null)[]) =>
      row.map((value, index) => {
        const parser = parsers[index];
        return value === null || !parser ? value : parser(value, fields[index]!.dataTypeID);
      });
    const rows: unknown[] = [];
    for (const message of messages) {
      if (message.name === 'dataRow') {
        const values = parseRow((message as DataRowMessage).fields);
        rows.push(
          options?.rowMode === 'array'
            ? values
            : Object.fromEntries(fields.map((field, index) => [field.name, values[index]])),
        );
      } else if (message.name === 'commandComplete') {
        // "SELECT 2", "UPDATE 3", "INSERT 0 5": the count ends the tag of the commands that have one.
        const parts = (message as CommandCompleteMessage).text.split(' ');
        const command = parts[0]!;
        const rowCount = Number.parseInt(parts.at(-1)!, 10);
        const affectedRows = AFFECTING.has(command) ? rowCount : 0;
        return {
          rows: rows as T[],
          fields,
          command,
          affectedRows,
          ...(Number.isNaN(rowCount) ? {} : { rowCount }),
        } as Results<T>;
      }
    }
    return { rows: [], fields: [], affectedRows: 0 };
  }

  /** Drops a statement from the cache and closes it with the next message; false when it was not cached. */
  private forget(text: string): boolean {
    const statement = this.statements.get(text);
    if (!statement) return false;
    this.statements.delete(text);
    this.closing.push(statement.name);
    return true;
  }

  /** One call into PGlite, led by the Close of any evicted statement. */
  private send(parts: Uint8Array[]): Promise<BackendMessage[]> {
    const closes = this.closing.map((name) => serialize.close({ type: 'S', name }));
    this.closing = [];
    const all = [...closes, ...parts];
    const message = new Uint8Array(all.reduce((length, part) => length + part.length, 0));
    let offset = 0;
    for (const part of all) {
      message.set(part, offset);
      offset += part.length;
    }
    return this.pglite.execProtocolStream(message, { syncToFs: false });
  }
}
