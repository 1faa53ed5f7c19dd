import { WebClient, type RetryOptions } from '@slack/web-api';
import type { PostDigest } from '../flows/digest.js';
import { renderDigest } from './blocks/digest.js';
import { delivering } from './delivering.js';

/** Slack errors no retry can cure: the flow turns the channel's digest off until someone turns it on again. */
const LASTING_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/**
 * Posts a channel's digest; Slack's refusal rejects as a DeliveryFailed, so the digest flow records the failure and retries later.
 * Its client gives up within a minute (the app's default client may keep retrying for half an hour): a claimed
 * digest must be posted or failed well inside its 5-minute lease, or a second process could post it too.
 */
export function createDigestPoster(client: WebClient, retryConfig: RetryOptions = { retries: 2, factor: 2, minTimeout: 1000, maxTimeout: 10_000 }): PostDigest {
  const bounded = new WebClient(client.token, { slackApiUrl: client.slackApiUrl, retryConfig, timeout: 15_000, rejectRateLimitedCalls: true });
  return async (view) => {
    const posted = await delivering(LASTING_IN_CHANNEL, () => bounded.chat.postMessage({ channel: view.channelId, ...renderDigest(view) }));
    return posted.ts ?? null;
  };
}
