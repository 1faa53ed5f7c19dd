// What one reader may see, loaded from the store and filtered by the visibility rules: the interviews, and the
// vendor names they may find or be offered as suggestions.
import type { Interview, Vendor } from '../model.js';
import type { Store } from '../store/store.js';
import type { Problem } from './problems.js';
import { resolveNames, type NameResolution, type NameToken } from './names.js';
import { canShowIn, scopeOf, type ChannelLookup, type Visibility } from './visibility.js';

/** The interviews `v` allows (of these vendors only, when given), newest first. Decided in SQL. */
export function visibleInterviews(store: Store, v: Visibility, vendorIds?: readonly number[]): Promise<Interview[]> {
  return store.interviews.listScopedInterviews(scopeOf(v), vendorIds);
}

/**
 * The interviews among `interviews` that may be shown to everyone in `channelId` (its digest, a summary posted
 * there), in their order, from what `channels` says of that channel and of the channels they ran in.
 */
export async function showableIn<T extends { channelId: string }>(channels: ChannelLookup, channelId: string, interviews: readonly T[]): Promise<T[]> {
  const others = [...new Set(interviews.map((i) => i.channelId).filter((c) => c !== channelId))];
  if (others.length === 0) return [...interviews];
  const [shared, privacy] = await Promise.all([channels.shared(channelId), channels.privacy(others)]);
  return interviews.filter((i) => canShowIn({ channelId, shared }, i, { privacy: privacy.get(i.channelId) ?? 'unknown' }).ok);
}

/** Above this many possible names in what was typed, the names are looked up among every vendor seen. */
const MAX_NAME_KEYS = 500;

/** Every name `tokens` may mean, as vendors' name keys: each quoted one, and each run of consecutive unquoted words. */
function possibleNameKeys(tokens: readonly NameToken[]): string[] {
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const keys = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) for (let j = i + 1; j <= run.length; j++) keys.add(key(run.slice(i, j).join(' ')));
    run = [];
  };
  for (const t of tokens) {
    if (!t.quoted) run.push(t.text);
    else {
      flush();
      keys.add(key(t.text));
    }
  }
  flush();
  return [...keys];
}

/**
 * Finds named vendors among those `v` may see; unknown names get suggestions from those only. The names typed are
 * looked up first among the vendors they may mean (a vendor's name key is its name in every vetting of it), which
 * resolves them as the whole list would; only when one is unknown is the whole list read, for suggestions.
 */
export async function resolveVisibleVendors(store: Store, v: Visibility, tokens: readonly NameToken[]): Promise<NameResolution<Vendor>> {
  const scope = scopeOf(v);
  const keys = possibleNameKeys(tokens);
  if (keys.length <= MAX_NAME_KEYS) {
    const found = resolveNames(tokens, await store.interviews.listScopedVendors(scope, keys), (vendor) => vendor.name);
    if (found.ok) return found;
  }
  return resolveNames(tokens, await store.interviews.listScopedVendors(scope), (vendor) => vendor.name);
}

/**
 * One vendor by name (case and spacing do not matter) among those `v` may see, with its interviews `v` may see
 * (newest first), or the unknown-vendor answer.
 */
export async function findVisibleVendor(store: Store, v: Visibility, name: string): Promise<{ ok: true; vendor: Vendor; interviews: Interview[] } | { ok: false; problem: Problem }> {
  const scope = scopeOf(v);
  const result = await resolveVisibleVendors(store, v, [{ text: name, quoted: true }]);
  // The one answer for a name the reader may not see, whether nobody vetted it or it was vetted out of their sight.
  if (!result.ok) return { ok: false, problem: { code: 'unknown-vendor', name: name.trim(), suggestions: result.unknown[0]!.suggestions } };
  const vendor = result.found[0]!;
  return { ok: true, vendor, interviews: await store.interviews.listScopedInterviews(scope, [vendor.id]) };
}
