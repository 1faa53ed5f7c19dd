// Who may see a vetting. Every place that shows vendors (commands, the Home tab, a posted comparison, the digest)
// filters interviews with these rules; the Slack layer only gathers the facts they need. Pure.
import type { InterviewScope, ScopeClause } from '../store/interviews.js';
import type { Actor } from './actor.js';

/** What Slack says about the channel an interview ran in. `unknown` (Slack would not tell) counts as private. */
export type ChannelPrivacy = 'public' | 'private' | 'unknown';

/** A person asking, with the private conversations (channels, DMs, group DMs) Slack says they are a member of. */
export interface Viewer {
  actor: Actor;
  memberOf: ReadonlySet<string>;
}

/** What the rules need to know of an interview. */
export interface InterviewAccess {
  channelId: string;
  /** The lead. */
  startedBy: string;
  evaluators: readonly string[];
}

export type Sight = { ok: true } | { ok: false; reason: 'external' | 'private-channel' | 'shared-channel' | 'asker-only' };

const SEEN: Sight = { ok: true };

/**
 * A person sees an interview run in a public channel; one run in a private channel, DM or group DM only when they
 * are a member of it, its lead, one of its evaluators, or an admin. People from another organisation see nothing.
 */
export function canSee(viewer: Viewer, interview: InterviewAccess, channel: { privacy: ChannelPrivacy }): Sight {
  if (viewer.actor.external) return { ok: false, reason: 'external' };
  if (channel.privacy === 'public' || viewer.actor.admin) return SEEN;
  const me = viewer.actor.userId;
  if (interview.startedBy === me || interview.evaluators.includes(me) || viewer.memberOf.has(interview.channelId)) return SEEN;
  return { ok: false, reason: 'private-channel' };
}

/**
 * Everyone in a channel, as readers. `shared`: the channel is shared with another organisation (Slack Connect), so
 * people outside the company, perhaps the vendor itself, read it too. When Slack will not say, it counts as shared.
 */
export interface ChannelReader {
  channelId: string;
  shared: boolean;
}

/**
 * Whether an interview may be shown to everyone in a channel (a comparison posted there, that channel's digest, a
 * summary's comparison with the previous vetting): one run in that very channel; one run in a public channel too,
 * unless the channel is shared with another organisation, where "public" means public to the company only.
 */
export function canShowIn(target: ChannelReader, interview: Pick<InterviewAccess, 'channelId'>, channel: { privacy: ChannelPrivacy }): Sight {
  if (interview.channelId === target.channelId) return SEEN;
  if (target.shared) return { ok: false, reason: 'shared-channel' };
  return channel.privacy === 'public' ? SEEN : { ok: false, reason: 'private-channel' };
}

/** Who reads an answer: a person, or everyone in a channel. */
export type Reader = { kind: 'person'; viewer: Viewer } | ({ kind: 'channel' } & ChannelReader);

/** The readers of an answer and the privacy of the channels interviews ran in, as the Slack layer learned them. */
export interface Visibility {
  /** An interview is shown only when every reader may see it (never empty, so nothing is shown by default). */
  readers: readonly [Reader, ...Reader[]];
  /** A channel missing here counts as `unknown`. */
  privacy: ReadonlyMap<string, ChannelPrivacy>;
}

/** Looks up the privacy of channels (the Slack layer answers; a flow that must filter without a person uses it). */
export type PrivacyLookup = (channelIds: readonly string[]) => Promise<ReadonlyMap<string, ChannelPrivacy>>;

/**
 * What a flow that shows vettings to everyone in a channel, with no person asking (the digest, a summary), learns
 * from the Slack layer: the privacy of the channels interviews ran in, and whether the channel read is shared with
 * another organisation (true when Slack will not say).
 */
export interface ChannelLookup {
  privacy: PrivacyLookup;
  shared(channelId: string): Promise<boolean>;
}

export function isVisible(v: Visibility, interview: InterviewAccess): boolean {
  const channel = { privacy: v.privacy.get(interview.channelId) ?? 'unknown' };
  return v.readers.every((r) => (r.kind === 'person' ? canSee(r.viewer, interview, channel) : canShowIn(r, interview, channel)).ok);
}

/**
 * The rules above as a filter the store runs in SQL (store/interviews.ts), so showing vendors never loads every
 * interview: an interview is allowed when it passes every reader's clause, the same as isVisible decides.
 */
export function scopeOf(v: Visibility): InterviewScope {
  const publics = [...v.privacy].flatMap(([channelId, privacy]) => (privacy === 'public' ? [channelId] : []));
  const clauses: ScopeClause[] = [];
  for (const r of v.readers) {
    if (r.kind === 'channel') clauses.push({ channelIds: r.shared ? [r.channelId] : [r.channelId, ...publics], person: null });
    else if (r.viewer.actor.external) return { kind: 'none' };
    else if (!r.viewer.actor.admin) clauses.push({ channelIds: [...publics, ...r.viewer.memberOf], person: r.viewer.actor.userId });
  }
  return { kind: 'some', clauses };
}

/** The interviews `v` allows, in their order; `evaluators` maps interview ids to their evaluators. */
export function filterVisible<T extends { id: number; channelId: string; startedBy: string }>(v: Visibility, interviews: readonly T[], evaluators: ReadonlyMap<number, readonly string[]>): T[] {
  return interviews.filter((i) => isVisible(v, { channelId: i.channelId, startedBy: i.startedBy, evaluators: evaluators.get(i.id) ?? [] }));
}

/** What the rules need to know of an engagement-model decision (`/vet advise`). */
export interface DecisionAccess {
  channelId: string;
  askedBy: string;
  /** Shown only to the person who asked ("only to me"). */
  askerOnly: boolean;
}

/**
 * A decision shown only to its asker is theirs alone; one shown in a channel is seen as a vetting run there would be
 * (public: everyone of the organisation; private channel or DM: its members, the asker and admins).
 */
export function canSeeDecision(viewer: Viewer, decision: DecisionAccess, channel: { privacy: ChannelPrivacy }): Sight {
  if (viewer.actor.external) return { ok: false, reason: 'external' };
  if (decision.askerOnly) return viewer.actor.userId === decision.askedBy ? SEEN : { ok: false, reason: 'asker-only' };
  return canSee(viewer, { channelId: decision.channelId, startedBy: decision.askedBy, evaluators: [] }, channel);
}

/** Whether every person reading may see the decision (a channel reader never does: decisions are listed to people). */
export function isDecisionVisible(v: Visibility, decision: DecisionAccess): boolean {
  const channel = { privacy: v.privacy.get(decision.channelId) ?? 'unknown' };
  return v.readers.every((r) => r.kind === 'person' && canSeeDecision(r.viewer, decision, channel).ok);
}
