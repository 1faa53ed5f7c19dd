// conversations.*: threads, joining, what a channel is and who is in it, as Slack tells the app.
import { BOT, EPOCH, type StandInState } from './state.js';
import { fail, str, type Handlers } from './wire.js';

/** The conversation methods, over the channels declared by `setChannel` (undeclared: public, with the bot in it). */
export function conversationHandlers(s: StandInState): Handlers {
  const { posted, channels, channelOf, requireMembership } = s;
  return {
    // A thread: its parent and replies, oldest first; metadata only when asked for (include_all_metadata), as on Slack.
    'conversations.replies': (p) => {
      const channel = requireMembership(str(p.channel));
      const ts = str(p.ts) ?? fail('invalid_arguments');
      const withMetadata = p.include_all_metadata === true || p.include_all_metadata === 'true';
      const thread = posted.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts));
      if (thread.length === 0) fail('thread_not_found');
      return {
        messages: thread.map(({ metadata, ...m }) => ({ type: 'message', ...m, ...(withMetadata && metadata && { metadata }) })),
        has_more: false,
        response_metadata: { next_cursor: '' },
      };
    },

    'conversations.join': (p) => {
      const id = str(p.channel) ?? fail('channel_not_found');
      const declared = channels.get(id);
      if (declared?.isPrivate) fail('method_not_supported_for_channel_type');
      if (declared) declared.botIsMember = true;
      return { channel: { id, is_channel: true, is_private: false, is_member: true } };
    },

    'conversations.info': (p) => {
      const id = str(p.channel) ?? fail('channel_not_found');
      // A DM has no name, privacy or membership flags: Slack describes it by the person on the other side.
      if (id.startsWith('D')) {
        const other = channelOf(id).members?.[0];
        return { channel: { id, created: EPOCH, is_im: true, is_org_shared: false, ...(other && { user: other }) } };
      }
      const c = channelOf(id);
      // As on Slack: a private channel the bot is not in does not exist for the bot.
      if (c.isPrivate && !c.botIsMember) fail('channel_not_found');
      // Slack always states how a channel is shared; one shared with another organisation is `is_shared` too.
      const shared = c.shared === true;
      return {
        channel: {
          id,
          name: id.toLowerCase(),
          is_channel: true,
          is_group: false,
          is_im: false,
          is_mpim: false,
          is_private: c.isPrivate,
          is_member: c.botIsMember,
          is_shared: shared,
          is_ext_shared: shared,
          is_org_shared: false,
          is_pending_ext_shared: false,
        },
      };
    },

    'conversations.members': (p) => {
      const id = str(p.channel) ?? fail('channel_not_found');
      const c = channelOf(id);
      if (c.isPrivate && !c.botIsMember) fail('channel_not_found');
      const all = [...(c.botIsMember ? [BOT.user_id] : []), ...(c.members ?? [])];
      // Pages of `limit` (Slack's default 100, at most 1000), an opaque cursor to the next one, '' after the last.
      const limit = Math.min(Math.max(Number(p.limit) || 100, 1), 1000);
      const cursor = str(p.cursor);
      const start =
        cursor === undefined
          ? 0
          : Number(
              Buffer.from(cursor, 'base64')
                .toString('utf8')
                .replace(/^offset:/, ''),
            );
      if (!Number.isInteger(start) || start < 0 || start > all.length) fail('invalid_cursor');
      const next = start + limit < all.length ? Buffer.from(`offset:${start + limit}`).toString('base64') : '';
      return { members: all.slice(start, start + limit), response_metadata: { next_cursor: next } };
    },
  };
}
