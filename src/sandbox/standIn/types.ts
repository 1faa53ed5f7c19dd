// What the stand-in records and how it is driven: the shapes tests and the sandbox page read.
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
