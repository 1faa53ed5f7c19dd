/**
 * A stand-in for Slack's Web API on 127.0.0.1, answering the @slack/web-api WebClient the way slack.com does.
 * The end-to-end tests run the real app against it, and the sandbox uses it as its workspace: it also keeps what
 * people wrote, the modals each user has open, response_url answers and Home tabs, and says when anything changed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileKind } from './fileTypes.js';
import { isLocalHost } from './localHost.js';

export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  token: string | undefined;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: any[];
  user?: string;
  updates: number;
  /** What the app attached with chat.postMessage's `metadata` (event_type, event_payload). */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** A thread reply also sent to the channel (reply_broadcast). */
  broadcast?: boolean;
  /** The files a file message shares, as Slack describes them; `upload` is then true, as on Slack. */
  files?: FakeFile[];
  upload?: true;
}

/** A file as Slack describes it in message events and files.info (https://api.slack.com/types/file). */
export interface FakeFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: false;
  size: number;
  mode: 'hosted';
  is_external: false;
  external_type: '';
  is_public: boolean;
  public_url_shared: false;
  display_as_bot: false;
  username: '';
  /** Served by the stand-in to a request with a token, as Slack serves it only to an authorised client. */
  url_private: string;
  url_private_download: string;
  permalink: string;
}

/** A file shared into a conversation, by a person (`shareFile`) or by the app (files.completeUploadExternal). */
export interface FakeShare {
  file: FakeFile;
  message: FakeMessage;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text?: string;
  blocks?: any[];
  /** The `message_ts` Slack answered with; an ephemeral message cannot be updated through chat.update. */
  ts: string;
  thread_ts?: string;
  /** Always true: lets `slackClient.click()` send the payload Slack sends for clicks in ephemeral messages. */
  ephemeral: true;
}

export interface FakeView {
  id: string;
  /** The view as Slack answered it: what the app sent plus id, hash, state, private_metadata, callback_id... */
  view: any;
  method: string;
}

export interface FakeUpload {
  fileId: string;
  filename?: string;
  content: string;
  channel?: string;
  title?: string;
  initialComment?: string;
  threadTs?: string;
}

export type FakeFailure = { error: string } | { rateLimited: number };

/** A channel as declared by `setChannel`. */
export interface FakeChannel {
  isPrivate: boolean;
  botIsMember: boolean;
  members?: string[];
  /** Shared with another organisation (Slack Connect): conversations.info says `is_ext_shared`. */
  shared?: boolean;
}

/** A person as declared by `setUser`; what is left out is as for anyone undeclared. */
export interface FakeUser {
  /** Their organisation's team; default the workspace's own, T0FAKE. Another one makes them a Slack Connect user. */
  teamId?: string;
  isBot?: boolean;
  /** Slack's `is_stranger`: someone of another organisation the app sees without a shared channel. */
  isStranger?: boolean;
  /** users.info's `real_name`; default "User <id>". */
  realName?: string;
}

/** Who a response_url answers, so the sandbox can show the answer to them (tests need no context). */
export interface ResponseContext {
  user: string;
  channel: string;
  thread_ts?: string;
  /** The message the interaction came from, for replace_original / delete_original. */
  originalTs?: string;
  originalEphemeral?: boolean;
}

