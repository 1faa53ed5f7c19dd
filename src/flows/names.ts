// Suggests the known names closest to one that was not found. Pure.

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Up to `max` known names that contain the query or are within a few edits of it, closest first. */
export function closestNames(query: string, known: readonly string[], max = 3): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (q === '') return [];
  return known
    .map((name) => {
      const n = name.toLowerCase();
      const d = n.includes(q) || q.includes(n) ? 0 : distance(q, n);
      return { name, d };
    })
    .filter((x) => x.d <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((x) => x.name);
}

export interface NameToken {
  text: string;
  /** Typed in quotes: a whole name, never split or joined. */
  quoted: boolean;
}

export type NameResolution<T> = { ok: true; found: T[] } | { ok: false; unknown: { name: string; suggestions: string[] }[] };

/**
 * Finds the named items among `known`, case-insensitively. Quoted tokens are whole names; a run of unquoted words
 * is split greedily into the longest known names, so `Acme Dev Globex` finds "Acme Dev" and "Globex".
 */
export function resolveNames<T>(tokens: readonly NameToken[], known: readonly T[], nameOf: (item: T) => string): NameResolution<T> {
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const byKey = new Map(known.map((k) => [key(nameOf(k)), k]));
  const found: T[] = [];
  const unknown: { name: string; suggestions: string[] }[] = [];
  const miss = (name: string) => unknown.push({ name, suggestions: closestNames(name, known.map(nameOf)) });
  let run: string[] = [];
  const flush = () => {
    let i = 0;
    while (i < run.length) {
      let j = run.length;
      while (j > i && !byKey.has(key(run.slice(i, j).join(' ')))) j--;
      if (j === i) {
        miss(run[i]!);
        i++;
      } else {
        found.push(byKey.get(key(run.slice(i, j).join(' ')))!);
        i = j;
      }
    }
    run = [];
  };
  for (const t of tokens) {
    if (!t.quoted) {
      run.push(t.text);
      continue;
    }
    flush();
    const item = byKey.get(key(t.text));
    if (item) found.push(item);
    else miss(t.text);
  }
  flush();
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, found };
}
