/**
 * A stand-in for Slack's Web API on 127.0.0.1, answering the @slack/web-api WebClient the way slack.com does.
 * The end-to-end tests run the real app against it, and the sandbox uses it as its workspace: it also keeps what
 * people wrote, the modals each user has open, response_url answers and Home tabs, and says when anything changed.
 *
 * Its parts: what it keeps (state.ts), the Web API by family (chat, conversations, views, users, files), the wire
 * (wire.ts), and here the HTTP server that routes to them, response URLs, and the handle tests and the sandbox hold.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLocalHost } from '../localHost.js';
import { chatHandlers } from './chat.js';
import { conversationHandlers } from './conversations.js';
import { fileHandlers } from './files.js';
import { BOT, createState, type StandInOptions } from './state.js';
import type { FakeEphemeral, FakeMessage, FakeSlack, ResponseContext } from './types.js';
import { userHandlers } from './users.js';
import { viewHandlers } from './views.js';
import { escapeTyped, parseBody, readBody, send, SlackError, str, type Handlers } from './wire.js';

export type * from './types.js';

/** Methods that change nothing people see. */
const READ_ONLY = new Set(['auth.test', 'chat.getPermalink', 'conversations.info', 'conversations.replies', 'conversations.members', 'users.info', 'files.getUploadURLExternal', 'files.info']);

/**
 * `now` (milliseconds since the epoch): message timestamps are the time they were posted, as on Slack (the sandbox
 * shows them); without it they count up from a fixed moment, the same in every test run.
 * `messages`: a workspace saved earlier (the sandbox keeps its channels across restarts).
 * `token`: the only token the Web API and files accept (any other gets `invalid_auth`, as on Slack); without it, any
 * token will do (the tests' app has its own).
 */
export async function startSlackStandIn(opts: StandInOptions = {}): Promise<FakeSlack> {
  const s = createState(opts);
  const { calls, responses, ephemerals, views, uploads, posted, channels, failures, users, pendingFiles, files, shareListeners, homeViews, triggers, modalStacks, responseContexts, listeners } = s;
  const { changed, viewById, nextTs, visibleFile, newFile, postFileMessage } = s;
  const handlers: Handlers = { ...chatHandlers(s), ...conversationHandlers(s), ...viewHandlers(s), ...userHandlers(s), ...fileHandlers(s) };
  let responseCounter = 0;
  let port = 0;

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
    responses.push({ url: `${s.base}${req.url}`, body });
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
  s.base = `http://127.0.0.1:${port}`;
  // The files of a saved workspace: still described (files.info, the page), their URLs on this server now; the bytes
  // were kept only in memory.
  for (const m of posted) {
    for (const f of m.files ?? []) {
      Object.assign(f, s.fileUrls(f.id, f.name, f.user));
      const entry = files.get(f.id) ?? { file: f, content: null, shares: [] };
      entry.shares.push({ channel: m.channel, ts: m.ts, ...(m.thread_ts && { thread_ts: m.thread_ts }) });
      files.set(f.id, entry);
    }
  }

  return {
    apiUrl: `${s.base}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (context) => {
      const path = `/response/${++responseCounter}`;
      if (context) responseContexts.set(path, context);
      return `${s.base}${path}`;
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
      const id = s.nextFileId();
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
