// The logger behind Bolt's Logger interface: JSON lines a log collector reads, text lines a person reads, and never a
// secret in either.
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, errorsOnly, fields } from '../src/logging.js';

function jsonLogger(level: `${LogLevel}` = 'info', secrets: string[] = []) {
  const written: string[] = [];
  const logger = createLogger({ format: 'json', level, secrets, destination: { write: (line) => void written.push(line) } });
  return { logger, records: () => written.map((l) => JSON.parse(l) as Record<string, unknown>), written };
}

afterEach(() => vi.restoreAllMocks());

describe('JSON log lines', () => {
  it('writes one JSON object per line with level, ISO time, message and the fields given', () => {
    const { logger, records, written } = jsonLogger();
    logger.info('posted the red-flag digest to C1', fields({ channel: 'C1' }));
    logger.warn('two', 'parts', { a: 1 });
    expect(written.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [first, second] = records();
    expect(first).toMatchObject({ level: 'info', msg: 'posted the red-flag digest to C1', channel: 'C1' });
    expect(new Date(String(first!.time)).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'two parts { a: 1 }' });
  });

  it('keeps an error with its stack on one line', () => {
    const { logger, records, written } = jsonLogger();
    logger.error('unhandled error:', new Error('boom'));
    expect(written).toHaveLength(1);
    expect(String(records()[0]!.msg)).toMatch(/^unhandled error: Error: boom\n\s+at /);
  });

  it('leaves out lines below the level, which Bolt may change', () => {
    const { logger, records } = jsonLogger('warn');
    logger.info('not shown');
    logger.error('shown');
    logger.setLevel(LogLevel.DEBUG);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
    logger.debug('shown too');
    expect(records().map((r) => r.msg)).toEqual(['shown', 'shown too']);
  });

  it('never writes a secret, in the message or a field; secrets too short to tell from words are left alone', () => {
    const token = 'xoxb-123-456-secret';
    const { logger, written } = jsonLogger('debug', [token, 'p@ss:w0rd', 'pw']);
    logger.debug(`http request body: {"token":"${token}"}`, fields({ url: 'postgres://vet:p@ss:w0rd@db/vet' }));
    logger.info('pwd is a word');
    expect(written.join('')).not.toContain(token);
    expect(written.join('')).not.toContain('p@ss:w0rd');
    expect(written.join('')).toContain('[redacted]');
    expect(written.join('')).toContain('pwd is a word');
  });
});

describe('text log lines', () => {
  it('labels each line with its level, errors and warnings on stderr, and drops the fields', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logger = createLogger({ format: 'text', level: 'info', secrets: ['sig-secret-123'] });
    logger.info('running', fields({ port: 3000 }));
    logger.error('signing secret sig-secret-123 refused');
    logger.debug('hidden');
    expect(out.mock.calls).toEqual([['[INFO]  running']]);
    expect(err.mock.calls).toEqual([['[ERROR]  signing secret [redacted] refused']]);
  });

  it('prints plain lines for start-up problems, and only errors through errorsOnly', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const say = createLogger({ format: 'text', level: 'info', plain: true });
    say.error('vet cannot start: PORT must be a whole number');
    errorsOnly(say).warn('http request failed fetch failed');
    errorsOnly(say).error('still said');
    expect(err.mock.calls).toEqual([['vet cannot start: PORT must be a whole number'], ['still said']]);
    expect(warn).not.toHaveBeenCalled();
  });
});
