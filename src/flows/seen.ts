// What one reader may see, loaded from the store and filtered by the visibility rules: the interviews, and the
// vendor names they may find or be offered as suggestions.
import type { Interview, Vendor } from '../model.js';
import type { Db } from '../store/db.js';
import { listAllEvaluators, listAllInterviews } from '../store/interviews.js';
import { resolveNames, type NameResolution, type NameToken } from './names.js';
import { canShowIn, filterVisible, type ChannelLookup, type Visibility } from './visibility.js';

/** The interviews `v` allows, newest first. */
export async function visibleInterviews(db: Db, v: Visibility): Promise<Interview[]> {
  const [all, evaluators] = await Promise.all([listAllInterviews(db), listAllEvaluators(db)]);
  return filterVisible(v, all, evaluators);
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

/**
 * The vendors of these interviews (newest first), once each, named as in the first (newest) of them: each vetting
 * keeps the name its starter typed, so a reader sees only spellings from vettings they may see. A vendor exists for a
 * reader only through an interview they may see, so a vendor vetted only where they cannot look is, to them, exactly
 * an unknown name.
 */
export function vendorsOf(interviews: readonly Interview[]): Vendor[] {
  const byId = new Map<number, Vendor>();
  for (const i of interviews) if (!byId.has(i.vendor.id)) byId.set(i.vendor.id, i.vendor);
  return [...byId.values()];
}

/** Finds named vendors among those `v` may see; unknown names get suggestions from those only. */
export async function resolveVisibleVendors(db: Db, v: Visibility, tokens: readonly NameToken[]): Promise<NameResolution<Vendor>> {
  return resolveNames(tokens, vendorsOf(await visibleInterviews(db, v)), (vendor) => vendor.name);
}

/** The one answer for a name the reader may not see, whether nobody vetted it or it was vetted out of their sight. */
export function unknownVendorMessage(name: string, suggestions: readonly string[]): string {
  return `I know no vendor called "${name.trim()}".${suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`;
}

/**
 * One vendor by name (case and spacing do not matter) among those `v` may see, with its interviews `v` may see
 * (newest first), or the unknown-vendor answer.
 */
export async function findVisibleVendor(
  db: Db,
  v: Visibility,
  name: string,
): Promise<{ ok: true; vendor: Vendor; interviews: Interview[] } | { ok: false; message: string }> {
  const seen = await visibleInterviews(db, v);
  const result = resolveNames([{ text: name, quoted: true }], vendorsOf(seen), (vendor) => vendor.name);
  if (!result.ok) return { ok: false, message: unknownVendorMessage(name, result.unknown[0]!.suggestions) };
  const vendor = result.found[0]!;
  return { ok: true, vendor, interviews: seen.filter((i) => i.vendor.id === vendor.id) };
}
