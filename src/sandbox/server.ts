// The local sandbox: the real bot, a Slack stand-in, and a page that plays the Slack client. Nothing of the bot is
// mocked: the page's clicks become the signed requests Slack would send, and the bot's Web API calls land in the
// stand-in, which the page shows.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { loadConfig } from '../config.js';
import type { Clock } from '../model.js';
import type { QuestionBank } from '../questions/model.js';
import { createLogger } from '../logging.js';
import { createApp } from '../slack/createApp.js';
import { openSqlite } from '../store/db.js';
import { createWiring, startSchedulers } from '../wiring.js';
import { startSlackStandIn, type FakeFile, type FakeMessage, type FakeSlack } from './standIn/index.js';
import { escapeSlashText, type Named } from './slashText.js';
import { createSlackClient, type ClickTarget } from './slackRequests.js';
import { fileShareEvent, fileSharedEvent } from './fileEvents.js';
import { formatSize } from './fileTypes.js';
import { isLocalHost } from './localHost.js';
import { loadSubscriptions } from './subscriptions.js';

export const SANDBOX_USERS = [
  { id: 'U0ALEX', name: 'Alex Kim (CTO)' },
  { id: 'U0SAM', name: 'Sam Patel (Security)' },
  { id: 'U0RIO', name: 'Rio Tanaka (Procurement)' },
  { id: 'U0CASEY', name: 'Casey Morgan (CISO)' },
  { id: 'U0OLLY', name: 'Olly Green (outsider)' },
  // Someone of the vendor's own organisation, in the channel shared with it (Slack Connect): she answers there.
  { id: 'U0VERA', name: 'Vera Ruiz (Acme, external)', teamId: 'T0ACME' },
] as const;

/** The team of a person of another organisation (Slack Connect), or undefined for the workspace's own people. */
export function externalTeam(id: string): string | undefined {
  const u = SANDBOX_USERS.find((x) => x.id === id);
  return u && 'teamId' in u ? u.teamId : undefined;
}

/** The sandbox's risk owner (VET_RISK_OWNERS, unless the environment names others): accepts high and critical risks. */
export const SANDBOX_RISK_OWNER = 'U0CASEY';

export interface SandboxChannel {
  id: string;
  name: string;
  /** Set for a private channel: only these people see it, and what was vetted in it (as in Slack). */
  members?: readonly string[];
  /** Shared with another organisation (Slack Connect): conversations.info says is_ext_shared. */
  shared?: boolean;
}

export const SANDBOX_CHANNELS: readonly SandboxChannel[] = [
  { id: 'C0VENDORS', name: 'vendor-vetting' },
  { id: 'C0SECURITY', name: 'security-review', members: ['U0ALEX', 'U0SAM'] },
  // Shared with Acme from Slack's side: Acme's Vera and our people; the vendor answers here (/vet start … --vendor-channel #acme-shared).
  { id: 'C0ACMESHARED', name: 'acme-shared', members: ['U0ALEX', 'U0SAM', 'U0VERA'], shared: true },
];

/** People as the composer mentions them: `@alex`, `@sam`… (the first name), as Slack's @ list would offer them. */
const MENTIONABLE: Named[] = SANDBOX_USERS.map((u) => ({ id: u.id, handle: u.name.split(' ')[0]!.toLowerCase() }));
/** The workspace's own people: members of its public channels (someone of another organisation is in shared ones only). */
const OWN_PEOPLE = SANDBOX_USERS.filter((u) => externalTeam(u.id) === undefined).map((u) => u.id);

const CONTENT_TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const MAX_BODY = 1_000_000;

/**
 * The page's files by path: index.html at /, and every page, script (the ES modules import one another by name) and
 * style sheet in sandbox-ui/ itself, never a subfolder nor anything else there.
 */
function pageFiles(root: URL): Map<string, string> {
  const files = readdirSync(root).filter((f) => /^[\w-]+\.(html|js|css)$/.test(f));
  return new Map([['/', 'index.html'], ...files.map((f): [string, string] => [`/${f}`, f])]);
}
/** The largest file the composer shares (Slack takes far larger ones; the sandbox keeps them in memory). */
export const MAX_FILE_BYTES = 10_000_000;
const MAX_FILE_LABEL = formatSize(MAX_FILE_BYTES);
// A shared file travels base64-encoded in the JSON body, with its name and comment beside it.
const MAX_SHARE_BODY = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 100_000;

