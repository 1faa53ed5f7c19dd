// Builds the Bolt App around the flows: the only place that decides how Slack reaches the bot.
import { App, LogLevel, type CustomRoute, type Logger } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { Config, LogLevel as ConfigLogLevel } from '../config.js';
import { createAdviseFlow } from '../flows/advise.js';
import { createDigestFlow } from '../flows/digest.js';
import { createEvidenceFlow } from '../flows/evidence.js';
import { createFlagFlow } from '../flows/flags.js';
import { createInterviewFlow } from '../flows/interview.js';
import { createPortfolioFlow } from '../flows/portfolio.js';
import type { ChannelLookup } from '../flows/visibility.js';
import type { Clock } from '../model.js';
import type { QuestionBank } from '../questions/model.js';
import type { Db } from '../store/db.js';
import { claimEvent } from '../store/events.js';
import { createPeople } from './actor.js';
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
import { createChannelDirectory, createViewers } from './viewer.js';

export interface AppDeps {
  db: Db;
  bank: QuestionBank;
  clock: Clock;
  logger?: Logger;
  /** Web API retry policy; production keeps the client's default (honours Retry-After, backs off). */
  retryConfig?: RetryOptions;
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

/**
 * The flows the listeners call, built over the same database and clock. `channels` tells the digest and summaries
 * which channels are public and which are shared with another organisation (slack/viewer.ts asks Slack).
 */
export function createFlows(config: Config, deps: Pick<AppDeps, 'db' | 'bank' | 'clock'> & { channels: ChannelLookup }) {
  const { db, clock } = deps;
  const interview = createInterviewFlow({ db, bank: deps.bank, clock, channels: deps.channels });
  const evidence = createEvidenceFlow({ db, clock, timeZone: config.digest.timeZone, dueDays: config.evidence.dueDays, interviews: interview, channels: deps.channels });
  return {
    interview,
    evidence,
    portfolio: createPortfolioFlow({ db, clock, interviews: interview, timeZone: config.digest.timeZone }),
    flags: createFlagFlow({ db, clock, timeZone: config.digest.timeZone, riskOwners: config.riskOwners }),
    digest: createDigestFlow({ db, clock, timeZone: config.digest.timeZone, revetMonths: config.digest.revetMonths, channels: deps.channels, overdueEvidence: evidence.overdueIn }),
    advise: createAdviseFlow({ db, bank: deps.bank, clock, timeZone: config.digest.timeZone }),
  };
}

export function createApp(config: Config, deps: AppDeps): App {
  const { slack } = config;
  const clientOptions = {
    ...(slack.apiUrl && { slackApiUrl: slack.apiUrl }),
    ...(deps.retryConfig && { retryConfig: deps.retryConfig }),
  };
  const common = {
    token: slack.botToken,
    clientOptions,
    logLevel: LOG_LEVEL[config.logLevel],
    ...(deps.logger && { logger: deps.logger }),
  };
  const app =
    slack.mode.kind === 'socket'
      ? // The Socket Mode client opens its connection through the Web API too: give it the same base URL.
        new App({ ...common, socketMode: true, appToken: slack.mode.appToken, installerOptions: { clientOptions } })
      : new App({ ...common, signingSecret: slack.mode.signingSecret, ...(deps.routes && { customRoutes: deps.routes }) });

  const track = deps.track;
  if (track) app.use(({ next }) => track(next));

  // Slack redelivers an event it thinks was not received (X-Slack-Retry-Num); handle each event id once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { type?: string; event_id?: string }).type === 'event_callback' ? (body as { event_id?: string }).event_id : undefined;
    if (eventId && !(await claimEvent(deps.db, `event:${eventId}`, deps.clock()))) return;
    await next();
  });

  // Who may see which vetting: Slack's answers about channels, cached for this app (never module-wide).
  const channels = createChannelDirectory(app.client, deps.clock, app.logger);
  const flows = createFlows(config, { ...deps, channels });
  // Who is asking (admin, or from another organisation) and who may be named an evaluator: resolved the same way for
  // every listener, with Slack's answers about people cached for this app (never module-wide).
  const people = createPeople(app.client, { admins: config.admins, riskOwners: config.riskOwners }, deps.clock);
  const actors = people.actor;
  const viewers = createViewers(channels, actors, flows.portfolio.channels);
  registerCommands(app, flows, deps.clock, viewers, people);
  registerActions(app, flows, actors);
  registerViews(app, flows, actors);
  registerFlagListeners(app, flows, viewers, actors);
  registerEvents(app, flows, actors);
  registerEvidenceListeners(app, flows, actors, people.screen);
  registerEvaluatorListeners(app, flows.interview, actors, people.screen);
  registerHome(app, flows, viewers);
  registerPortfolioActions(app, flows.portfolio, viewers);
  registerAdviseListeners(app, { ...flows, actors, people });
  app.error(async (error) => {
    app.logger.error(`unhandled error: ${error.message}`);
  });
  return app;
}
