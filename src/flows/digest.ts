// The weekly digest: subscriptions, slots, and posting each channel's digest exactly once per period.
import type { Clock, Slot } from '../model.js';
import type { Store } from '../store/store.js';
import type { DigestRun, DigestSchedule } from '../store/digests.js';
import { deliveryFailure } from './delivery.js';
import { composeDigest, type DigestView } from './digestContent.js';
import type { ChasedRequest } from './evidence.js';
import { nextSlot, slotAtOrBefore } from './slots.js';
import { showableIn } from './seen.js';
import { createVerdicts } from './verdicts.js';
import type { ChannelLookup } from './visibility.js';

export interface DigestDeps {
  store: Store;
  clock: Clock;
  /** Zone of the default slot (Monday 09:00). */
  timeZone: string;
  revetMonths: number;
  /**
   * Everyone in the channel reads its digest: interviews in other channels count only when those are public, and
   * never when the channel is shared with another organisation.
   */
  channels: ChannelLookup;
  /** Open evidence requests past their due date among these interviews (flows/evidence.ts). */
  overdueEvidence?: (interviewIds: readonly number[]) => Promise<ChasedRequest[]>;
  /** VET_MIN_EVALUATORS: raters a final verdict needs. */
  minEvaluators?: number;
}

/** Posts a digest; resolves to the message ts, rejects when it was refused (with a DeliveryFailed, lasting when no retry can post it). */
export type PostDigest = (view: DigestView) => Promise<string | null>;

export interface TickResult {
  posted: string[];
  failed: { channelId: string; error: string }[];
  /** Runs this instance claimed but no longer held when it came to post them: another instance has them now. */
  lost: string[];
}

/**
 * How long a claimed run is reserved for its poster before another process may take it over. The lease is renewed
 * just before posting, and a post gives up within a minute (createDigestPoster), so it ends well inside the lease.
 */
const LEASE_MS = 5 * 60_000;
/** Idempotency keys of Slack events are kept this long: Slack retries a delivery within minutes. */
const EVENT_KEYS_KEPT_MS = 2 * 24 * 60 * 60_000;
/** Waits before retrying a failed post: 1, 5, 15 minutes, then hourly. */
const RETRY_MINUTES = [1, 5, 15, 60];

/**
 * Why `/vet digest now` posted nothing: the channel is a vendor's, another digest is being posted there, preparing it
 * outlasted its lease, or posting failed (with the delivery's reason).
 */
export type DigestNotPosted = { why: 'vendor-channel' | 'busy' | 'too-slow' } | { why: 'failed'; error: string };

type Delivery = { kind: 'posted' } | { kind: 'failed'; error: string } | { kind: 'lost' };

