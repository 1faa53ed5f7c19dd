/**
 * Plays Slack's side of the Events/Interactivity/Slash-command HTTP contract: builds the payloads Slack sends and signs
 * them with the signing secret, so tests drive the real Bolt receiver (signature check included) over loopback.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SlackClientOptions {
  /** e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  signingSecret: string;
  responseUrl: () => string;
  /** Default T0FAKE. */
  teamId?: string;
  /**
   * Awaited after each request is answered, before the reply is handed back: a test harness resolves it once the app
   * has finished the work the request started (Bolt answers first and works on afterwards).
   */
  settled?: () => Promise<void>;
}

export interface Reply {
  status: number;
  body: string;
  /** The body parsed as JSON; undefined for an empty body (Bolt's bare ack()). */
  json(): any;
}

export interface ClickTarget {
  channel: string;
  ts: string;
  thread_ts?: string;
  blocks?: any[];
  text?: string;
  /** Set on the fake's `ephemerals` entries: Slack then sends no `message` and marks the container ephemeral. */
  ephemeral?: boolean;
}

export interface SlackClient {
  /** `userTeamId`: the team of the person typing when it is not the workspace's (a Slack Connect user); default `teamId`. */
  command(text: string, opts: { userId: string; channelId: string; command?: string; triggerId?: string; responseUrl?: string; userTeamId?: string }): Promise<Reply>;
  click(
    message: ClickTarget,
    match: { actionId?: string; text?: string; blockId?: string },
    opts: { userId: string; value?: string | string[]; triggerId?: string; retryNum?: number; responseUrl?: string; userTeamId?: string },
  ): Promise<Reply>;
  submitView(view: any, values: Record<string, string | string[] | null>, opts: { userId: string; viewId?: string; userTeamId?: string }): Promise<Reply>;
  /** Submits a view with `state.values` exactly as given (what a browser collected from the inputs). */
  submitViewState(view: any, stateValues: Record<string, Record<string, unknown>>, opts: { userId: string; viewId?: string; userTeamId?: string }): Promise<Reply>;
  event(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number }): Promise<Reply>;
  raw(body: string, opts: { contentType: string; signature?: string; timestamp?: number; headers?: Record<string, string> }): Promise<Reply>;
}

/** Bolt compares this header by string equality, so it must not carry a charset. */
export const FORM = 'application/x-www-form-urlencoded';

const APP_ID = 'A0FAKE';

export function signSlackRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