export interface FakeSlack {
  /** Base URL to pass as the WebClient's slackApiUrl, ending in '/': `http://127.0.0.1:PORT/api/`. */
  apiUrl: string;
  /** Every Web API call, in order (including failed ones). */
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** A fresh URL on this server to use as a slash command's / action's response_url; posts to it are recorded in `responses`, and shown to the user when a context is given. */
  responseUrl(context?: ResponseContext): string;
  responses: { url: string; body: any }[];
  /** Current state of every message posted (chat.postMessage), with chat.update applied (blocks/text replaced, updates++). A thread_ts filter matches replies only (the parent has no thread_ts). */
  messages(filter?: { channel?: string; thread_ts?: string }): FakeMessage[];
  /** Messages posted via chat.postEphemeral. */
  ephemerals: FakeEphemeral[];
  /** Views opened, updated, pushed or published, in order. */
  views: FakeView[];
  /** Files uploaded with files.getUploadURLExternal + upload + files.completeUploadExternal (filled on complete). */
  uploads: FakeUpload[];
  /**
   * A person shares a file (with an optional comment) into a channel or thread, as Slack's file picker does: the file
   * gets an id and a file message is posted. The comment is stored escaped, as Slack stores typed text.
   */
  shareFile(m: { channel: string; user: string; name: string; content: Buffer; mimetype?: string; title?: string; comment?: string; thread_ts?: string }): FakeShare;
  /** A shared file and its bytes; `content` is null for a file of a saved workspace (bytes are kept only in memory). */
  file(id: string): { file: FakeFile; content: Buffer | null } | undefined;
  /** Calls `listener` for every file shared into a conversation, by a person or by the app. */
  onFileShared(listener: (share: FakeShare) => void): () => void;
  /** Make the next `times` calls of `method` fail: with a Slack error answer ({ ok:false, error }) or an HTTP 429 rate limit with Retry-After (seconds). */
  failNext(method: string, failure: FakeFailure, times?: number): void;
  /**
   * Declare a channel: private or public, whether the bot is a member, the people in it (conversations.members
   * lists them, with the bot when it is a member) and whether it is shared with another organisation. Undeclared
   * channels: public, internal, bot is a member, nobody else listed. Ids starting with D are DMs, as on Slack.
   */
  setChannel(id: string, opts: FakeChannel): void;
  /**
   * Declare a person, as users.info then describes them: of another team (Slack Connect), a bot, a stranger.
   * Undeclared ids starting with U or W are people of the workspace's team (the bot's own id is a bot); any other id
   * is `user_not_found`, as on Slack.
   */
  setUser(id: string, user: FakeUser): void;
  /** Waits until `predicate(calls)` is true (polling every 10 ms, default timeout 3000 ms); rejects listing the methods called so far. */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** A person's message in a channel or thread; returns its ts. */
  addUserMessage(m: { channel: string; user: string; text: string; thread_ts?: string }): string;
  /** Links a trigger_id to the user who triggered it, so a modal it opens is that user's. */
  registerTrigger(triggerId: string, user: string): void;
  /** The modal on top of the user's stack, if any. */
  modalFor(user: string): FakeView | null;
  /** Closes the modal (and any pushed above it). */
  closeView(user: string, viewId: string): void;
  /** The user's Home tab as last published. */
  homeFor(user: string): any | null;
  dismissEphemeral(user: string, ts: string): void;
  /** Calls `listener` after every change of messages, ephemerals, modals or Home tabs. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Keys Slack documents as JSON-encoded strings when they travel in a form body. */
const JSON_KEYS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

const BOT = { team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' } as const;

/** Methods that change nothing people see. */
const READ_ONLY = new Set(['auth.test', 'chat.getPermalink', 'conversations.info', 'conversations.replies', 'conversations.members', 'users.info', 'files.getUploadURLExternal', 'files.info']);

class SlackError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function fail(code: string): never {
  throw new SlackError(code);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodeFormValue(key: string, value: string): unknown {
  if (JSON_KEYS.has(key) || value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.parse(value);
    } catch {
      // Slack would reject malformed JSON for the structured keys; keeping the string lets the handler say so.
    }
  }
  return value;
}

/** Parses a request body the way Slack accepts it: form-encoded, JSON or multipart (file data from WebClient). */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Record<string, any>> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const text = raw.toString('utf8');
    return text ? (JSON.parse(text) as Record<string, any>) : {};
  }
  if (type === 'multipart/form-data') {
    // undici's Response knows how to read multipart; no need for a hand-written parser.
    const form = await new Response(raw, { headers: { 'content-type': contentType! } }).formData();
    const out: Record<string, any> = {};
    for (const [key, value] of form.entries()) {
      out[key] = typeof value === 'string' ? decodeFormValue(key, value) : Buffer.from(await value.arrayBuffer());
    }
    return out;
  }
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) out[key] = decodeFormValue(key, value);
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

