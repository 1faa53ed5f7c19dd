// What every renderer of a message returns: Slack's fallback text and the blocks.
import type { types } from '@slack/bolt';

export interface RenderedMessage {
  text: string;
  blocks: types.KnownBlock[];
}
