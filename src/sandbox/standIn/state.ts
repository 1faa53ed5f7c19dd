// Everything the stand-in keeps: messages, ephemerals, modals and Home tabs, channels and people as declared, files
// and their shares, and what is needed to answer as Slack does (timestamps, ids, membership, file URLs).
import { fileKind } from '../fileTypes.js';
import { fail, str } from './wire.js';
import type { FakeChannel, FakeEphemeral, FakeFailure, FakeFile, FakeMessage, FakeShare, FakeUpload, FakeUser, FakeView, RecordedCall, ResponseContext } from './types.js';

export const BOT = { team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' } as const;

/** The moment timestamps count up from when no clock is given (the same in every test run). */
export const EPOCH = 1_700_000_000;

export interface StandInOptions {
  now?: () => number;
  messages?: FakeMessage[];
  token?: string;
}

export type StandInState = ReturnType<typeof createState>;

export function createState(opts: StandInOptions) {
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

  // Unique and increasing in both numeric and string order, shaped like real Slack timestamps: never before the
  // last one (saved messages included), so two messages in the same microsecond, or a clock set back, stay ordered.
  const micros = (ts: string) => {
    const [s = '0', u = '0'] = ts.split('.');
    return Number(s) * 1_000_000 + Number(u.padEnd(6, '0').slice(0, 6));
  };
  let lastMicros = Math.max(0, ...posted.map((m) => micros(m.ts)));
  const nextTs = (): string => {
    const wanted = opts.now ? opts.now() * 1000 : EPOCH * 1_000_000 + ++tsCounter * 100;
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

  const nowSeconds = () => (opts.now ? Math.floor(opts.now() / 1000) : EPOCH);

  const state = {
    opts,
    calls,
    responses,
    ephemerals,
    views,
    uploads,
    posted,
    channels,
    failures,
    users,
    pendingFiles,
    files,
    shareListeners,
    homeViews,
    triggers,
    modalStacks,
    responseContexts,
    listeners,
    /** `http://127.0.0.1:PORT`, once the server listens. */
    base: '',
    changed,
    viewById,
    nextTs,
    nextViewId: () => `V${++idCounter}`,
    nextFileId: () => `F${++fileCounter}`,
    channelOf,
    requireMembership,
    requireContent,
    findMessage,
    nowSeconds,

    /** Where Slack serves a file's bytes (to a client with a token) and its permalink, which a browser opens. */
    fileUrls(id: string, name: string, user: string) {
      const at = `${state.base}/files-pri/${BOT.team_id}-${id}`;
      const path = encodeURIComponent(name);
      return { url_private: `${at}/${path}`, url_private_download: `${at}/download/${path}`, permalink: `https://fake.slack.test/files/${user}/${id}/${path}` };
    },

    newFile(id: string, f: { name: string; title?: string; user: string; size: number; mimetype?: string | undefined }): FakeFile {
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
        ...state.fileUrls(id, f.name, f.user),
      };
    },

    /** Posts the message that shares files into a channel or thread, as Slack does when a file is shared there. */
    postFileMessage(m: { channel: string; user: string; ids: string[]; text: string; blocks?: any[] | undefined; thread_ts?: string | undefined }): FakeMessage {
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
    },

    /** Slack shows a file to the app when the app uploaded it or is in a conversation it was shared in. */
    visibleFile(id: string | undefined) {
      const entry = id === undefined ? undefined : files.get(id);
      if (!entry || (entry.file.user !== BOT.user_id && !entry.shares.some((s) => channelOf(s.channel).botIsMember))) return undefined;
      return entry;
    },
  };
  return state;
}
