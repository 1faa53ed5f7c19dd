// `npm ci` warns of every dependency whose install script package.json's allowScripts does not name (npm 11.16 and
// later; npm 12 will not run them). What the lockfile installs is what runs, so the two must agree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean | string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

/** The packages of the lockfile with an install script, by name (a package may be installed at several paths). */
const withScripts = new Set(
  Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
);

describe('install scripts', () => {
  it('are each allowed by name in package.json, and allowScripts names no package that has none', () => {
    // better-sqlite3 compiles (or fetches) its native module in one: a lockfile read wrong would find none.
    expect(withScripts).toContain('better-sqlite3');
    expect(new Set(Object.keys(pkg.allowScripts ?? {}))).toEqual(withScripts);
    for (const name of withScripts) expect(pkg.allowScripts?.[name], name).toBe(true);
  });
});
