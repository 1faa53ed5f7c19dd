// vet's log lines, and Bolt's, through one Logger (Bolt's interface): text for a person at a terminal, or one JSON
// object per line (pino) for a log collector when LOG_FORMAT=json. Secrets never leave through it.
import { inspect } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';
import pino from 'pino';
import type { LogFormat } from './config.js';

/** Values a line carries besides its message: JSON fields in the json format; text lines say them in the message. */
export class LogFields {
  constructor(readonly values: Readonly<Record<string, string | number | boolean>>) {}
}

export function fields(values: Readonly<Record<string, string | number | boolean>>): LogFields {
  return new LogFields(values);
}

export interface LoggerOptions {
  format: LogFormat;
  level: LogLevel | `${LogLevel}`;
  /**
   * Values never to print (tokens, the signing secret, the database password): replaced wherever they would appear.
   * Shorter than 6 characters they could not be told from ordinary words, and are left alone.
   */
  secrets?: readonly (string | undefined)[];
  /** Text lines without the level label: what a command-line tool prints when it cannot start. */
  plain?: boolean;
  /** Where JSON lines go; standard output unless a test says otherwise. */
  destination?: { write(line: string): void };
}

const SEVERITY: Record<LogLevel, number> = { [LogLevel.DEBUG]: 10, [LogLevel.INFO]: 20, [LogLevel.WARN]: 30, [LogLevel.ERROR]: 40 };
const LABEL: Record<LogLevel, string> = { [LogLevel.DEBUG]: '[DEBUG] ', [LogLevel.INFO]: '[INFO] ', [LogLevel.WARN]: '[WARN] ', [LogLevel.ERROR]: '[ERROR] ' };
const MIN_SECRET_LENGTH = 6;
const REDACTED = '[redacted]';

function toLevel(level: LogLevel | `${LogLevel}`): LogLevel {
  return Object.values(LogLevel).find((l) => l === level) ?? LogLevel.INFO;
}

export function createLogger(opts: LoggerOptions): Logger {
  const secrets = [...new Set((opts.secrets ?? []).filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH))];
  // Longest first, so a secret that contains another is replaced whole.
  secrets.sort((a, b) => b.length - a.length);
  const scrub = (text: string): string => secrets.reduce((t, s) => t.replaceAll(s, REDACTED), text);
  let level = toLevel(opts.level);
  const json =
    opts.format === 'json'
      ? pino(
          {
            level: 'debug',
            timestamp: pino.stdTimeFunctions.isoTime,
            formatters: { level: (label) => ({ level: label }) },
          },
          // Synchronous, so the last lines before process.exit are written, not lost in a buffer.
          opts.destination ?? pino.destination({ dest: 1, sync: true }),
        )
      : undefined;

  const write = (at: LogLevel, args: unknown[]) => {
    if (SEVERITY[at] < SEVERITY[level]) return;
    const extra = args.filter((a): a is LogFields => a instanceof LogFields);
    const parts = args.filter((a) => !(a instanceof LogFields)).map((a) => (typeof a === 'string' ? a : inspect(a, { breakLength: Infinity })));
    const message = scrub(parts.join(' '));
    if (json) {
      const record: Record<string, string | number | boolean> = {};
      for (const f of extra) for (const [k, v] of Object.entries(f.values)) record[k] = typeof v === 'string' ? scrub(v) : v;
      json[at](record, message);
      return;
    }
    const line = opts.plain ? message : `${LABEL[at]} ${message}`;
    if (at === LogLevel.ERROR) console.error(line);
    else if (at === LogLevel.WARN) console.warn(line);
    else console.log(line);
  };

  return {
    debug: (...msg: unknown[]) => write(LogLevel.DEBUG, msg),
    info: (...msg: unknown[]) => write(LogLevel.INFO, msg),
    warn: (...msg: unknown[]) => write(LogLevel.WARN, msg),
    error: (...msg: unknown[]) => write(LogLevel.ERROR, msg),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    // Bolt names its own logger; one process runs one app, so a name would say nothing.
    setName: () => undefined,
  };
}

/** The same logger, saying only errors: for a client whose warnings repeat what we say better (the token check). */
export function errorsOnly(logger: Logger): Logger {
  const quiet = () => undefined;
  return { ...logger, debug: quiet, info: quiet, warn: quiet, setLevel: quiet, getLevel: () => LogLevel.ERROR };
}
