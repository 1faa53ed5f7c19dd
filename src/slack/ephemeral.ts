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
  // Bolt types the container loosely; read only the strings Slack puts there.
  const field = (name: string): string | undefined => {
    const value: unknown = body.container?.[name];
    return typeof value === 'string' ? value : undefined;
  };
  const channel = body.channel?.id ?? field('channel_id');
  if (!channel) return null;
  const messageTs = field('message_ts') ?? body.message?.ts;
  const threadTs = field('thread_ts') ?? body.message?.thread_ts;
  return { channel, threadTs: threadTs && threadTs !== messageTs ? threadTs : null };
}

export async function tellAt(client: WebClient, place: Place, user: string, message: RenderedMessage): Promise<void> {
  await client.chat.postEphemeral({ channel: place.channel, user, ...(place.threadTs && { thread_ts: place.threadTs }), ...message });
}

/** The ts of the message a button was on (Bolt types the container loosely). */
export function containerTs(body: BlockAction): string | null {
  const ts: unknown = body.container?.message_ts;
  return typeof ts === 'string' ? ts : null;
}
