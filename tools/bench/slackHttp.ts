// Slack's side of the two requests the load bench sends (a slash command, a click on a message's button or date
// picker), signed as Slack signs them, over kept-alive node:http connections. The sandbox's client
// (src/sandbox/slackRequests.ts) builds the same payloads over fetch, which costs the sending process several times as
// much CPU per request: under load that would be the driver's time, counted in every app's latencies.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { FORM, signSlackRequest } from '../../src/sandbox/slackRequests.js';

export interface Sent {
  status: number;
  /** When the request was sent and its response read, performance.now() of this process. */
  sentAt: number;
  ms: number;
}

export interface MessageTarget {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks: readonly any[];
}

const TEAM = { id: 'T0FAKE', domain: 'fake' };
const APP_ID = 'A0FAKE';
let triggers = 0;

export function createSlackHttp(url: string, signingSecret: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  let retried = 0;

  /**
   * Sends once. A connection the app closed before answering (typically a kept-alive one closed just as it was
   * reused, which Node advises to retry) is retried once on a new connection, and counted.
   */
  function post(body: string): Promise<Sent> {
    const timestamp = Math.floor(Date.now() / 1000);
    const sentAt = performance.now();
    const attempt = (retry: boolean): Promise<Sent> =>
      new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            agent,
            headers: {
              'Content-Type': FORM,
              'Content-Length': Buffer.byteLength(body),
              'X-Slack-Request-Timestamp': String(timestamp),
              'X-Slack-Signature': signSlackRequest(signingSecret, timestamp, body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, sentAt, ms: performance.now() - sentAt }));
            res.on('error', reject);
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (retry && e.code === 'ECONNRESET') {
            retried++;
            resolve(attempt(false));
          } else reject(new Error(`POST ${url} failed${retry ? '' : ' twice'}: ${e.message}${req.reusedSocket ? ' (on a kept-alive connection)' : ''}`));
        });
        req.end(body);
      });
    return attempt(true);
  }

  return {
    command(text: string, o: { userId: string; channelId: string; responseUrl: string }): Promise<Sent> {
      return post(
        new URLSearchParams({
          token: 'legacy',
          team_id: TEAM.id,
          team_domain: TEAM.domain,
          channel_id: o.channelId,
          channel_name: o.channelId.toLowerCase(),
          user_id: o.userId,
          user_name: o.userId.toLowerCase(),
          command: '/vet',
          text,
          api_app_id: APP_ID,
          is_enterprise_install: 'false',
          response_url: o.responseUrl,
          trigger_id: `${++triggers}.bench`,
        }).toString(),
      );
    },

    /** A click on the element `actionId` of a message, as Slack's block_actions payload carries it (with the message). */
    click(message: MessageTarget, actionId: string, o: { userId: string; value?: string; responseUrl: string }): Promise<Sent> {
      const hit = message.blocks
        .flatMap((block: any) => (Array.isArray(block?.elements) ? block.elements : []).map((element: any) => ({ blockId: String(block.block_id), element })))
        .find(({ element }) => element?.action_id === actionId);
      if (!hit) throw new Error(`no element ${actionId} in message ${message.ts}`);
      const { blockId, element } = hit;
      const fields =
        element.type === 'datepicker'
          ? { selected_date: o.value ?? element.initial_date, initial_date: element.initial_date }
          : { value: element.value, text: element.text, ...(element.style && { style: element.style }) };
      const thread = message.threadTs ? { thread_ts: message.threadTs } : {};
      const payload = {
        type: 'block_actions',
        team: TEAM,
        user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: TEAM.id },
        api_app_id: APP_ID,
        token: 'legacy',
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false, ...thread },
        trigger_id: `${++triggers}.bench`,
        channel: { id: message.channel, name: message.channel.toLowerCase() },
        message: { type: 'message', ts: message.ts, ...thread, text: message.text, blocks: message.blocks, user: 'U0BOT', bot_id: 'B0BOT' },
        response_url: o.responseUrl,
        state: { values: {} },
        is_enterprise_install: false,
        enterprise: null,
        actions: [{ type: element.type, block_id: blockId, action_id: actionId, ...fields, action_ts: (Date.now() / 1000).toFixed(6) }],
      };
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    },

    /** How many requests were sent a second time. */
    retried: () => retried,

    close(): void {
      agent.destroy();
    },
  };
}

export type SlackHttp = ReturnType<typeof createSlackHttp>;
