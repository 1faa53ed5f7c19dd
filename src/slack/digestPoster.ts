import { WebClient, type RetryOptions } from '@slack/web-api';
import type { PostDigest } from '../flows/digest.js';
import { renderDigest } from './blocks/digest.js';

/**
 * Posts a channel's digest; a Web API error rejects, so the digest flow records the failure and retries later.
 * Its client gives up within a minute (the app's default client may keep retrying for half an hour): a claimed
 * digest must be posted or failed well inside its 5-minute lease, or a second process could post it too.
 */
export function createDigestPoster(client: WebClient, retryConfig: RetryOptions = { retries: 2, factor: 2, minTimeout: 1000, maxTimeout: 10_000 }): PostDigest {
  const bounded = new WebClient(client.token, { slackApiUrl: client.slackApiUrl, retryConfig, timeout: 15_000, rejectRateLimitedCalls: true });
  return async (view) => {
    const posted = await bounded.chat.postMessage({ channel: view.channelId, ...renderDigest(view) });
    return posted.ts ?? null;
  };
}
