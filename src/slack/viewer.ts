// What Slack says about who may see a vetting: each channel's privacy and whether it is shared with another
// organisation (conversations.info) and its members (conversations.members), trusted for a minute, and the
// Visibility of a request built from them. The rules themselves are in flows/visibility.ts.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isVisible, type ChannelLookup, type ChannelPrivacy, type InterviewAccess, type Viewer, type Visibility } from '../flows/visibility.js';
import type { Clock } from '../model.js';
import type { ActorResolver } from './actor.js';
import { slackError } from './publish.js';

/** How long Slack's answers are kept: someone who leaves a private channel loses sight of its vettings within it. */
export const CHANNEL_CACHE_MS = 60_000;

interface ChannelFacts {
  privacy: ChannelPrivacy;
  /** Whether conversations.members may be asked about it (the app has the scope, and Slack told us what it is). */
  listable: boolean;
  /** Whether people of another organisation may read it (Slack Connect). */
  shared: boolean;
}

/**
 * Whether Slack describes a channel as shared with another organisation. Per Slack's conversation type:
 * `is_ext_shared` is a channel shared with a remote organisation; `is_pending_ext_shared` one about to become so
 * (Slack advises treating it as shared); `is_shared` alone says only that several workspaces share it, and
 * `is_org_shared` that those are workspaces of one Enterprise Grid organisation (internal). Only an explicit "not
 * externally shared" counts as internal: a DM, which Slack describes without these flags, counts as shared.
 */
export function sharedWithAnotherOrganisation(info: { is_ext_shared?: boolean; is_pending_ext_shared?: boolean; is_shared?: boolean; is_org_shared?: boolean }): boolean {
  if (info.is_ext_shared !== false || info.is_pending_ext_shared === true) return true;
  return info.is_shared === true && info.is_org_shared !== true;
}

export interface ChannelDirectory extends ChannelLookup {
  /** The channels among `channelIds` that are not public and have `userId` as a member. */
  memberships(userId: string, channelIds: readonly string[]): Promise<Set<string>>;
}

/** Remembers `load(key)` for `ttlMs` of `clock`; concurrent askers share one call. `load` must not reject. */
function cached<T>(clock: Clock, ttlMs: number, load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key) => {
    const now = clock().getTime();
    const hit = entries.get(key);
    // A clock set back counts as expired, so a stale answer is never kept longer than intended.
    if (hit && now >= hit.at && now - hit.at < ttlMs) return hit.value;
    const value = load(key);
    entries.set(key, { at: now, value });
    return value;
  };
}

/**
 * Asks Slack, once a minute at most per channel. Every failure fails closed: a channel Slack would not describe is
 * `unknown` (private to the rules) with no members known, so only its interviews' leads, evaluators and admins
 * see them. Failures are remembered as long as answers, so a channel that is gone is not asked on every request.
 */