let unique = 0;
const nowSec = () => Math.floor(Date.now() / 1000);
// Slack's ids and timestamps are opaque strings; these only need to be unique and plausibly shaped.
const freshTriggerId = () => `${++unique}${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
const actionTs = () => (Date.now() / 1000).toFixed(6);

/** Every interactive element of a block list, with the block_id Slack would report for it. */
function interactiveElements(blocks: any[]): { blockId: string; element: any }[] {
  const found: { blockId: string; element: any }[] = [];
  blocks.forEach((block, i) => {
    // Slack fills in block_ids the app left out; any stable stand-in will do here.
    const blockId: string = block?.block_id ?? `fake_block_${i}`;
    const candidates = [...(Array.isArray(block?.elements) ? block.elements : []), block?.accessory, block?.element];
    for (const element of candidates) if (element && typeof element.action_id === 'string') found.push({ blockId, element });
  });
  return found;
}

function allOptions(element: any): any[] {
  const groups: any[] = Array.isArray(element.option_groups) ? element.option_groups : [];
  return [...(element.options ?? []), ...groups.flatMap((g) => g.options ?? [])];
}

function optionByValue(element: any, value: string): any {
  const option = allOptions(element).find((o) => o.value === value);
  if (!option) {
    const available = allOptions(element)
      .map((o) => JSON.stringify(o.value))
      .join(', ');
    throw new Error(`No option with value ${JSON.stringify(value)} in ${element.type} "${element.action_id}"; options: ${available}`);
  }
  return option;
}

const asList = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
const asOne = (v: string | string[]): string => (Array.isArray(v) ? v[0]! : v);

/** The fields a block_actions action carries for an element, given what the user picked. */
function actionFields(element: any, value: string | string[] | undefined): Record<string, unknown> {
  const need = (what: string) => {
    if (value === undefined) throw new Error(`Clicking ${element.type} "${element.action_id}" needs opts.value (${what})`);
    return value;
  };
  switch (element.type) {
    case 'button':
      return { value: element.value, text: element.text, ...(element.style ? { style: element.style } : {}) };
    case 'datepicker':
      return { selected_date: value === undefined ? (element.initial_date ?? need('YYYY-MM-DD')) : asOne(value), initial_date: element.initial_date };
    case 'timepicker':
      return { selected_time: asOne(need('HH:mm')) };
    case 'static_select':
    case 'overflow':
    case 'radio_buttons':
      return { selected_option: optionByValue(element, asOne(need('an option value'))) };
    case 'checkboxes':
    case 'multi_static_select':
      return { selected_options: asList(need('option values')).map((v) => optionByValue(element, v)) };
    case 'users_select':
      return { selected_user: asOne(need('a user id')) };
    case 'multi_users_select':
      return { selected_users: asList(need('user ids')) };
    case 'conversations_select':
      return { selected_conversation: asOne(need('a conversation id')) };
    case 'channels_select':
      return { selected_channel: asOne(need('a channel id')) };
    case 'plain_text_input':
    case 'number_input':
    case 'url_text_input':
    case 'email_text_input':
      return { value: asOne(need('the typed text')) };
    default:
      throw new Error(`slackClient.click does not know how to act on a ${element.type} element`);
  }
}

/** The state.values entry Slack sends for an input element; `given` undefined means the user left it as it was. */
function inputState(element: any, given: string | string[] | null | undefined): Record<string, unknown> {
  const type: string = element.type;
  const untouched = given === undefined;
  const pick = <T>(initial: T, from: (v: string | string[]) => T, empty: T) => (untouched ? (initial ?? empty) : given === null ? empty : from(given));
  switch (type) {
    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'number_input':
      return { type, value: pick(element.initial_value ?? null, asOne, null) };
    case 'datepicker':
      return { type, selected_date: pick(element.initial_date ?? null, asOne, null) };
    case 'timepicker':
      return { type, selected_time: pick(element.initial_time ?? null, asOne, null) };
    case 'users_select':
      return { type, selected_user: pick(element.initial_user ?? null, asOne, null) };
    case 'conversations_select':
      return { type, selected_conversation: pick(element.initial_conversation ?? null, asOne, null) };
    case 'channels_select':
      return { type, selected_channel: pick(element.initial_channel ?? null, asOne, null) };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: pick(element.initial_option ?? null, (v) => optionByValue(element, asOne(v)), null) };
    // Slack sends an empty list, not null, for multi-choice inputs left empty.
    case 'checkboxes':
    case 'multi_static_select':
      return { type, selected_options: pick(element.initial_options ?? [], (v) => asList(v).map((x) => optionByValue(element, x)), []) };
    case 'multi_users_select':
      return { type, selected_users: pick(element.initial_users ?? [], asList, []) };
    default:
      return { type, value: pick(element.initial_value ?? null, asOne, null) };
  }
}

export function createSlackClient(o: SlackClientOptions): SlackClient {
  const teamId = o.teamId ?? 'T0FAKE';
  const team = { id: teamId, domain: 'fake' };
  const user = (id: string, userTeamId = teamId) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: userTeamId });

  const post = async (body: string, contentType: string, extra: { signature?: string; timestamp?: number; headers?: Record<string, string> } = {}): Promise<Reply> => {
    const timestamp = extra.timestamp ?? nowSec();
    const res = await fetch(o.url, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': extra.signature ?? signSlackRequest(o.signingSecret, timestamp, body),
        ...extra.headers,
      },
      body,
    });
    const text = await res.text();
    await o.settled?.();
    return { status: res.status, body: text, json: () => (text === '' ? undefined : JSON.parse(text)) };
  };

  const retryHeaders = (retryNum: number | undefined): Record<string, string> => (retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(retryNum), 'X-Slack-Retry-Reason': 'http_timeout' });

  const interactive = (payload: unknown, headers: Record<string, string> = {}) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, { headers });

  return {
    command(text, opts) {
      const form = new URLSearchParams({
        token: 'legacy',
        team_id: opts.userTeamId ?? teamId,
        team_domain: team.domain,
        channel_id: opts.channelId,
        channel_name: opts.channelId.toLowerCase(),
        user_id: opts.userId,
        user_name: opts.userId.toLowerCase(),
        command: opts.command ?? '/vet',
        text,
        api_app_id: APP_ID,
        is_enterprise_install: 'false',
        response_url: opts.responseUrl ?? o.responseUrl(),
        trigger_id: opts.triggerId ?? freshTriggerId(),
      });
      return post(form.toString(), FORM);
    },

    async click(message, match, opts) {
      if (!match.actionId && match.text === undefined) throw new Error('slackClient.click needs match.actionId or match.text');
      const elements = interactiveElements(message.blocks ?? []);
      const hit = elements.find(
        ({ blockId, element }) =>
          (match.actionId === undefined || element.action_id === match.actionId) &&
          (match.blockId === undefined || blockId === match.blockId) &&
          (match.text === undefined || (element.type === 'button' && element.text?.text === match.text)),
      );
      if (!hit) {
        const available = elements.map(({ element }) => `${element.action_id} (${element.type}${element.type === 'button' ? ` "${element.text?.text}"` : ''})`).join(', ');
        throw new Error(`No element matching ${JSON.stringify(match)} in message ${message.ts}; available: ${available || '(none)'}`);
      }
      const { blockId, element } = hit;
      const container: Record<string, unknown> = {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: message.ephemeral === true,
      };
      if (message.thread_ts) container.thread_ts = message.thread_ts;
      const payload: Record<string, unknown> = {
        type: 'block_actions',
        team,
        user: user(opts.userId, opts.userTeamId),
        api_app_id: APP_ID,
        token: 'legacy',
        container,
        trigger_id: opts.triggerId ?? freshTriggerId(),
        channel: { id: message.channel, name: message.channel.toLowerCase() },
        response_url: opts.responseUrl ?? o.responseUrl(),
        state: { values: {} },
        is_enterprise_install: false,
        enterprise: null,
        actions: [{ type: element.type, block_id: blockId, action_id: element.action_id, ...actionFields(element, opts.value), action_ts: actionTs() }],
      };
      // Slack cannot show the app an ephemeral message's content, so it sends none.
      if (!message.ephemeral) {
        payload.message = {
          type: 'message',
          ts: message.ts,
          ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
          text: message.text ?? '',
          blocks: message.blocks ?? [],
          user: 'U0BOT',
          bot_id: 'B0BOT',
        };
      }
      return interactive(payload, retryHeaders(opts.retryNum));
    },

    async submitView(view, values, opts) {
      const blocks: any[] = Array.isArray(view?.blocks) ? view.blocks : [];
      const stateValues: Record<string, Record<string, unknown>> = {};
      const used = new Set<string>();
      blocks.forEach((block, i) => {
        if (block?.type !== 'input' || !block.element?.action_id) return;
        const actionId: string = block.element.action_id;
        const blockId: string = block.block_id ?? `fake_block_${i}`;
        used.add(actionId);
        (stateValues[blockId] ??= {})[actionId] = inputState(block.element, values[actionId]);
      });
      // A typo in a test's action_id would otherwise submit silently with the field left empty.
      const unknown = Object.keys(values).filter((k) => !used.has(k));
      if (unknown.length) throw new Error(`submitView: no input with action_id ${unknown.join(', ')}; inputs: ${[...used].join(', ') || '(none)'}`);
      return this.submitViewState(view, stateValues, opts);
    },

    async submitViewState(view, stateValues, opts) {
      const id = opts.viewId ?? view?.id ?? 'V0FAKE';
      return interactive({
        type: 'view_submission',
        team,
        user: user(opts.userId, opts.userTeamId),
        api_app_id: APP_ID,
        token: 'legacy',
        trigger_id: freshTriggerId(),
        view: {
          ...view,
          id,
          type: view?.type ?? 'modal',
          team_id: teamId,
          state: { values: stateValues },
          private_metadata: view?.private_metadata ?? '',
          callback_id: view?.callback_id ?? '',
          hash: view?.hash ?? 'h',
          app_id: APP_ID,
          bot_id: 'B0BOT',
          root_view_id: view?.root_view_id ?? id,
          previous_view_id: view?.previous_view_id ?? null,
        },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      });
    },

    event(event, opts = {}) {
      const now = nowSec();
      const body = {
        token: 'legacy',
        team_id: teamId,
        api_app_id: APP_ID,
        event: { event_ts: actionTs(), ...event },
        type: 'event_callback',
        event_id: opts.eventId ?? `Ev${Date.now().toString(36).toUpperCase()}${++unique}`,
        event_time: now,
        authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      };
      return post(JSON.stringify(body), 'application/json', { headers: retryHeaders(opts.retryNum) });
    },

    raw(body, opts) {
      return post(body, opts.contentType, opts);
    },
  };
}
