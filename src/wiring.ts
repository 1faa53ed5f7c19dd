// What the bot runs on, built once: the flows over the store, Slack's answers about channels and people (each cached
// once per process), the delivery of scheduled work, and the schedulers. app.ts (production), the sandbox and the
// tests' harness all build it here, then hand it to createApp; nothing else builds flows or caches.
import type { Logger } from '@slack/bolt';
import { WebClient, type RetryOptions, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { createAdviseFlow } from './flows/advise.js';
import { createDigestFlow, startDigestScheduler, type PostDigest } from './flows/digest.js';
import { createEvidenceFlow, type EvidenceDelivery } from './flows/evidence.js';
import { createFlagFlow } from './flows/flags.js';
import { createInterviewFlow } from './flows/interview.js';
import { createPortfolioFlow } from './flows/portfolio.js';
import { createReplyTargets } from './flows/replyTargets.js';
import { createVendorFlow } from './flows/vendor.js';
import type { ChannelLookup } from './flows/visibility.js';
import { fields } from './logging.js';
import type { Clock } from './model.js';
import type { QuestionBank } from './questions/model.js';
import { createPeople, type People } from './slack/actor.js';
import { createChosenScreen, type ChosenScreen } from './slack/chosen.js';
import { createDigestPoster } from './slack/digestPoster.js';
import { createChaserStanding, createEvidenceDelivery } from './slack/delivery.js';
import { createRefusalGate, type RefusalGate } from './slack/sight.js';
import { createVendorChase } from './slack/vendorDelivery.js';
import { createChannelDirectory, createViewers, type ChannelDirectory, type Viewers } from './slack/viewer.js';
import type { Db } from './store/db.js';
import { createStore, type Store } from './store/store.js';
import { createPublisher, slackError } from './slack/publish.js';

export interface WiringDeps {
  db: Db;
  bank: QuestionBank;
  clock: Clock;
  logger: Logger;
  /** Web API retry policy; production keeps the client's default (honours Retry-After, backs off). */
  retryConfig?: RetryOptions;
}

/**
 * The flows the listeners and schedulers call, built over the same database and clock. `channels` tells the digest
 * and summaries which channels are public and which are shared with another organisation (slack/viewer.ts asks Slack).
 */
export function createFlows(config: Config, deps: Pick<WiringDeps, 'bank' | 'clock'> & { store: Store; channels: ChannelLookup }) {
  const { store, clock } = deps;
  const timeZone = config.digest.timeZone;
  const { minEvaluators } = config;
  const interview = createInterviewFlow({ store, bank: deps.bank, clock, channels: deps.channels, minEvaluators, timeZone });
  const evidence = createEvidenceFlow({ store, clock, timeZone, dueDays: config.evidence.dueDays, interviews: interview, channels: deps.channels, minEvaluators });
  return {
    interview,
    evidence,
    portfolio: createPortfolioFlow({ store, clock, interviews: interview, timeZone, minEvaluators }),
    flags: createFlagFlow({ store, clock, timeZone, riskOwners: config.riskOwners }),
    digest: createDigestFlow({ store, clock, timeZone, revetMonths: config.digest.revetMonths, channels: deps.channels, overdueEvidence: evidence.overdueIn, minEvaluators }),
    advise: createAdviseFlow({ store, bank: deps.bank, clock, timeZone, policy: config.advisor }),
    replies: createReplyTargets({ store, clock }),
    vendor: createVendorFlow({ store, clock, timeZone }),
  };
}

export type Flows = ReturnType<typeof createFlows>;

export interface Wiring extends WiringDeps {
  config: Config;
  /** The repositories over `db`, built once: what the flows (and the event de-duplication) persist through. */
  store: Store;
  /** Options of every Web API client of the app (the Bolt App's too): the API's base URL and the retry policy. */
  clientOptions: WebClientOptions;
  /** The bot's client for work outside a Slack request (directory look-ups); listeners use the one Bolt hands them. */
  client: WebClient;
  flows: Flows;
  /** Which channels are public or shared with another organisation, cached for a minute. */
  channels: ChannelDirectory;
  /** Who someone is (admin, of another organisation) and who may be named an evaluator, cached. */
  people: People;
  /** What the person asking may see. */
  viewers: Viewers;
  /** Refusals name a vetting only to those who may see it; a forged id gets the unknown-id answer (slack/sight.ts). */
  gate: RefusalGate;
  /** Whether a person picked in a modal (a chaser, a risk owner) may be chosen (slack/chosen.ts). */
  screenChosen: ChosenScreen;
  /** The evidence step's Slack side: reminders by DM, updated summaries, receipts. */
  deliverEvidence: EvidenceDelivery;
  /** Posts a channel's red-flag digest (the scheduler's and `/vet digest now`'s). */
  postDigest: PostDigest;
}

export function createWiring(config: Config, deps: WiringDeps): Wiring {
  const { clock, logger } = deps;
  const clientOptions: WebClientOptions = {
    ...(config.slack.apiUrl && { slackApiUrl: config.slack.apiUrl }),
    ...(deps.retryConfig && { retryConfig: deps.retryConfig }),
  };
  const client = new WebClient(config.slack.botToken, { ...clientOptions, logger });
  const channels = createChannelDirectory(client, clock, logger);
  const store = createStore(deps.db);
  const flows = createFlows(config, { ...deps, store, channels });
  const people = createPeople(client, { admins: config.admins, riskOwners: config.riskOwners }, clock);
  const viewers = createViewers(channels, people.actor, flows.portfolio.channels);
  return {
    ...deps,
    config,
    store,
    clientOptions,
    client,
    flows,
    channels,
    people,
    viewers,
    gate: createRefusalGate(viewers, (id) => flows.interview.access(id)),
    screenChosen: createChosenScreen(people, viewers),
    deliverEvidence: createEvidenceDelivery(client, flows.interview, logger, createChaserStanding(people, viewers)),
    postDigest: createDigestPoster(client),
  };
}

/**
 * Starts the one scheduler of the process: each tick posts the digests that are due, then sends the evidence
 * reminders and flags overdue evidence. Every slot is claimed with a lease and a fencing token (store/digests.ts,
 * store/evidence.ts), so several instances share the work without doing any of it twice. Returns the stop.
 */
export function startSchedulers(w: Wiring, intervalMs = 60_000): () => Promise<void> {
  const { logger, flows } = w;
  // After an upgrade every completed vetting may need its verdict scored again: done now, in the background, rather
  // than by the first /vet list while its asker waits. Stopping ends it after the batch at hand.
  let stopping = false;
  const settled = flows.portfolio
    .settleVerdicts(
      () => stopping,
      (count) => logger.info(`scoring the verdicts of ${count} completed vetting(s) that are missing or out of date (after an upgrade), in the background`, fields({ verdicts: count })),
    )
    .then(
      (kept) => {
        if (kept > 0) logger.info(`kept the verdicts of ${kept} completed vetting(s); /vet list and the Home tab read them`, fields({ verdicts: kept }));
      },
      (e: unknown) => logger.warn(`scoring kept verdicts in the background failed (${e instanceof Error ? e.message : String(e)}); the first /vet list scores what is missing`),
    );
  const stopDigests = startDigestScheduler(flows.digest, w.postDigest, {
    intervalMs,
    clock: w.clock,
    onError: (e) => logger.error(`digest scheduler: ${e instanceof Error ? e.message : String(e)}`),
    onTick: (r) => {
      for (const c of r.posted) logger.info(`posted the red-flag digest to ${c}`, fields({ channel: c }));
      for (const f of r.failed) logger.warn(`the red-flag digest for ${f.channelId} failed (${f.error}); it will be retried`, fields({ channel: f.channelId, error: f.error }));
      for (const c of r.lost) logger.warn(`the red-flag digest for ${c} took longer than its lease; another instance may post it, this one did not`, fields({ channel: c }));
    },
    // Evidence reminders (DMs to chasers) and the evidence-overdue flag ride on the same tick, and so do questions an
    // instance asked but died before showing: each claimed once (store/interviews.ts), found by its metadata if Slack
    // took the post, else posted.
    steps: [
      async () => {
        const publisher = createPublisher(w.client, flows.interview, logger);
        for (const v of await flows.interview.claimUnposted()) {
          const where = fields({ channel: v.interview.channelId, interview: v.interview.id });
          await publisher.recoverQuestion(v).then(
            (posted) => logger.info(`${posted ? 'posted' : 'found in its thread'} question ${v.question.id} of interview ${v.interview.id}, which was never shown`, where),
            (e: unknown) => logger.warn(`question ${v.question.id} of interview ${v.interview.id} is still not shown (${slackError(e) ?? String(e)}); the next tick tries again`, where),
          );
        }
      },
      async () => {
        const r = await flows.evidence.tick(w.deliverEvidence);
        if (r.reminded.length > 0) logger.info(`sent ${r.reminded.length} evidence reminder(s)`, fields({ reminded: r.reminded.length }));
        for (const id of r.remindedWithoutNaming) {
          logger.info(`the chaser of evidence request ${id} may not see its vetting (not a member of its private channel): reminded without naming it`, fields({ request: id }));
        }
        for (const s of r.skipped) {
          const why = s.standing === 'unknown' ? 'Slack could not say who they are just now; it is tried again' : 'they are no person of this workspace (another organisation, or a bot)';
          logger.warn(`the evidence reminder for request ${s.requestId} was not sent to ${s.chaser}: ${why}`, fields({ request: s.requestId, chaser: s.chaser, standing: s.standing }));
        }
        for (const f of r.failed) logger.warn(`the evidence reminder for request ${f.requestId} failed (${f.error})`, fields({ request: f.requestId, error: f.error }));
        for (const ts of r.receipts) logger.info(`posted the answer under the evidence shared in message ${ts}, which Slack had refused`, fields({ message: ts }));
        for (const f of r.receiptsFailed) logger.warn(`the answer under the evidence shared in message ${f.sourceTs} failed again (${f.error})`, fields({ message: f.sourceTs, error: f.error }));
      },
      // Evidence asked of a vendor that answers in its own channel is chased there too.
      async () => {
        const r = await flows.vendor.chase(createVendorChase(w.client, flows.vendor));
        for (const f of r.failed) logger.warn(`chasing request ${f.requestId} in the vendor channel failed (${f.error})`, fields({ request: f.requestId, error: f.error }));
      },
    ],
  });
  return async () => {
    stopping = true;
    await Promise.all([stopDigests(), settled]);
  };
}
