// Builds the Bolt App around the wiring (src/wiring.ts): the only place that decides how Slack reaches the bot.
import { App, LogLevel, type CustomRoute } from '@slack/bolt';
import type { LogLevel as ConfigLogLevel } from '../config.js';
import { claimEvent } from '../store/events.js';
import { createChosenScreen } from './chosen.js';
import { createRefusalGate } from './sight.js';
import { registerActions } from './listeners/actions.js';
import { registerAdviseListeners } from './listeners/advise.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvaluatorListeners } from './listeners/evaluators.js';
import { registerEvents } from './listeners/events.js';
import { registerEvidenceListeners } from './listeners/evidence.js';
import { registerFlagListeners } from './listeners/flags.js';
import { registerHome } from './listeners/home.js';
import { registerPortfolioActions } from './listeners/portfolio.js';
import { registerViews } from './listeners/views.js';
import { createReceiver, MalformedPayloadError, refuseMalformedPayloads } from './receiver.js';
import type { Wiring } from '../wiring.js';

export interface AppOptions {
  /** Served beside /slack/events in HTTP mode (/healthz). */
  routes?: CustomRoute[];
  /** Runs each request's whole handling, listeners included, so a shutdown can wait for it (server/shutdown.ts). */
  track?: (work: () => Promise<void>) => Promise<void>;
}

const LOG_LEVEL: Record<ConfigLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** The Bolt App around what `wiring` built (src/wiring.ts): listeners registered, nothing started. */
export function createApp(wiring: Wiring, opts: AppOptions = {}): App {
  const { config, flows, people, viewers } = wiring;
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
    const eventId = (body as { type?: string; event_id?: string }).type === 'event_callback' ? (body as { event_id?: string }).event_id : undefined;
    if (eventId && !(await claimEvent(wiring.db, `event:${eventId}`, wiring.clock()))) return;
    await next();
  });

  const actors = people.actor;
  registerCommands(app, flows, wiring.clock, viewers, people);
  // Refusals name a vetting only to those who may see it; a forged id gets the unknown-id answer (sight.ts).
  const gate = createRefusalGate(viewers, (id) => flows.interview.access(id));
  registerActions(app, flows, actors, gate);
  registerViews(app, flows, actors, gate);
  const screenChosen = createChosenScreen(people, viewers);
  registerFlagListeners(app, flows, viewers, actors, screenChosen, gate);
  registerEvents(app, flows, actors);
  registerEvidenceListeners(app, flows, actors, screenChosen, gate);
  registerEvaluatorListeners(app, flows.interview, actors, people.screen);
  registerHome(app, flows, viewers);
  registerPortfolioActions(app, flows.portfolio, viewers);
  registerAdviseListeners(app, { ...flows, actors, people });
  app.error(async (error) => {
    // The receiver answers the sender 400 for these (receiver.ts); nothing of ours went wrong.
    if (error instanceof MalformedPayloadError) throw error;
    app.logger.error(`unhandled error: ${error.message}`);
  });
  return app;
}
