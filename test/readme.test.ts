// README is a newcomer's first hour: short, and every command in it works. The shell commands that can run here do
// (the bank checks, the command line's help); every /vet command it shows parses as vet reads it.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/slack/command.js';

const readme = readFileSync('README.md', 'utf8');

/** The lines of README's ```sh blocks. */
const shellLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  m[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== ''),
);

describe('README', () => {
  it('is under 200 lines, and every file it links to exists', () => {
    expect(readme.split('\n').length).toBeLessThan(200);
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(4);
    for (const link of links) expect(existsSync(link), link).toBe(true);
  });

  it('shows shell commands of vet that run and succeed', { timeout: 60_000 }, async () => {
    const vet = shellLines.map((l) => l.replace(/\s+#.*$/, '')).filter((l) => l.startsWith('npx vet '));
    expect(vet.length).toBeGreaterThanOrEqual(3);
    for (const line of vet) {
      // `npx vet` runs the package's bin, bin/vet.js, on the compiled code (npm test builds first).
      const { stdout } = await promisify(execFile)('node', ['bin/vet.js', ...line.slice('npx vet '.length).split(/\s+/)]);
      expect(stdout.length, line).toBeGreaterThan(0);
    }
    expect(shellLines).toContain('npm ci && npm start   # install and start: with no Slack tokens set, a local sandbox at http://localhost:3000/');
  });

  it('shows /vet commands that vet reads as meant', () => {
    // Concrete commands only (no <placeholders>); @name is what Slack sends once picked from its @ list.
    const commands = [...readme.matchAll(/`(\/vet [^`]*)`/g)].map((m) => m[1]!.trim()).filter((c) => !/[<[|]/.test(c));
    expect(commands).toContain('/vet start Acme Dev --lite --with @sam @rio');
    for (const c of commands) {
      const text = c.slice('/vet '.length).replace(/@(\w+)/g, (_, name: string) => `<@U0${name.toUpperCase()}|${name}>`);
      const parsed = parseCommand(text);
      expect(parsed.kind, `${c}: ${'message' in parsed ? parsed.message : ''}`).not.toBe('error');
    }
  });
});