export function createChannelDirectory(client: WebClient, clock: Clock, logger: Pick<Logger, 'warn'>, ttlMs = CHANNEL_CACHE_MS): ChannelDirectory {
  const facts = cached(clock, ttlMs, async (channel): Promise<ChannelFacts> => {
    try {
      const info = (await client.conversations.info({ channel })).channel;
      if (!info) return { privacy: 'unknown', listable: false, shared: true };
      const shared = sharedWithAnotherOrganisation(info);
      // DMs and group DMs: listing their members needs im:read / mpim:read, which the app does not ask for. What
      // was vetted there stays with its lead, evaluators and admins.
      if (info.is_im || info.is_mpim) return { privacy: 'private', listable: false, shared };
      if (info.is_private === true) return { privacy: 'private', listable: true, shared };
      if (info.is_private === false) return { privacy: 'public', listable: false, shared };
      return { privacy: 'unknown', listable: false, shared };
    } catch (e) {
      logger.warn(
        `cannot tell whether channel ${channel} is private or shared with another organisation (${slackError(e) ?? String(e)}); its vettings are shown as private, and it is shown only its own`,
      );
      return { privacy: 'unknown', listable: false, shared: true };
    }
  });

  const members = cached(clock, ttlMs, async (channel): Promise<ReadonlySet<string>> => {
    try {
      const found = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await client.conversations.members({ channel, limit: 200, ...(cursor && { cursor }) });
        for (const m of page.members ?? []) found.add(m);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return found;
    } catch (e) {
      // Part of a list is no list: nobody counts as a member until Slack has answered in full.
      logger.warn(`cannot list the members of channel ${channel} (${slackError(e) ?? String(e)}); only leads, evaluators and admins see its vettings`);
      return new Set();
    }
  });

  return {
    async privacy(channelIds) {
      return new Map(await Promise.all(channelIds.map(async (id) => [id, (await facts(id)).privacy] as const)));
    },
    async shared(channelId) {
      return (await facts(channelId)).shared;
    },
    async memberships(userId, channelIds) {
      const mine = new Set<string>();
      await Promise.all(
        channelIds.map(async (id) => {
          const f = await facts(id);
          if (f.privacy !== 'public' && f.listable && (await members(id)).has(userId)) mine.add(id);
        }),
      );
      return mine;
    },
  };
}

/** Builds the Visibility of a request: who asks, and what Slack says about the channels interviews ran in. */
export interface Viewers {
  /**
   * What `userId` may see. `userTeamId`: the team Slack says the user belongs to (Slack Connect). `channelIds`: the
   * channels what is shown was kept in; the channels interviews ran in unless said (decisions have their own).
   */
  person(userId: string, userTeamId: string | undefined, channelIds?: readonly string[]): Promise<Visibility>;
  /**
   * What `userId` may post into `channelId`: what they see that everyone in that channel may also read (only what
   * ran there, when the channel is shared with another organisation).
   */
  postingIn(userId: string, userTeamId: string | undefined, channelId: string): Promise<Visibility>;
  /** Whether `userId` may see this interview (someone chosen to be reminded of it, or to own one of its risks). */
  maySee(userId: string, interview: InterviewAccess): Promise<boolean>;
}

export function createViewers(directory: ChannelDirectory, resolveActor: ActorResolver, interviewChannels: () => Promise<string[]>): Viewers {
  async function viewer(userId: string, userTeamId: string | undefined, channelIds?: readonly string[]): Promise<{ viewer: Viewer; privacy: ReadonlyMap<string, ChannelPrivacy> }> {
    const actor = await resolveActor(userId, userTeamId);
    // Someone from another organisation sees nothing: no need to ask Slack about any channel.
    if (actor.external) return { viewer: { actor, memberOf: new Set() }, privacy: new Map() };
    const channels = channelIds ?? (await interviewChannels());
    // An admin sees every vetting; their memberships change nothing.
    const [privacy, memberOf] = await Promise.all([directory.privacy(channels), actor.admin ? new Set<string>() : directory.memberships(userId, channels)]);
    return { viewer: { actor, memberOf }, privacy };
  }
  return {
    async person(userId, userTeamId, channelIds) {
      const seen = await viewer(userId, userTeamId, channelIds);
      return { readers: [{ kind: 'person', viewer: seen.viewer }], privacy: seen.privacy };
    },
    async maySee(userId, interview) {
      const seen = await viewer(userId, undefined, [interview.channelId]);
      return isVisible({ readers: [{ kind: 'person', viewer: seen.viewer }], privacy: seen.privacy }, interview);
    },
    async postingIn(userId, userTeamId, channelId) {
      const [seen, shared] = await Promise.all([viewer(userId, userTeamId), directory.shared(channelId)]);
      return {
        readers: [
          { kind: 'person', viewer: seen.viewer },
          { kind: 'channel', channelId, shared },
        ],
        privacy: seen.privacy,
      };
    },
  };
}
