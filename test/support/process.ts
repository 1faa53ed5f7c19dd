// The built bot (`node dist/app.js`, what `npm start` and the Docker image run) as a real child process, configured
// only by its environment, and the small waits the tests around it need.
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { tempDir } from './temp.js';

export interface BotProcess {
  /** stdout and stderr as they came, interleaved. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** The exit code (null when ended by a signal), once its output is all read. */
  exited: Promise<number | null>;
  /** Whether it has exited yet. */
  running(): boolean;
  signal(signal: NodeJS.Signals): void;
}

/**
 * Starts the bot in a folder of its own (default: a fresh one, as a newcomer's checkout would be: no .env of the
 * developer's, and the defaults ./data/... land there). Killed, if still running, when the test finishes.
 */
export function startBotProcess(env: Record<string, string>, cwd = tempDir()): BotProcess {
  let output = '';
  let stdout = '';
  let stderr = '';
  let alive = true;
  const proc = spawn('node', [join(process.cwd(), 'dist', 'app.js')], { env: { PATH: process.env.PATH ?? '', ...env }, cwd });
  proc.stdout.on('data', (d) => {
    output += String(d);
    stdout += String(d);
  });
  proc.stderr.on('data', (d) => {
    output += String(d);
    stderr += String(d);
  });
  // 'close', not 'exit': by then all it wrote has been read.
  const exited = new Promise<number | null>((resolve) =>
    proc.on('close', (code) => {
      alive = false;
      resolve(code);
    }),
  );
  onTestFinished(async () => {
    if (!alive) return;
    proc.kill('SIGKILL');
    await exited;
  });
  return { output: () => output, stdout: () => stdout, stderr: () => stderr, exited, running: () => alive, signal: (s) => void proc.kill(s) };
}

/** Listens on a free loopback port and says which. */
export async function listenLocal(server: NetServer | Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a TCP port');
  return address.port;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenLocal(server);
  await new Promise((r) => server.close(r));
  return port;
}

/** Waits (polling) until `check` holds; on time-out the error says `what()`, such as the output so far. */
export async function until(check: () => boolean | Promise<boolean>, what: () => string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