export interface SandboxOptions {
  /** Port of the page; 0 picks a free one. */
  port: number;
  databasePath: string;
  bank: QuestionBank;
  clock: Clock;
  logger?: Logger;
  /** The rest of the environment (VET_ADMINS, VET_DIGEST_TZ, LOG_LEVEL...) applies as in real use. */
  env?: Record<string, string | undefined>;
  /** How often the digest scheduler looks for due digests. */
  digestIntervalMs?: number;
  /** Called with every Events API event the sandbox delivers to the app, as sent. */
  onEvent?: (event: Record<string, unknown>) => void;
}

export interface Sandbox {
  url: string;
  standIn: FakeSlack;
  close(): Promise<void>;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function readJson(req: IncomingMessage, limit = MAX_BODY, tooLarge = 'request too large'): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => {
      // Refused only once it is all read, so the browser gets the answer rather than a reset connection.
      if (size > limit) return reject(new BadRequest(tooLarge, 413));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, any>);
      } catch {
        reject(new BadRequest('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The value a browser's action maps to in the signed request builder's terms. */
function pickedValue(action: Record<string, any>): string | string[] | undefined {
  if (action.selected_date) return String(action.selected_date);
  if (action.selected_option?.value !== undefined) return String(action.selected_option.value);
  if (action.selected_user) return String(action.selected_user);
  if (Array.isArray(action.selected_options)) return action.selected_options.map((o: { value: unknown }) => String(o.value));
  if (action.type !== 'button' && action.value !== undefined) return String(action.value);
  return undefined;
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  // The channels are kept beside the database, so a restarted sandbox still shows the threads its interviews live in.
  const workspaceFile = `${opts.databasePath}.workspace.json`;
  const saved = await readFile(workspaceFile, 'utf8').then(
    (text) => (JSON.parse(text) as { messages?: FakeMessage[] }).messages ?? [],
    () => [],
  );
  // A token of this run only: a request that does not carry it (from another program, or planted by a web page) is
  // refused by the stand-in as Slack refuses a bad token.
  const botToken = `xoxb-sandbox-${randomBytes(16).toString('hex')}`;
  const standIn = await startSlackStandIn({ now: Date.now, messages: saved, token: botToken });
  const subscribed = await loadSubscriptions(new URL('../../manifest.yml', import.meta.url), (m) => (opts.logger ?? console).warn(m));
  for (const c of SANDBOX_CHANNELS) {
    standIn.setChannel(c.id, { isPrivate: c.members !== undefined, botIsMember: true, members: [...(c.members ?? OWN_PEOPLE)], shared: c.shared === true });
  }
  // users.info gives their names and, for someone of another organisation, their own team, as Slack would.
  for (const u of SANDBOX_USERS) {
    const teamId = externalTeam(u.id);
    standIn.setUser(u.id, { realName: u.name, ...(teamId && { teamId }) });
  }
  const signingSecret = randomBytes(24).toString('hex');
  const config = loadConfig({
    VET_RISK_OWNERS: SANDBOX_RISK_OWNER,
    ...opts.env,
    SLACK_BOT_TOKEN: botToken,
    SLACK_APP_TOKEN: undefined,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: standIn.apiUrl,
    PORT: undefined,
    DATABASE_PATH: opts.databasePath,
  });
  if (!config.ok) {
    await standIn.close();
    throw new Error(config.errors.join('\n'));
  }
  const db = await openSqlite(opts.databasePath);
  const logger = opts.logger ?? createLogger({ format: 'text', level: config.config.logLevel });
  const wiring = createWiring(config.config, { db, bank: opts.bank, clock: opts.clock, logger });
  const app = createApp(wiring);
  const appServer = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/slack/events`;
  const slack = createSlackClient({ url: appUrl, signingSecret, responseUrl: () => standIn.responseUrl() });
  // As in Slack: the digests and the chasers' evidence reminders (DMs) on the same tick.
  const stopDigests = startSchedulers(wiring, opts.digestIntervalMs);

  const users = new Set<string>(SANDBOX_USERS.map((u) => u.id));
  /** The channels a person sees: every public one, and the private ones they are a member of. */
  const channelsOf = (who: string) => SANDBOX_CHANNELS.filter((c) => (c.members === undefined ? externalTeam(who) === undefined : c.members.includes(who)));
  // In a Slack Connect channel Slack names the team of someone of another organisation in commands, clicks and events.
  const teamOf = (who: string) => {
    const teamId = externalTeam(who);
    return teamId ? { userTeamId: teamId } : {};
  };
  const userTeam = (who: string) => {
    const teamId = externalTeam(who);
    return teamId ? { user_team: teamId } : {};
  };
  const user = (b: Record<string, any>): string => {
    if (!users.has(b.user)) throw new BadRequest(`unknown user ${JSON.stringify(b.user)}`);
    return b.user as string;
  };
  const channel = (b: Record<string, any>, who: string): string => {
    if (!channelsOf(who).some((c) => c.id === b.channel)) throw new BadRequest(`unknown channel ${JSON.stringify(b.channel)}`);
    return b.channel as string;
  };
  /** As Slack names a conversation in events: a private channel is a `group`. */
  const channelType = (id: string): 'channel' | 'group' => (SANDBOX_CHANNELS.find((c) => c.id === id)?.members === undefined ? 'channel' : 'group');
  /** A top-level message of the channel to reply under, or a clear error: the composer cannot start a thread on nothing. */
  const threadOf = (b: Record<string, any>, where: string): FakeMessage | undefined => {
    if (!b.thread_ts) return undefined;
    const parent = standIn.messages({ channel: where }).find((m) => m.ts === String(b.thread_ts) && (!m.thread_ts || m.thread_ts === m.ts));
    if (!parent) throw new BadRequest('that thread is gone');
    return parent;
  };
  /** What Slack adds to a message event in a thread. */
  const inThread = (parent: FakeMessage | undefined) => (parent ? { thread_ts: parent.ts, ...(parent.user && { parent_user_id: parent.user }) } : {});
  /** Sends the app an event as Slack would, if the app subscribes to it; the app's answer, or null when not sent. */
  const deliver = async (event: Record<string, unknown> & { type: string; channel_type?: string }) => {
    if (!subscribed(event)) return null;
    opts.onEvent?.(event);
    return slack.event(event);
  };
  // Slack also sends file_shared, to an app subscribed to it, for every file shared: the app's own uploads too.
  const stopFileShared = standIn.onFileShared((share) => {
    deliver(fileSharedEvent(share)).then(
      (reply) => {
        if (reply && reply.status !== 200) app.logger.warn(`sandbox: the app answered file_shared with ${reply.status}`);
      },
      (e: unknown) => app.logger.error(`sandbox: file_shared not delivered: ${String(e)}`),
    );
  });
  const trigger = (who: string): string => {
    const id = `${Date.now()}.${randomBytes(8).toString('hex')}`;
    standIn.registerTrigger(id, who);
    return id;
  };
  /** Slack answers an interaction with 200 and whatever the app acked; anything else is worth showing. */
  const checked = (reply: { status: number; body: string }) => {
    if (reply.status !== 200) throw new Error(`the app answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    return reply;
  };

  /** What the page shows of a file, and where it downloads it (the bytes are the stand-in's, while it runs). */
  const fileForPage = (f: FakeFile, who: string) => ({
    id: f.id,
    name: f.name,
    title: f.title,
    filetype: f.filetype,
    pretty_type: f.pretty_type,
    size: f.size,
    permalink: f.permalink,
    download: `/sandbox/files/${encodeURIComponent(f.id)}/${encodeURIComponent(f.name)}?user=${encodeURIComponent(who)}`,
    available: Boolean(standIn.file(f.id)?.content),
  });
  /** A file's bytes for the page, to someone who sees a conversation it was shared in, as Slack allows. */
  const download = (res: ServerResponse, id: string, who: string) => {
    const shared = standIn.messages().some((m) => m.files?.some((f) => f.id === id) && channelsOf(who).some((c) => c.id === m.channel));
    const stored = shared ? standIn.file(id) : undefined;
    if (!stored) return json(res, 404, { ok: false, error: 'no such file here' });
    if (!stored.content) return json(res, 410, { ok: false, error: 'the sandbox keeps a file only while it runs, and it has restarted since this one was shared: share it again' });
    res.writeHead(200, {
      // Always a download, never shown on the sandbox's own page: a shared .html or .svg must not run as the page.
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`,
      'content-length': String(stored.content.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    });
    res.end(stored.content);
  };

  const state = (who: string) => ({
    team: { name: 'vet sandbox' },
    botUserId: 'U0BOT',
    users: [...SANDBOX_USERS, { id: 'U0BOT', name: 'vet' }],
    channels: channelsOf(who).map((c) => ({ id: c.id, name: c.name, private: c.members !== undefined, ...(c.shared && { shared: true }) })),
    messages: standIn.messages().map((m) => ({
      channel: m.channel,
      ts: m.ts,
      thread_ts: m.thread_ts,
      user: m.user,
      text: m.text,
      blocks: m.blocks,
      edited: m.updates > 0 && m.user !== 'U0BOT',
      broadcast: m.broadcast === true,
      ...(m.files && { files: m.files.map((f) => fileForPage(f, who)) }),
    })),
    ephemerals: standIn.ephemerals.filter((e) => e.user === who).map((e) => ({ channel: e.channel, ts: e.ts, thread_ts: e.thread_ts, text: e.text, blocks: e.blocks })),
    modal: (() => {
      const m = standIn.modalFor(who);
      return m ? { id: m.id, view: m.view } : null;
    })(),
    home: standIn.homeFor(who),
  });

  const routes: Record<string, (b: Record<string, any>) => Promise<Record<string, unknown>>> = {
    async send(b) {
      const who = user(b);
      const where = channel(b, who);
      const text = String(b.text ?? '').trim();
      if (text === '') throw new BadRequest('nothing to send');
      const thread_ts = b.thread_ts ? String(b.thread_ts) : undefined;
      if (text.startsWith('/')) {
        const command = text.split(/\s+/)[0]!;
        if (command !== '/vet') return { ok: false, error: `${command} is not a command here; this sandbox has /vet` };
        checked(
          await slack.command(
            escapeSlashText(
              text.slice(command.length).trim(),
              MENTIONABLE,
              channelsOf(who).map((c) => ({ id: c.id, handle: c.name })),
            ),
            {
              userId: who,
              ...teamOf(who),
              channelId: where,
              triggerId: trigger(who),
              responseUrl: standIn.responseUrl({ user: who, channel: where, ...(thread_ts && { thread_ts }) }),
            },
          ),
        );
        return { ok: true };
      }
      const parent = threadOf(b, where);
      const ts = standIn.addUserMessage({ channel: where, user: who, text, ...(parent && { thread_ts: parent.ts }) });
      const delivered = standIn.messages({ channel: where }).find((m) => m.ts === ts)!.text;
      const reply = await deliver({ type: 'message', channel: where, channel_type: channelType(where), user: who, ...userTeam(who), text: delivered, ts, event_ts: ts, ...inThread(parent) });
      if (reply) checked(reply);
      return { ok: true, ts };
    },

    // A file from the composer's file picker, as Slack shares one: a file message, then a `message` event of subtype
    // file_share carrying the file object, its text the comment typed with it, or empty.
    async share(b) {
      const who = user(b);
      const where = channel(b, who);
      const parent = threadOf(b, where);
      // A browser gives the bare name; anything with a path or control characters is trimmed to what Slack would show.
      const name = String(b.name ?? '')
        .split(/[\\/]/)
        .pop()!
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .trim()
        .slice(0, 255);
      if (name === '') throw new BadRequest('the file has no name');
      const data = String(b.data ?? '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new BadRequest('the file data is not base64');
      const content = Buffer.from(data, 'base64');
      if (content.length === 0) throw new BadRequest(`"${name}" is empty: Slack does not share empty files`);
      if (content.length > MAX_FILE_BYTES) throw new BadRequest(`"${name}" is ${formatSize(content.length)}: the sandbox takes files up to ${MAX_FILE_LABEL}`, 413);
      const comment = String(b.comment ?? '').trim();
      const { file, message } = standIn.shareFile({
        channel: where,
        user: who,
        name,
        content,
        ...(typeof b.type === 'string' && { mimetype: b.type }),
        ...(comment && { comment }),
        ...(parent && { thread_ts: parent.ts }),
      });
      const reply = await deliver(fileShareEvent(message, channelType(where), parent?.user));
      if (reply) checked(reply);
      return { ok: true, ts: message.ts, file: file.id };
    },

    async action(b) {
      const who = user(b);
      const where = channel(b, who);
      const action = (b.action ?? {}) as Record<string, any>;
      const ts = String(b.message_ts ?? '');
      const target: ClickTarget | undefined = b.ephemeral ? standIn.ephemerals.find((e) => e.user === who && e.ts === ts) : standIn.messages({ channel: where }).find((m) => m.ts === ts);
      if (!target) throw new BadRequest('that message is gone');
      const value = pickedValue(action);
      checked(
        await slack.click(
          target,
          { actionId: String(action.action_id), ...(b.block_id && { blockId: String(b.block_id) }) },
          {
            userId: who,
            ...teamOf(who),
            ...(value !== undefined && { value }),
            triggerId: trigger(who),
            responseUrl: standIn.responseUrl({
              user: who,
              channel: where,
              ...(target.thread_ts && { thread_ts: target.thread_ts }),
              originalTs: ts,
              originalEphemeral: Boolean(b.ephemeral),
            }),
          },
        ),
      );
      return { ok: true };
    },

    async view_submit(b) {
      const who = user(b);
      const open = standIn.modalFor(who);
      if (!open || open.id !== b.view_id) throw new BadRequest('that modal is no longer open');
      const reply = checked(await slack.submitViewState(open.view, (b.values ?? {}) as Record<string, Record<string, unknown>>, { userId: who, viewId: open.id, ...teamOf(who) }));
      const answer = reply.body ? (JSON.parse(reply.body) as { response_action?: string; errors?: Record<string, string> }) : {};
      if (answer.response_action === 'errors') return { ok: true, errors: answer.errors ?? {} };
      standIn.closeView(who, open.id);
      return { ok: true };
    },

    async view_close(b) {
      standIn.closeView(user(b), String(b.view_id ?? ''));
      return { ok: true };
    },

    async home_opened(b) {
      const who = user(b);
      const reply = await deliver({ type: 'app_home_opened', user: who, channel: `D${who.slice(1)}`, tab: 'home' });
      if (reply) checked(reply);
      return { ok: true };
    },

    async ephemeral_dismiss(b) {
      standIn.dismissEphemeral(user(b), String(b.ts ?? ''));
      return { ok: true };
    },
  };

  const streams = new Set<ServerResponse>();
  let saving: NodeJS.Timeout | undefined;
  const save = () => writeFile(workspaceFile, JSON.stringify({ messages: standIn.messages() })).catch((e: unknown) => app.logger.warn(`sandbox: could not save ${workspaceFile}: ${String(e)}`));
  const unsubscribe = standIn.onChange(() => {
    for (const s of streams) s.write('event: change\ndata: {}\n\n');
    clearTimeout(saving);
    saving = setTimeout(() => void save(), 200);
  });

  const uiRoot = new URL('../../sandbox-ui/', import.meta.url);
  const uiFiles = pageFiles(uiRoot);
  const server = createServer((req, res) => {
    if (!isLocalHost(req.headers.host, port)) return json(res, 403, { ok: false, error: `the sandbox answers only to localhost: open http://localhost:${port}/` });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      const page = req.method === 'GET' ? uiFiles.get(url.pathname) : undefined;
      if (page) {
        const body = await readFile(new URL(page, uiRoot));
        res.writeHead(200, { 'content-type': CONTENT_TYPES[page.split('.').pop()!]!, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        return res.end(body);
      }
      if (req.method === 'GET' && url.pathname === '/sandbox/state') {
        const who = url.searchParams.get('user') ?? SANDBOX_USERS[0].id;
        if (!users.has(who)) throw new BadRequest(`unknown user ${JSON.stringify(who)}`);
        return json(res, 200, state(who));
      }
      const file = req.method === 'GET' ? /^\/sandbox\/files\/(F\w+)\/[^/]+$/.exec(url.pathname) : null;
      if (file) {
        const who = url.searchParams.get('user') ?? '';
        if (!users.has(who)) throw new BadRequest(`unknown user ${JSON.stringify(who)}`);
        return download(res, file[1]!, who);
      }
      if (req.method === 'GET' && url.pathname === '/sandbox/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write('event: hello\ndata: {}\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const route = req.method === 'POST' ? /^\/sandbox\/(\w+)$/.exec(url.pathname)?.[1] : undefined;
      if (route && routes[route]) {
        // Another web page open in the same browser must not act in the sandbox: same origin and JSON only.
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://localhost:${port}` && origin !== `http://127.0.0.1:${port}`)
          return json(res, 403, { ok: false, error: 'requests must come from the sandbox page' });
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new BadRequest('send JSON (content-type: application/json)');
        const body = route === 'share' ? await readJson(req, MAX_SHARE_BODY, `the file is larger than the sandbox takes (${MAX_FILE_LABEL})`) : await readJson(req);
        return json(res, 200, await routes[route](body));
      }
      json(res, 404, { ok: false, error: 'not found' });
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) return void res.end();
      if (e instanceof BadRequest) json(res, e.status, { ok: false, error: e.message });
      else {
        app.logger.error(`sandbox: ${e instanceof Error ? e.message : String(e)}`);
        json(res, 500, { ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the sandbox is for the person at this machine.
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}/`;

  return {
    url,
    standIn,
    async close() {
      await stopDigests();
      stopFileShared();
      unsubscribe();
      clearTimeout(saving);
      await save();
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.stop();
      await db.destroy();
      await standIn.close();
    },
  };
}
