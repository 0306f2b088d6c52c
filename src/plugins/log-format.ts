import { Writable } from 'node:stream';

/*
 * LOG_FORMAT=pretty (the default in development): pino's JSON lines turned into one readable line each,
 * in the process, with no transport thread. A request reads
 *   14:03:07.412 INFO  POST /v1/auth/login 401 12.4 ms  019a8e0c-…
 * and any other line its level, message and remaining fields. Redaction has already happened: the
 * formatter only sees what the JSON line would have shown.
 */

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '90'],
  30: ['INFO ', '32'],
  40: ['WARN ', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '35'],
};
/** pino's own fields, shown in their places rather than among the rest. */
const FRAMING = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'reqId',
  'req',
  'res',
  'responseTime',
  'err',
]);

interface LogRecord {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [field: string]: unknown;
}

const paint = (colour: boolean, code: string, text: string) =>
  colour ? `\x1b[${code}m${text}\x1b[0m` : text;

function clock(time: number | undefined): string {
  const date = new Date(time ?? Date.now());
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function statusColour(status: number): string {
  if (status >= 500) return '31';
  if (status >= 400) return '33';
  return '32';
}

/** One JSON log line as a readable line (two or more when it carries an error's stack). */
export function formatLogLine(line: string, colour: boolean): string {
  let record: LogRecord;
  try {
    record = JSON.parse(line) as LogRecord;
  } catch {
    return line;
  }
  const [label, levelColour] = LEVELS[record.level ?? 30] ?? ['LOG  ', '0'];
  const parts = [paint(colour, '90', clock(record.time)), paint(colour, levelColour, label)];
  if (record.req && record.res) {
    const status = record.res.statusCode ?? 0;
    parts.push(
      `${record.req.method ?? '?'} ${record.req.url ?? '?'}`,
      paint(colour, statusColour(status), String(status)),
      `${(record.responseTime ?? 0).toFixed(1)} ms`,
    );
  } else if (record.msg !== undefined) parts.push(record.msg);
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => !FRAMING.has(key)));
  if (record.req && !record.res) rest['req'] = record.req;
  if (Object.keys(rest).length > 0) parts.push(paint(colour, '90', JSON.stringify(rest)));
  if (record.reqId) parts.push(paint(colour, '90', ` ${record.reqId}`));
  let text = parts.join(' ');
  if (record.err) text += `\n${indent(record.err.stack ?? `${record.err.type}: ${record.err.message}`)}`;
  return text;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** A stream for pino that writes each JSON line to `destination` as formatLogLine renders it. */
export function prettyLogStream(destination: NodeJS.WritableStream, colour: boolean): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const text = lines
        .filter((line) => line !== '')
        .map((line) => `${formatLogLine(line, colour)}\n`)
        .join('');
      if (text === '') return done();
      destination.write(text);
      done();
    },
  });
}

/** Colours for a terminal, none for a file or pipe, or when NO_COLOR is set (https://no-color.org). */
export function wantsColour(destination: NodeJS.WritableStream): boolean {
  return (destination as { isTTY?: boolean }).isTTY === true && !process.env['NO_COLOR'];
}
