// Where a modal answers: the response URL of the command or click that opened it stays here, server-side, and the
// modal carries only a random id. A submission can name an id, never a URL; an id works only for the person it was
// made for, and only while Slack's response URL still works (30 minutes).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../model.js';
import type { Store } from '../store/store.js';

const LIFETIME_MS = 30 * 60_000;

export interface ReplyTargets {
  /** Keeps `responseUrl` (if any) for `userId`; the id to put in the modal, or null when there is nothing to keep. */
  remember(userId: string, responseUrl: string | null | undefined): Promise<string | null>;
  /** The response URL kept under `id` for `userId`, or null. */
  find(id: string | null, userId: string): Promise<string | null>;
}

export function createReplyTargets(deps: { store: Store; clock: Clock }): ReplyTargets {
  const { store, clock } = deps;
  return {
    async remember(userId, responseUrl) {
      if (!responseUrl) return null;
      const now = clock();
      await store.replyTargets.pruneReplyTargets(new Date(now.getTime() - LIFETIME_MS));
      const id = randomUUID();
      await store.replyTargets.saveReplyTarget({ id, userId, responseUrl }, now);
      return id;
    },
    async find(id, userId) {
      if (id === null) return null;
      return store.replyTargets.findReplyTarget(id, userId, new Date(clock().getTime() - LIFETIME_MS));
    },
  };
}
