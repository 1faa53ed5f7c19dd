// Answers only the person who acted, where they acted: in the channel and, for a message in a thread, in that thread.
import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { RenderedMessage } from './blocks/question.js';

export interface Place {
  channel: string;
  /** Set when the click was on a reply in a thread (not on the thread's first message). */
  threadTs: string | null;
}

/** Where a click happened; null when Slack did not say (no channel to answer in). */
export function clickPlace(body: BlockAction): Place | null {
  const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string } | undefined;
  const channel = body.channel?.id ?? container?.channel_id;
  if (!channel) return null;
  const messageTs = container?.message_ts ?? body.message?.ts;
  const threadTs = container?.thread_ts ?? body.message?.thread_ts;
  return { channel, threadTs: threadTs && threadTs !== messageTs ? threadTs : null };
}

export async function tellAt(client: WebClient, place: Place, user: string, message: RenderedMessage): Promise<void> {
  await client.chat.postEphemeral({ channel: place.channel, user, ...(place.threadTs && { thread_ts: place.threadTs }), ...message });
}
