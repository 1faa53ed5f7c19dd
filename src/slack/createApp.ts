// Builds the Bolt App around the wiring (src/wiring.ts): the only place that decides how Slack reaches the bot.
import { App, LogLevel, type CustomRoute } from '@slack/bolt';
import { z } from 'zod';
import type { LogLevel as ConfigLogLevel } from '../config.js';
import * as actions from './listeners/actions.js';
import * as advise from './listeners/advise.js';
import * as commands from './listeners/commands.js';
import * as evaluators from './listeners/evaluators.js';
import * as events from './listeners/events.js';
import * as evidence from './listeners/evidence.js';
import * as flags from './listeners/flags.js';
import * as home from './listeners/home.js';
import type { Register } from './listeners/listener.js';
import * as portfolio from './listeners/portfolio.js';
import * as vendor from './listeners/vendor.js';
import * as views from './listeners/views.js';
import { createReceiver, MalformedPayloadError, refuseMalformedPayloads } from './receiver.js';
import type { Wiring } from '../wiring.js';

export interface AppOptions {
  /** Served beside /slack/events in HTTP mode (/healthz). */
  routes?: CustomRoute[];
  /** Runs each request's whole handling, listeners included, so a shutdown can wait for it (server/shutdown.ts). */
  track?: (work: () => Promise<void>) => Promise<void>;
}

/** An Events API delivery: its id, under which a redelivery is recognised. */
const EventCallback = z.object({ type: z.literal('event_callback'), event_id: z.string() });

/** Every listener module: each adds its own listeners, with the same deps. */
export const LISTENERS: readonly { register: Register }[] = [commands, actions, views, flags, events, evidence, evaluators, home, portfolio, advise, vendor];

const LOG_LEVEL: Record<ConfigLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** The Bolt App around what `wiring` built (src/wiring.ts): listeners registered, nothing started. */
export function createApp(wiring: Wiring, opts: AppOptions = {}): App {
  const { config } = wiring;
  const { slack } = config;
  const clientOptions = wiring.clientOptions;
  const common = { token: slack.botToken, clientOptions: { ...clientOptions }, logLevel: LOG_LEVEL[config.logLevel], logger: wiring.logger };
  const app =
    slack.mode.kind === 'socket'
      ? // The Socket Mode client opens its connection through the Web API too: give it the same base URL.
        new App({ ...common, socketMode: true, appToken: slack.mode.appToken, installerOptions: { clientOptions } })
      : new App({
          ...common,
          receiver: createReceiver({
            signingSecret: slack.mode.signingSecret,
            logLevel: common.logLevel,
            logger: wiring.logger,
            ...(opts.routes && { customRoutes: opts.routes }),
          }),
        });

  app.use(refuseMalformedPayloads);
  const track = opts.track;
  if (track) app.use(({ next }) => track(next));

  // Slack redelivers an event it thinks was not received (X-Slack-Retry-Num); handle each event id once.
  app.use(async ({ body, next }) => {
    const callback = EventCallback.safeParse(body);
    const eventId = callback.success ? callback.data.event_id : undefined;
    if (eventId && !(await wiring.store.events.claimEvent(`event:${eventId}`, wiring.clock()))) return;
    await next();
  });

  for (const listener of LISTENERS) listener.register(app, wiring);
  app.error(async (error) => {
    // The receiver answers the sender 400 for these (receiver.ts); nothing of ours went wrong.
    if (error instanceof MalformedPayloadError) throw error;
    app.logger.error(`unhandled error: ${error.message}`);
  });
  return app;
}
