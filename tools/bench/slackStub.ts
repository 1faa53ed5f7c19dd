// The Slack Web API as `npm run bench:load` needs it: answers every method vet calls during an interview as slack.com
// would (a public, internal channel the bot is in; people of the workspace's team) and tells the driver the moment
// each message is posted. Unlike the sandbox's stand-in (src/sandbox/standIn/) it keeps nothing it does not
// need, so thousands of clicks cost the driver's process little and leave the apps' figures alone.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A chat.postMessage as the driver sees it, with when it arrived (performance.now() of this process). */
export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: any[];
  /** A thread reply also sent to the channel: how vet (and the baseline) post an interview's summary. */
  broadcast: boolean;
  at: number;
}

export interface SlackStub {
  /** Base URL for SLACK_API_URL, ending in '/'. */
  apiUrl: string;
  /** A response_url for a slash command or click. */
  responseUrl(): string;
  /** Calls per Web API method, and how many response_url posts came. */
  counts: Map<string, number>;
  /** What the apps told people only they see (response_url and chat.postEphemeral): a run with any is suspect. */
  ephemerals: string[];
  /** Methods called that this stub does not know: the figures would miss their cost. */
  unknownMethods(): string[];
  close(): Promise<void>;
}

const BOT = { team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' } as const;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** @slack/web-api sends form bodies with structured values JSON-encoded; a JSON body is accepted too. */
function params(body: string, contentType: string | undefined): Record<string, string> {
  if ((contentType ?? '').startsWith('application/json')) {
    const parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function send(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startSlackStub(onPost: (m: PostedMessage) => void): Promise<SlackStub> {
  const counts = new Map<string, number>();
  const ephemerals: string[] = [];
  let seq = 0;
  let responses = 0;
  // Unique, increasing, shaped like Slack's timestamps.
  const nextTs = () => `${1_700_000_000 + Math.floor(++seq / 1_000_000)}.${String(seq % 1_000_000).padStart(6, '0')}`;

  const methods: Record<string, (p: Record<string, string>) => Record<string, unknown>> = {
    'auth.test': () => ({ url: 'https://bench.slack.test/', team: 'Bench', user: 'vet', ...BOT }),
    'chat.postMessage': (p) => {
      const at = performance.now();
      const ts = nextTs();
      const blocks: any[] = p.blocks ? JSON.parse(p.blocks) : [];
      onPost({ channel: p.channel ?? '', ts, threadTs: p.thread_ts || undefined, text: p.text ?? '', blocks, broadcast: p.reply_broadcast === 'true', at });
      return { channel: p.channel, ts, message: { type: 'message', text: p.text ?? '', ts, bot_id: BOT.bot_id, user: BOT.user_id } };
    },
    'chat.update': (p) => ({ channel: p.channel, ts: p.ts, text: p.text ?? '', message: { type: 'message', text: p.text ?? '', ts: p.ts, bot_id: BOT.bot_id } }),
    'chat.postEphemeral': (p) => {
      ephemerals.push(p.text ?? '');
      return { message_ts: nextTs() };
    },
    'chat.getPermalink': (p) => ({ channel: p.channel, permalink: `https://bench.slack.test/archives/${p.channel}/p${(p.message_ts ?? '').replace('.', '')}` }),
    'conversations.info': (p) => ({
      channel: {
        id: p.channel,
        name: (p.channel ?? '').toLowerCase(),
        is_channel: true,
        is_group: false,
        is_im: false,
        is_mpim: false,
        is_private: false,
        is_member: true,
        is_shared: false,
        is_ext_shared: false,
        is_org_shared: false,
        is_pending_ext_shared: false,
      },
    }),
    'conversations.members': () => ({ members: [BOT.user_id], response_metadata: { next_cursor: '' } }),
    'conversations.join': (p) => ({ channel: { id: p.channel, is_channel: true, is_private: false, is_member: true } }),
    'users.info': (p) => ({ user: { id: p.user, team_id: BOT.team_id, name: (p.user ?? '').toLowerCase(), real_name: `User ${p.user}`, is_bot: p.user === BOT.user_id } }),
    'views.open': (p) => ({ view: { ...JSON.parse(p.view ?? '{}'), id: `V${++seq}`, hash: 'h' } }),
    'views.update': (p) => ({ view: { ...JSON.parse(p.view ?? '{}'), id: p.view_id ?? `V${++seq}`, hash: 'h' } }),
    'views.publish': (p) => ({ view: { ...JSON.parse(p.view ?? '{}'), id: `V${p.user_id}`, hash: 'h' } }),
    'reactions.add': () => ({}),
  };

  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        const path = req.url ?? '/';
        if (path.startsWith('/response/')) {
          counts.set('response_url', (counts.get('response_url') ?? 0) + 1);
          try {
            ephemerals.push(String((JSON.parse(body) as { text?: unknown }).text ?? body));
          } catch {
            ephemerals.push(body);
          }
          return send(res, { ok: true });
        }
        const method = /^\/api\/([\w.]+)$/.exec(path)?.[1] ?? '';
        counts.set(method, (counts.get(method) ?? 0) + 1);
        const handler = methods[method];
        if (!handler) return send(res, { ok: false, error: 'unknown_method' });
        send(res, { ok: true, ...handler(params(body, req.headers['content-type'])) });
      },
      (e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: () => `${base}/response/${++responses}`,
    counts,
    ephemerals,
    unknownMethods: () => [...counts.keys()].filter((m) => m !== 'response_url' && !(m in methods)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
