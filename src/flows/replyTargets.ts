// Where a modal answers: the response URL of the command or click that opened it, and the channel it posts in, stay
// here, server-side, and the modal carries only a random id. A submission can name an id, never a URL or a channel;
// an id works only for the person it was made for, and only while Slack's response URL still works (30 minutes).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../model.js';
import type { ReplyTarget } from '../store/replyTargets.js';
import type { Store } from '../store/store.js';

export type { ReplyTarget };

const LIFETIME_MS = 30 * 60_000;

export interface ReplyTargets {
  /**
   * Keeps `responseUrl` (if any) for `userId`, with the channel the modal answers in; the id to put in the modal, or
   * null when there is no response URL to keep.
   */
  remember(userId: string, responseUrl: string | null | undefined, channelId?: string): Promise<string | null>;
  /** The response URL kept under `id` for `userId`, or null. */
  find(id: string | null, userId: string): Promise<string | null>;
  /** The whole target kept under `id` for `userId`, or null. */
  target(id: string | null, userId: string): Promise<ReplyTarget | null>;
}

export function createReplyTargets(deps: { store: Store; clock: Clock }): ReplyTargets {
  const { store, clock } = deps;
  const target = async (id: string | null, userId: string): Promise<ReplyTarget | null> =>
    id === null ? null : store.replyTargets.findReplyTarget(id, userId, new Date(clock().getTime() - LIFETIME_MS));
  return {
    async remember(userId, responseUrl, channelId) {
      if (!responseUrl) return null;
      const now = clock();
      await store.replyTargets.pruneReplyTargets(new Date(now.getTime() - LIFETIME_MS));
      const id = randomUUID();
      await store.replyTargets.saveReplyTarget({ id, userId, responseUrl, channelId: channelId ?? null }, now);
      return id;
    },
    async find(id, userId) {
      return (await target(id, userId))?.responseUrl ?? null;
    },
    target,
  };
}