/** Slack stores and delivers what people type with &, < and > escaped. */
const escapeTyped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `now` (milliseconds since the epoch): message timestamps are the time they were posted, as on Slack (the sandbox
 * shows them); without it they count up from a fixed moment, the same in every test run.
 * `messages`: a workspace saved earlier (the sandbox keeps its channels across restarts).
 * `token`: the only token the Web API and files accept (any other gets `invalid_auth`, as on Slack); without it, any
 * token will do (the tests' app has its own).
 */
export async function startSlackStandIn(opts: { now?: () => number; messages?: FakeMessage[]; token?: string } = {}): Promise<FakeSlack> {
  const epoch = 1_700_000_000;
  const calls: RecordedCall[] = [];
  const responses: { url: string; body: any }[] = [];
  const ephemerals: FakeEphemeral[] = [];
  const views: FakeView[] = [];
  const uploads: FakeUpload[] = [];
  const posted: FakeMessage[] = [...(opts.messages ?? [])];
  const channels = new Map<string, FakeChannel>();
  const failures = new Map<string, { failure: FakeFailure; remaining: number }[]>();
  const users = new Map<string, FakeUser>([[BOT.user_id, { isBot: true, realName: 'vet' }]]);
  const pendingFiles = new Map<string, { filename: string; length: number; content?: Buffer }>();
  /** Every file shared or uploaded, with where it was shared (files.info's `shares`). */
  const files = new Map<string, { file: FakeFile; content: Buffer | null; shares: { channel: string; ts: string; thread_ts?: string }[] }>();
  const shareListeners = new Set<(share: FakeShare) => void>();
  const homeViews = new Map<string, string>();
  const triggers = new Map<string, string>();
  const modalStacks = new Map<string, string[]>();
  const responseContexts = new Map<string, ResponseContext>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  const viewById = (id: string) => [...views].reverse().find((v) => v.id === id) ?? null;
  let tsCounter = 0;
  let idCounter = 0;
  // File ids go on from those of a saved workspace, so a new file never takes the id of one shown in a channel.
  let fileCounter = Math.max(0, ...posted.flatMap((m) => m.files ?? []).map((f) => Number(/^F(\d+)$/.exec(f.id)?.[1] ?? 0)));
  let responseCounter = 0;
  let base = '';
  let port = 0;

  // Unique and increasing in both numeric and string order, shaped like real Slack timestamps: never before the
  // last one (saved messages included), so two messages in the same microsecond, or a clock set back, stay ordered.
  const micros = (ts: string) => {
    const [s = '0', u = '0'] = ts.split('.');
    return Number(s) * 1_000_000 + Number(u.padEnd(6, '0').slice(0, 6));
  };
  let lastMicros = Math.max(0, ...posted.map((m) => micros(m.ts)));
  const nextTs = (): string => {
    const wanted = opts.now ? opts.now() * 1000 : epoch * 1_000_000 + ++tsCounter * 100;
    lastMicros = Math.max(Math.floor(wanted), lastMicros + 1);
    return `${Math.floor(lastMicros / 1_000_000)}.${String(lastMicros % 1_000_000).padStart(6, '0')}`;
  };

  const channelOf = (id: string): FakeChannel => channels.get(id) ?? { isPrivate: false, botIsMember: true };

  /** Slack hides private channels the bot is not in, and refuses posts to public ones it has not joined. */
  const requireMembership = (channel: string | undefined): string => {
    if (!channel) fail('channel_not_found');
    const c = channelOf(channel);
    if (!c.botIsMember) fail(c.isPrivate ? 'channel_not_found' : 'not_in_channel');
    return channel;
  };

  const requireContent = (p: Record<string, any>): void => {
    if (p.blocks !== undefined && !Array.isArray(p.blocks)) fail('invalid_blocks_format');
    const hasBlocks = Array.isArray(p.blocks) && p.blocks.length > 0;
    if (!str(p.text) && !hasBlocks && !p.attachments) fail('no_text');
  };

  const findMessage = (channel: unknown, ts: unknown) => posted.find((m) => m.channel === channel && m.ts === ts);

  const nowSeconds = () => (opts.now ? Math.floor(opts.now() / 1000) : epoch);
  /** Where Slack serves a file's bytes (to a client with a token) and its permalink, which a browser opens. */
  const fileUrls = (id: string, name: string, user: string) => {
    const at = `${base}/files-pri/${BOT.team_id}-${id}`;
    const path = encodeURIComponent(name);
    return { url_private: `${at}/${path}`, url_private_download: `${at}/download/${path}`, permalink: `https://fake.slack.test/files/${user}/${id}/${path}` };
  };
  const newFile = (id: string, f: { name: string; title?: string; user: string; size: number; mimetype?: string | undefined }): FakeFile => {
    const kind = fileKind(f.name, f.mimetype);
    const created = nowSeconds();
    return {
      id,
      created,
      timestamp: created,
      name: f.name,
      title: f.title ?? f.name,
      mimetype: kind.mimetype,
      filetype: kind.filetype,
      pretty_type: kind.pretty_type,
      user: f.user,
      user_team: users.get(f.user)?.teamId ?? BOT.team_id,
      editable: false,
      size: f.size,
      mode: 'hosted',
      is_external: false,
      external_type: '',
      is_public: false,
      public_url_shared: false,
      display_as_bot: false,
      username: '',
      ...fileUrls(id, f.name, f.user),
    };
  };
  /** Posts the message that shares files into a channel or thread, as Slack does when a file is shared there. */
  const postFileMessage = (m: { channel: string; user: string; ids: string[]; text: string; blocks?: any[] | undefined; thread_ts?: string | undefined }): FakeMessage => {
    const ts = nextTs();
    const shared = m.ids.map((id) => {
      const entry = files.get(id)!;
      entry.shares.push({ channel: m.channel, ts, ...(m.thread_ts && { thread_ts: m.thread_ts }) });
      if (!m.channel.startsWith('D') && !channelOf(m.channel).isPrivate) entry.file.is_public = true;
      return entry.file;
    });
    const msg: FakeMessage = { channel: m.channel, ts, text: m.text, user: m.user, updates: 0, files: shared, upload: true };
    if (m.blocks) msg.blocks = m.blocks;
    if (m.thread_ts) msg.thread_ts = m.thread_ts;
    posted.push(msg);
    for (const file of shared) for (const l of shareListeners) l({ file: structuredClone(file), message: structuredClone(msg) });
    return msg;
  };
  /** Slack shows a file to the app when the app uploaded it or is in a conversation it was shared in. */
  const visibleFile = (id: string | undefined) => {
    const entry = id === undefined ? undefined : files.get(id);
    if (!entry || (entry.file.user !== BOT.user_id && !entry.shares.some((s) => channelOf(s.channel).botIsMember))) return undefined;
    return entry;
  };

  /** What Slack answers about a view: the app's view plus the fields Slack adds. */
  const viewAnswer = (id: string, view: any) => ({
    type: 'modal',
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    ...view,
    id,
    hash: 'h',
    team_id: BOT.team_id,
    app_id: 'A0FAKE',
    bot_id: BOT.bot_id,
    root_view_id: id,
    previous_view_id: null,
  });

  const recordView = (method: string, id: string, view: any) => {
    if (!view || typeof view !== 'object' || Array.isArray(view)) fail('invalid_arguments');
    const answered = viewAnswer(id, view);
    views.push({ id, view: answered, method });
    return { view: answered };
  };

  const handlers: Record<string, (p: Record<string, any>) => Record<string, unknown>> = {
    'auth.test': () => ({ url: 'https://fake.slack.test/', team: 'Fake', user: 'vet', ...BOT }),

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

    'chat.getPermalink': (p) => {
      const channel = str(p.channel) ?? fail('channel_not_found');
      const ts = str(p.message_ts) ?? fail('message_not_found');
      let permalink = `https://fake.slack.test/archives/${channel}/p${ts.replace('.', '')}`;
      const msg = findMessage(channel, ts);
      if (msg?.thread_ts && msg.thread_ts !== msg.ts) permalink += `?thread_ts=${msg.thread_ts}&cid=${channel}`;
      return { channel, permalink };
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
        return { channel: { id, created: epoch, is_im: true, is_org_shared: false, ...(other && { user: other }) } };
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

    'views.open': (p) => {
      const trigger = str(p.trigger_id) ?? fail('invalid_arguments');
      const answer = recordView('views.open', `V${++idCounter}`, p.view);
      const user = triggers.get(trigger);
      if (user) modalStacks.set(user, [answer.view.id]);
      return answer;
    },

    'views.push': (p) => {
      const trigger = str(p.trigger_id) ?? fail('invalid_arguments');
      const answer = recordView('views.push', `V${++idCounter}`, p.view);
      const user = triggers.get(trigger);
      if (user) modalStacks.set(user, [...(modalStacks.get(user) ?? []), answer.view.id]);
      return answer;
    },

    'views.update': (p) => {
      const viewId = str(p.view_id);
      const externalId = str(p.external_id);
      let id: string | undefined;
      if (viewId) id = views.some((v) => v.id === viewId) ? viewId : fail('not_found');
      else if (externalId) id = [...views].reverse().find((v) => v.view.external_id === externalId)?.id ?? fail('not_found');
      else fail('invalid_arguments');
      return recordView('views.update', id, p.view);
    },

    'views.publish': (p) => {
      const user = str(p.user_id) ?? fail('invalid_arguments');
      // A user's Home tab keeps its id across publishes, as on Slack.
      const id = homeViews.get(user) ?? `V${++idCounter}`;
      homeViews.set(user, id);
      return recordView('views.publish', id, p.view);
    },

    'users.info': (p) => {
      const id = str(p.user) ?? fail('user_not_found');
      const declared = users.get(id);
      if (!declared && !/^[UW][A-Z0-9]+$/.test(id)) fail('user_not_found');
      const u = declared ?? {};
      return {
        user: {
          id,
          team_id: u.teamId ?? BOT.team_id,
          name: id.toLowerCase(),
          real_name: u.realName ?? `User ${id}`,
          tz: 'Europe/Berlin',
          is_bot: u.isBot === true,
          // Slack sends is_stranger only for strangers.
          ...(u.isStranger && { is_stranger: true }),
        },
      };
    },

    'reactions.add': () => ({}),

    'files.getUploadURLExternal': (p) => {
      const filename = str(p.filename);
      const length = Number(p.length);
      if (!filename || !Number.isFinite(length)) fail('invalid_arguments');
      const fileId = `F${++fileCounter}`;
      pendingFiles.set(fileId, { filename, length });
      return { upload_url: `${base}/upload/${fileId}`, file_id: fileId };
    },

    // Slack shares the files in one message per conversation, the initial comment as its text (blocks only without one).
    'files.completeUploadExternal': (p) => {
      if (!Array.isArray(p.files) || p.files.length === 0) fail('invalid_arguments');
      const channelId = str(p.channel_id);
      const targets = channelId
        ? [channelId]
        : (str(p.channels)
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean) ?? []);
      const thread_ts = str(p.thread_ts);
      if (thread_ts && targets.length > 1) fail('invalid_arguments');
      for (const c of targets) requireMembership(c);
      const wanted = p.files as { id: string; title?: string }[];
      // Validate all before recording any, so a failed call leaves no half-shared upload behind.
      for (const f of wanted) if (!pendingFiles.get(f.id)?.content) fail('file_not_found');
      const initialComment = str(p.initial_comment);
      const done = wanted.map((f) => {
        const pending = pendingFiles.get(f.id)!;
        pendingFiles.delete(f.id);
        const content = pending.content!;
        const title = f.title ?? pending.filename;
        uploads.push({ fileId: f.id, filename: pending.filename, content: content.toString('utf8'), channel: targets[0], title, initialComment, threadTs: thread_ts });
        files.set(f.id, { file: newFile(f.id, { name: pending.filename, title, user: BOT.user_id, size: content.length }), content, shares: [] });
        return { id: f.id, title, name: pending.filename };
      });
      const blocks = initialComment === undefined && Array.isArray(p.blocks) ? p.blocks : undefined;
      for (const channel of targets) postFileMessage({ channel, user: BOT.user_id, ids: done.map((f) => f.id), text: initialComment ?? '', blocks, thread_ts });
      return { files: done };
    },

    'files.info': (p) => {
      const entry = visibleFile(str(p.file)) ?? fail('file_not_found');
      const where = (kind: 'channels' | 'groups' | 'ims') =>
        [...new Set(entry.shares.map((s) => s.channel))].filter((c) => (c.startsWith('D') ? 'ims' : channelOf(c).isPrivate ? 'groups' : 'channels') === kind);
      const shares: Record<string, Record<string, unknown[]>> = {};
      for (const s of entry.shares) {
        const kind = s.channel.startsWith('D') || channelOf(s.channel).isPrivate ? 'private' : 'public';
        ((shares[kind] ??= {})[s.channel] ??= []).push({ ts: s.ts, ...(s.thread_ts && { thread_ts: s.thread_ts }), channel_name: s.channel.toLowerCase(), team_id: BOT.team_id });
      }
      return {
        file: { ...entry.file, channels: where('channels'), groups: where('groups'), ims: where('ims'), shares, comments_count: 0 },
        comments: [],
        response_metadata: { next_cursor: '' },
      };
    },
  };

  /** What Slack does with a response_url answer: replace or delete the original, or post a new message. */
  const showResponse = (c: ResponseContext, body: Record<string, any>) => {
    const original = c.originalTs
      ? c.originalEphemeral
        ? ephemerals.find((e) => e.ts === c.originalTs && e.user === c.user)
        : posted.find((m) => m.ts === c.originalTs && m.channel === c.channel)
      : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original && c.originalEphemeral) ephemerals.splice(ephemerals.indexOf(original as FakeEphemeral), 1);
      else if (original) posted.splice(posted.indexOf(original as FakeMessage), 1);
    } else if ((body.replace_original === true || body.replace_original === 'true') && original) {
      original.text = body.text;
      original.blocks = body.blocks;
    } else if (body.response_type === 'in_channel') {
      const m: FakeMessage = { channel: c.channel, ts: nextTs(), text: body.text, blocks: body.blocks, user: BOT.user_id, updates: 0 };
      if (c.thread_ts) m.thread_ts = c.thread_ts;
      posted.push(m);
    } else {
      const e: FakeEphemeral = { channel: c.channel, user: c.user, text: body.text, blocks: body.blocks, ts: nextTs(), ephemeral: true };
      if (c.thread_ts) e.thread_ts = c.thread_ts;
      ephemerals.push(e);
    }
    changed();
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    const params = await parseBody(await readBody(req), req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : str(params.token);
    delete params.token;
    calls.push({ method, params, token });

    const queue = failures.get(method);
    const planned = queue?.[0];
    if (queue && planned) {
      if (--planned.remaining <= 0) queue.shift();
      const { failure } = planned;
      if ('rateLimited' in failure) {
        send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.rateLimited) });
      } else {
        send(res, 200, { ok: false, error: failure.error });
      }
      return;
    }

    const handler = handlers[method];
    if (!handler) return send(res, 200, { ok: false, error: 'unknown_method' });
    if (!token) return send(res, 200, { ok: false, error: 'not_authed' });
    if (opts.token !== undefined && token !== opts.token) return send(res, 200, { ok: false, error: 'invalid_auth' });
    try {
      send(res, 200, { ok: true, ...handler(params) });
      if (!READ_ONLY.has(method)) changed();
    } catch (err) {
      if (!(err instanceof SlackError)) throw err;
      send(res, 200, { ok: false, error: err.code });
    }
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, fileId: string) => {
    const raw = await readBody(req);
    const pending = pendingFiles.get(fileId);
    if (!pending) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('file not found');
    }
    // WebClient sends the bytes as a multipart file part; accept a plain body too.
    let content = raw;
    if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const fields = await parseBody(raw, req.headers['content-type']);
      const file = Object.values(fields).find((v) => Buffer.isBuffer(v)) as Buffer | undefined;
      content = file ?? raw;
    }
    pending.content = content;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${content.length}`);
  };

  // Slack serves url_private only to a client that sends a token.
  const handleFile = (req: IncomingMessage, res: ServerResponse, fileId: string, download: boolean) => {
    const entry = visibleFile(fileId);
    const text = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    };
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ')) return text(403, 'not_authed: send the token as Authorization: Bearer');
    if (opts.token !== undefined && auth !== `Bearer ${opts.token}`) return text(403, 'invalid_auth');
    if (!entry) return text(404, 'file_not_found');
    if (!entry.content) return text(410, 'the stand-in keeps file contents only while it runs');
    res.writeHead(200, {
      'content-type': entry.file.mimetype,
      'content-length': String(entry.content.length),
      ...(download && { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(entry.file.name)}` }),
    });
    res.end(entry.content);
  };

  const handleResponseUrl = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    let body: any;
    try {
      body = await parseBody(raw, req.headers['content-type'] ?? 'application/json');
    } catch {
      body = raw.toString('utf8');
    }
    responses.push({ url: `${base}${req.url}`, body });
    const context = responseContexts.get(req.url ?? '');
    if (context && body && typeof body === 'object') showResponse(context, body);
    send(res, 200, { ok: true });
  };

  const server = createServer((req, res) => {
    // It holds every message of the workspace: only programs on this machine may ask (see localHost.ts).
    if (!isLocalHost(req.headers.host, port)) return send(res, 403, { ok: false, error: 'localhost_only' });
    // Slack's clients are programs, which send no Origin; a browser sends one with every cross-site POST (a form on
    // another web page aimed at this port), and the stand-in serves no page of its own.
    if (req.headers.origin !== undefined) return send(res, 403, { ok: false, error: 'cross_origin_refused' });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = async () => {
      let m: RegExpMatchArray | null;
      if ((m = path.match(/^\/api\/([\w.]+)$/))) return handleApi(req, res, m[1]!);
      if ((m = path.match(/^\/upload\/(\w+)$/))) return handleUpload(req, res, m[1]!);
      if (req.method === 'GET' && (m = path.match(/^\/files-pri\/[A-Z0-9]+-(F\w+)\/(download\/)?[^/]+$/))) return handleFile(req, res, m[1]!, m[2] !== undefined);
      if (path.startsWith('/response/')) return handleResponseUrl(req, res);
      send(res, 404, { ok: false, error: 'not_found' });
    };
    route().catch((err: unknown) => {
      // A bug in the fake should be loud, not look like a Slack outage.
      console.error('fakeSlack:', err);
      if (!res.headersSent) send(res, 500, { ok: false, error: 'fake_slack_crashed', detail: String(err) });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  // The files of a saved workspace: still described (files.info, the page), their URLs on this server now; the bytes
  // were kept only in memory.
  for (const m of posted) {
    for (const f of m.files ?? []) {
      Object.assign(f, fileUrls(f.id, f.name, f.user));
      const entry = files.get(f.id) ?? { file: f, content: null, shares: [] };
      entry.shares.push({ channel: m.channel, ts: m.ts, ...(m.thread_ts && { thread_ts: m.thread_ts }) });
      files.set(f.id, entry);
    }
  }

  return {
    apiUrl: `${base}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (context) => {
      const path = `/response/${++responseCounter}`;
      if (context) responseContexts.set(path, context);
      return `${base}${path}`;
    },
    responses,
    messages: (filter = {}) =>
      posted
        .filter((m) => (filter.channel === undefined || m.channel === filter.channel) && (filter.thread_ts === undefined || m.thread_ts === filter.thread_ts))
        // Copies, so a test holding one sees the message as it was when asked.
        .map((m) => structuredClone(m)),
    ephemerals,
    views,
    uploads,
    failNext: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, remaining: times });
      failures.set(method, queue);
    },
    setChannel: (id, opts) => {
      channels.set(id, { ...opts, ...(opts.members && { members: [...opts.members] }) });
    },
    setUser: (id, user) => {
      users.set(id, { ...user });
    },
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          const seen = calls.map((c) => c.method).join(', ') || '(none)';
          throw new Error(`fakeSlack.waitFor timed out after ${timeoutMs} ms; methods called so far: ${seen}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    shareFile: ({ channel, user, name, content, mimetype, title, comment, thread_ts }) => {
      const id = `F${++fileCounter}`;
      const entry = { file: newFile(id, { name, ...(title !== undefined && { title }), user, size: content.length, mimetype }), content, shares: [] };
      files.set(id, entry);
      const message = postFileMessage({ channel, user, ids: [id], text: escapeTyped(comment ?? ''), thread_ts });
      changed();
      return { file: structuredClone(entry.file), message: structuredClone(message) };
    },
    file: (id) => {
      const entry = files.get(id);
      return entry && { file: structuredClone(entry.file), content: entry.content };
    },
    onFileShared: (listener) => {
      shareListeners.add(listener);
      return () => shareListeners.delete(listener);
    },
    addUserMessage: ({ channel, user, text, thread_ts }) => {
      const ts = nextTs();
      const m: FakeMessage = { channel, ts, text: escapeTyped(text), user, updates: 0 };
      if (thread_ts) m.thread_ts = thread_ts;
      posted.push(m);
      changed();
      return ts;
    },
    registerTrigger: (triggerId, user) => {
      triggers.set(triggerId, user);
    },
    modalFor: (user) => {
      const top = modalStacks.get(user)?.at(-1);
      return top ? viewById(top) : null;
    },
    closeView: (user, viewId) => {
      const stack = modalStacks.get(user) ?? [];
      const at = stack.indexOf(viewId);
      if (at >= 0) modalStacks.set(user, stack.slice(0, at));
      changed();
    },
    homeFor: (user) => {
      const id = homeViews.get(user);
      return id ? (viewById(id)?.view ?? null) : null;
    },
    dismissEphemeral: (user, ts) => {
      const at = ephemerals.findIndex((e) => e.user === user && e.ts === ts);
      if (at >= 0) ephemerals.splice(at, 1);
      changed();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
