// A throw-away PostgreSQL cluster for a test or bench run (test/support/globalPostgres.ts, tools/bench/): initdb in a temp
// folder, a server on a free loopback port, stopped and removed afterwards. Importing it starts nothing.
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder with initdb and pg_ctl: VET_TEST_PG_BIN, else the newest Debian install; null when there is none. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.VET_TEST_PG_BIN?.trim();
  if (given) return existsSync(join(given, 'initdb')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export interface Cluster {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  /** The server's process id (its backends are its children). */
  pid: number;
  stop(): void;
}

/** A loopback port nobody listens on just now (another program may still take it before we bind it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
function pgRun(bin: string, program: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vet-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  pgRun(bin, 'initdb', ['-D', data, '-U', 'vet', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
  // Durability is worth nothing to a cluster thrown away after the run; speed is.
  const options = ['-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=400'];
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      pgRun(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', [`-p ${port}`, ...options].join(' '), 'start']);
      break;
    } catch (e) {
      // Another program may have taken the port between our look and the server's bind.
      if (attempt >= 3) throw e;
    }
  }
  return {
    adminUrl: `postgres://vet@127.0.0.1:${port}/postgres`,
    port,
    // The first line of postmaster.pid, which pg_ctl -w waited for.
    pid: Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      try {
        pgRun(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      }
    },
  };
}
