// The apps under load as processes of their own, so each one's memory is its own and the driver's work is not
// counted in it: started on a free port, ready once it answers HTTP, measured through /proc, stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { freePort } from '../dev/postgresCluster.js';

export interface AppProcess {
  label: string;
  pid: number;
  /** The app's Slack request URL: http://127.0.0.1:PORT/slack/events */
  url: string;
  /** Resident memory now, in bytes (VmRSS); NaN where /proc is not there. */
  rss(): number;
  /** CPU time used so far by all its threads, in seconds; NaN where /proc is not there. */
  cpuSeconds(): number;
  /** Its output (stdout and stderr), for when something went wrong. */
  output: string[];
  /** How it ended (an exit code or signal), or null while it runs. */
  exited(): string | null;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export function rssOf(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Number(kb) * 1024;
  } catch {
    return NaN;
  }
}

// Linux counts utime and stime in clock ticks of USER_HZ, 100 on every architecture Node runs on.
const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from field 3 (state) on. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds a process used so far, all its threads (utime, field 14, and stime, 15). */
export function cpuSecondsOf(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : NaN;
}

/**
 * CPU seconds of a process and its children, those that ended included (cutime and cstime, fields 16 and 17): the
 * PostgreSQL server with its backends.
 */
export function treeCpuSecondsOf(pid: number): number {
  const own = statFields(pid);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    // Field 4, the parent's pid.
    if (f && Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** Whether something answers HTTP on the port (Bolt answers a bare GET with 404): the app is listening. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node [nodeArgs] script` with `env` (plus PORT) in `cwd` and waits until it listens. */
export async function startApp(o: { label: string; script: string; env: Record<string, string>; cwd: string; nodeArgs?: string[] }): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.script], {
    cwd: o.cwd,
    env: { PATH: process.env.PATH ?? '', ...o.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '' && output.length < 200) output.push(line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${o.label} did not start`);
  // Should the driver end before stopping it (an error, Ctrl-C), the app goes with it.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  const app: AppProcess = {
    label: o.label,
    pid,
    url: `http://127.0.0.1:${port}/slack/events`,
    rss: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    exited: () => child.signalCode ?? (child.exitCode === null ? null : String(child.exitCode)),
    output,
    async stop() {
      process.removeListener('exit', orphaned);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await app.stop();
      throw new Error(`${o.label} did not start listening on port ${port}${child.exitCode !== null ? ` (it exited with ${child.exitCode})` : ''}:\n  ${output.join('\n  ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return app;
}
