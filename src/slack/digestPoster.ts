import type { WebClient } from '@slack/web-api';
import type { PostDigest } from '../flows/digest.js';
import { renderDigest } from './blocks/digest.js';

/** Posts a channel's digest; a Web API error rejects, so the digest flow records the failure and retries. */
export function createDigestPoster(client: WebClient): PostDigest {
  return async (view) => {
    const posted = await client.chat.postMessage({ channel: view.channelId, ...renderDigest(view) });
    return posted.ts ?? null;
  };
}
