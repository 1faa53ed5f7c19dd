// The Events API events Slack sends when a file is shared, built from what the stand-in recorded, so the sandbox and
// the end-to-end tests send the app the same shapes. Pure.
//   message, subtype file_share: https://docs.slack.dev/reference/events/message/file_share (@slack/types
//     FileShareMessageEvent); text is the comment typed with the file, empty without one.
//   file_shared: https://docs.slack.dev/reference/events/file_shared; needs the file_shared subscription.
import type { FakeMessage, FakeShare } from './standIn/index.js';

export type ChannelType = 'channel' | 'group' | 'im' | 'mpim';

/** The `message` event of a file message; `parentUser` is who wrote the thread's parent, for a reply in a thread. */
export function fileShareEvent(message: FakeMessage, channelType: ChannelType, parentUser?: string) {
  return {
    type: 'message',
    subtype: 'file_share',
    text: message.text ?? '',
    files: message.files ?? [],
    upload: true,
    user: message.user ?? '',
    display_as_bot: false,
    ts: message.ts,
    channel: message.channel,
    channel_type: channelType,
    event_ts: message.ts,
    ...(message.thread_ts && { thread_ts: message.thread_ts, ...(parentUser && { parent_user_id: parentUser }) }),
  };
}

export function fileSharedEvent({ file, message }: FakeShare) {
  return { type: 'file_shared', channel_id: message.channel, file_id: file.id, user_id: file.user, file: { id: file.id } };
}
