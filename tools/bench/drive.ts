// Plays K teams interviewing at once: each starts `/vet start Vendor-i --lite --with @U2` in a channel of its own,
// then clicks a rating on each question as soon as it is posted, until the summary comes. Every request is signed as
// Slack signs it and goes to the app's HTTP receiver (round robin over several instances, like a load balancer).
// For each click it keeps the ack latency (the HTTP response) and the time until the next question (or the summary)
// reached the Slack stub.
import { performance } from 'node:perf_hooks';
import { answerBlock, plannedClick } from './plan.js';
import { createSlackHttp } from './slackHttp.js';
import type { PostedMessage } from './slackStub.js';

/** What the driver waits for in an interview's channel: a question to click, or the summary that ends it. */
type Awaited = { kind: 'question' | 'summary'; message: PostedMessage };

const WAIT_MS = 30_000;

/** Routes the messages the stub receives to the interview waiting in that channel. */
export function createInbox() {
  const queues = new Map<string, { items: Awaited[]; waiter: ((a: Awaited) => void) | null }>();
  const queue = (channel: string) => {
    let q = queues.get(channel);
    if (!q) queues.set(channel, (q = { items: [], waiter: null }));
    return q;
  };
  return {
    deliver(m: PostedMessage): void {
      if (!m.threadTs) return;
      const kind = m.broadcast ? 'summary' : answerBlock(m.blocks) ? 'question' : null;
      if (!kind) return;
      const q = queue(m.channel);
      if (q.waiter) {
        const w = q.waiter;
        q.waiter = null;
        w({ kind, message: m });
      } else q.items.push({ kind, message: m });
    },
    next(channel: string, what: string): Promise<Awaited> {
      const q = queue(channel);
      const ready = q.items.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          q.waiter = null;
          reject(new Error(`no ${what} was posted in ${channel} within ${WAIT_MS / 1000} s`));
        }, WAIT_MS);
        q.waiter = (a) => {
          clearTimeout(timer);
          resolve(a);
        };
      });
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;

export interface DriveResult {
  /** Ack latency of every click, ms. */
  acks: number[];
  /** Click to the next question posted, ms (the first click on a question, when two evaluators click). */
  nexts: number[];
  /** Last click to the summary posted, ms. */
  summaries: number[];
  clicks: number;
  seconds: number;
  /** Requests sent a second time because the app closed the connection before answering. */
  retried: number;
}

export interface DriveOptions {
  urls: readonly string[];
  signingSecret: string;
  responseUrl: () => string;
  inbox: Inbox;
  interviews: number;
  /** 1: the lead (U1) rates; 2: the lead and U2 both rate each question. */
  evaluators: 1 | 2;
  /** Channel ids are `C<prefix><i>`; a prefix per batch keeps warm-up and load apart. */
  prefix: string;
}

export async function drive(o: DriveOptions): Promise<DriveResult> {
  const clients = o.urls.map((url) => createSlackHttp(url, o.signingSecret));
  let turn = 0;
  const pick = () => clients[turn++ % clients.length]!;
  const users = o.evaluators === 2 ? ['U1', 'U2'] : ['U1'];
  const result: DriveResult = { acks: [], nexts: [], summaries: [], clicks: 0, seconds: 0, retried: 0 };

  const acked = (what: string, status: number) => {
    if (status !== 200) throw new Error(`${what} was answered with HTTP ${status}`);
  };

  async function interview(i: number): Promise<void> {
    const channel = `C${o.prefix}${i}`;
    const started = await pick().command(`start Vendor-${o.prefix}-${i} --lite --with <@U2>`, { userId: 'U1', channelId: channel, responseUrl: o.responseUrl() });
    acked('/vet start', started.status);
    let current = await o.inbox.next(channel, 'first question');
    while (current.kind === 'question') {
      const m = current.message;
      const click = plannedClick(m.blocks);
      if (!click) throw new Error(`the bench does not know how to answer the question posted in ${channel}: ${JSON.stringify(answerBlock(m.blocks))}`);
      const target = { channel, ts: m.ts, ...(m.threadTs && { threadTs: m.threadTs }), blocks: m.blocks, text: m.text };
      const clicks = users.map((userId) =>
        pick()
          .click(target, click.actionId, { userId, ...(click.value && { value: click.value }), responseUrl: o.responseUrl() })
          .then((sent) => {
            acked(`a click on ${click.actionId}`, sent.status);
            result.acks.push(sent.ms);
            result.clicks++;
            return sent.sentAt;
          }),
      );
      // Waited for together, so a refused click fails the run with its own reason rather than a timeout.
      const [next, sentAt] = await Promise.all([o.inbox.next(channel, 'next question or summary'), Promise.all(clicks)]);
      (next.kind === 'question' ? result.nexts : result.summaries).push(next.message.at - Math.min(...sentAt));
      current = next;
    }
  }

  const start = performance.now();
  try {
    await Promise.all(Array.from({ length: o.interviews }, (_, i) => interview(i + 1)));
  } finally {
    for (const c of clients) c.close();
  }
  result.retried = clients.reduce((n, c) => n + c.retried(), 0);
  result.seconds = (performance.now() - start) / 1000;
  return result;
}
