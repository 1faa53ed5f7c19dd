// chat.*: posting, updating and ephemeral messages, permalinks; reactions.add, which the app uses on messages.
import { BOT, type StandInState } from './state.js';
import { fail, str, type Handlers } from './wire.js';
import type { FakeEphemeral, FakeMessage } from './types.js';

/** The message methods, over the stand-in's messages. */
export function chatHandlers(s: StandInState): Handlers {
  const { posted, ephemerals, nextTs, requireMembership, requireContent, findMessage } = s;
  return {
    'chat.postMessage': (p) => {
      // Posting to a person's user id is a DM from the app, in its Messages tab: Slack answers with the DM's id.
      const target = str(p.channel);
      const channel = requireMembership(target && /^[UW][A-Z0-9]+$/.test(target) ? `D${target}` : target);
      requireContent(p);
      const ts = nextTs();
      const thread_ts = str(p.thread_ts);
      const msg: FakeMessage = { channel, ts, text: p.text, blocks: p.blocks, user: BOT.user_id, updates: 0 };
      if (p.metadata && typeof p.metadata === 'object') msg.metadata = p.metadata;
      if (thread_ts) msg.thread_ts = thread_ts;
      if (thread_ts && (p.reply_broadcast === true || p.reply_broadcast === 'true')) msg.broadcast = true;
      posted.push(msg);
      return {
        channel,
        ts,
        message: { type: 'message', text: p.text ?? '', blocks: p.blocks, ts, thread_ts, bot_id: BOT.bot_id, user: BOT.user_id },
      };
    },

    'chat.update': (p) => {
      const msg = findMessage(p.channel, p.ts) ?? fail('message_not_found');
      if (p.blocks !== undefined && !Array.isArray(p.blocks)) fail('invalid_blocks_format');
      // Slack keeps whatever the update does not mention; an empty blocks array removes the blocks.
      if (p.text !== undefined) msg.text = p.text;
      if (p.blocks !== undefined) msg.blocks = p.blocks;
      msg.updates++;
      return {
        channel: msg.channel,
        ts: msg.ts,
        text: msg.text ?? '',
        message: { type: 'message', text: msg.text ?? '', blocks: msg.blocks, ts: msg.ts, bot_id: BOT.bot_id, user: BOT.user_id },
      };
    },

    'chat.postEphemeral': (p) => {
      const channel = requireMembership(str(p.channel));
      const user = str(p.user) ?? fail('user_not_found');
      requireContent(p);
      const ts = nextTs();
      const e: FakeEphemeral = { channel, user, text: p.text, blocks: p.blocks, ts, ephemeral: true };
      const thread_ts = str(p.thread_ts);
      if (thread_ts) e.thread_ts = thread_ts;
      ephemerals.push(e);
      return { message_ts: ts };
    },

    'chat.getPermalink': (p) => {
      const channel = str(p.channel) ?? fail('channel_not_found');
      const ts = str(p.message_ts) ?? fail('message_not_found');
      let permalink = `https://fake.slack.test/archives/${channel}/p${ts.replace('.', '')}`;
      const msg = findMessage(channel, ts);
      if (msg?.thread_ts && msg.thread_ts !== msg.ts) permalink += `?thread_ts=${msg.thread_ts}&cid=${channel}`;
      return { channel, permalink };
    },

    'reactions.add': () => ({}),
  };
}