export function createDigestFlow({ store, clock, timeZone, revetMonths, channels, overdueEvidence, minEvaluators }: DigestDeps) {
  const defaultSlot: Slot = { weekday: 'monday', time: '09:00', timeZone };
  const kept = createVerdicts({ store, clock });

  /** When each vendor was last vetted, counting only interviews everyone in the channel may see. */
  async function lastCompletedVisibleIn(channelId: string, vendorIds: readonly number[]): Promise<Map<number, Date>> {
    const rows = await showableIn(channels, channelId, await store.interviews.lastCompletedByVendorAndChannel(vendorIds));
    const last = new Map<number, Date>();
    for (const r of rows) {
      const before = last.get(r.vendorId);
      if (!before || r.at > before) last.set(r.vendorId, r.at);
    }
    return last;
  }

  async function compose(channelId: string): Promise<DigestView> {
    const now = clock();
    const [flags, interviews, answers, since] = await Promise.all([
      store.flags.listChannelFlags(channelId, ['open', 'accepted']),
      store.interviews.listChannelInterviews(channelId),
      store.answers.listChannelAnswers(channelId),
      store.digests.lastPostedAt(channelId),
    ]);
    const withAnswers = interviews.map((interview) => ({ interview, answers: answers.get(interview.id) ?? [] }));
    const lastCompletedAt = await lastCompletedVisibleIn(channelId, [...new Set(interviews.map((i) => i.vendor.id))]);
    const evidence = overdueEvidence ? await overdueEvidence(interviews.map((i) => i.id)) : [];
    // Each vendor's latest completed vetting, scored as its summary is, so the digest says what the summary says: its
    // kept verdict where that holds now (flows/verdicts.ts), with the flags it rests on.
    const latest = [...new Map(interviews.filter((i) => i.status === 'completed').map((i) => [i.vendor.id, i.id])).values()];
    const [cards, latestFlags] = await Promise.all([kept.scorecards(latest, minEvaluators, now), store.flags.listFlagsOf(latest)]);
    const verdicts = new Map(latest.flatMap((id) => (cards.has(id) ? [[id, { scorecard: cards.get(id)!, flags: latestFlags.get(id) ?? [] }] as const] : [])));
    return composeDigest({ channelId, now, timeZone, since, flags, interviews: withAnswers, lastCompletedAt, revetMonths, overdueEvidence: evidence, verdicts });
  }

  /**
   * Posts the run it claimed and records the outcome; a failure is kept for a later retry, never dropped. Composing
   * may take a while (or the process may stall): the claim is confirmed and its lease renewed right before posting,
   * and a claim another instance took over in the meantime posts nothing.
   */
  async function deliver(run: DigestRun, post: PostDigest): Promise<Delivery> {
    const view = await compose(run.channelId);
    if (!(await store.digests.renewLease(run, clock(), LEASE_MS))) return { kind: 'lost' };
    let ts: string | null;
    try {
      ts = await post(view);
    } catch (e) {
      const { reason: error, lasting } = deliveryFailure(e);
      const wait = RETRY_MINUTES[Math.min(run.attempts, RETRY_MINUTES.length) - 1]!;
      await store.digests.markRunFailed(run, error, new Date(clock().getTime() + wait * 60_000));
      // No retry can cure it: the channel's digest is turned off until someone turns it on again.
      if (lasting) await store.digests.saveSchedule(run.channelId, { enabled: false }, defaultSlot, 'vet', clock());
      return { kind: 'failed', error };
    }
    // Posted: from here on a failure must not make it look unposted (that would post it again).
    await store.digests.markRunPosted(run, ts, clock());
    return { kind: 'posted' };
  }

  return {
    defaultSlot,
    compose,

    /** Whether `ts` is a digest the bot posted in `channelId`. */
    isDigest: (channelId: string, ts: string): Promise<boolean> => store.digests.isPostedDigest(channelId, ts),

    /** Every channel in which an interview runs is subscribed, with the default slot. */
    async subscribe(channelId: string): Promise<void> {
      await store.digests.ensureSchedule(channelId, defaultSlot, clock());
    },

    /** The channel's schedule, or null when it has none (no interview ran here and nobody turned it on). */
    async schedule(channelId: string): Promise<DigestSchedule | null> {
      return store.digests.getSchedule(channelId);
    },

    async setSlot(channelId: string, slot: Slot, by: string): Promise<DigestSchedule> {
      return store.digests.saveSchedule(channelId, { ...slot, enabled: true }, defaultSlot, by, clock());
    },

    async setEnabled(channelId: string, enabled: boolean, by: string): Promise<DigestSchedule> {
      return store.digests.saveSchedule(channelId, { enabled }, defaultSlot, by, clock());
    },

    nextRun(schedule: DigestSchedule): Date {
      return nextSlot(schedule, clock());
    },

    /**
     * Posts every digest that is due: for each subscribed channel, the latest slot at or before now, unless that
     * period was already posted (by this or any other process). After downtime only the latest missed slot is
     * posted, once. Accepted risks whose acceptance ran out reopen first, so the digest shows them.
     */
    async tick(post: PostDigest): Promise<TickResult> {
      const now = clock();
      await store.flags.reopenExpired(now, timeZone);
      await store.events.pruneEvents(new Date(now.getTime() - EVENT_KEYS_KEPT_MS));
      const result: TickResult = { posted: [], failed: [], lost: [] };
      for (const schedule of await store.digests.listEnabledSchedules()) {
        const slot = slotAtOrBefore(schedule, now);
        if (slot < schedule.changedAt) continue;
        // The vendor reads its own shared channel: no digest is ever posted there.
        if (await store.vendorChannel.isVendorChannel(schedule.channelId)) continue;
        const run = await store.digests.claimRun(schedule.channelId, slot.toISOString(), now, LEASE_MS);
        if (!run) continue;
        const outcome = await deliver(run, post);
        if (outcome.kind === 'posted') result.posted.push(run.channelId);
        else if (outcome.kind === 'failed') result.failed.push({ channelId: run.channelId, error: outcome.error });
        else result.lost.push(run.channelId);
      }
      return result;
    },

    /** `/vet digest now`: one digest at once, outside the weekly periods; null when it was posted, else why not. */
    async postNow(channelId: string, post: PostDigest): Promise<DigestNotPosted | null> {
      if (await store.vendorChannel.isVendorChannel(channelId)) return { why: 'vendor-channel' };
      await store.flags.reopenExpired(clock(), timeZone);
      const run = await store.digests.claimRun(channelId, `now:${clock().toISOString()}`, clock(), LEASE_MS);
      if (!run) return { why: 'busy' };
      const outcome = await deliver(run, post);
      if (outcome.kind === 'failed') return { why: 'failed', error: outcome.error };
      return outcome.kind === 'lost' ? { why: 'too-slow' } : null;
    },
  };
}

export type DigestFlow = ReturnType<typeof createDigestFlow>;

/**
 * Runs `tick` at every `intervalMs` boundary of the clock (each minute on the minute), inside the bot process,
 * then each of `steps` (the evidence reminders): a slot is posted within moments of its time, whichever of several
 * instances gets there first. Errors are logged, never fatal, and one step failing does not keep the others from
 * running. The returned stop ends the schedule and resolves once a tick in progress has finished, so a shutdown
 * never closes the database under it.
 */
export function startDigestScheduler(
  flow: DigestFlow,
  post: PostDigest,
  opts: { intervalMs: number; clock: Clock; onError: (e: unknown) => void; onTick?: (r: TickResult) => void; steps?: readonly (() => Promise<void>)[] },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      opts.onTick?.(await flow.tick(post));
    } catch (e) {
      opts.onError(e);
    }
    for (const step of opts.steps ?? []) await step().catch(opts.onError);
  };
  const run = () => {
    if (running || stopped) return;
    running = tick().finally(() => (running = undefined));
  };
  const scheduleNext = () => {
    if (stopped) return;
    // A little past the boundary, so a slot at hh:mm is due when the tick reads the clock.
    const wait = opts.intervalMs - (opts.clock().getTime() % opts.intervalMs) + 50;
    timer = setTimeout(() => {
      run();
      scheduleNext();
    }, wait);
    timer.unref();
  };
  run();
  scheduleNext();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
