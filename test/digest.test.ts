// The weekly digest with an injected clock: when it posts (once per channel and period, whatever restarts,
// second processes or Slack failures happen) and what it says.
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { PostDigest } from '../src/flows/digest.js';
import type { AnswerAction, QuestionView } from '../src/flows/views.js';
import type { ChannelPrivacy } from '../src/flows/visibility.js';
import type { Question } from '../src/questions/model.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { renderDigest } from '../src/slack/blocks/digest.js';
import { createFlows } from '../src/wiring.js';
import { createDigestPoster } from '../src/slack/digestPoster.js';
import { openDatabase, type DatabaseTarget, type Db } from '../src/store/db.js';
import { listRuns } from '../src/store/digests.js';
import { decideFlag, listFlags } from '../src/store/flags.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { freshTarget, testEngine } from './support/database.js';
import { manualClock } from './support/temp.js';
import { createStore } from '../src/store/store.js';

const config = (() => {
  const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's', VET_DIGEST_TZ: 'Europe/Berlin' });
  if (!c.ok) throw new Error(c.errors.join());
  return c.config;
})();

const open: { db: Db }[] = [];
let fake: FakeSlack | undefined;
afterEach(async () => {
  for (const o of open.splice(0)) await o.db.destroy();
  await fake?.close();
  fake = undefined;
});

/** `privacy`: what Slack says of each channel (the digest asks about other channels); not listed: public. None is shared. */
async function bot(path: DatabaseTarget, clock: ReturnType<typeof manualClock>, privacy: Record<string, ChannelPrivacy> = {}) {
  const db = await openDatabase(path);
  open.push({ db });
  const lookup = async (ids: readonly string[]) => new Map(ids.map((id) => [id, privacy[id] ?? 'public'] as const));
  return { db, clock, ...createFlows(config, { store: createStore(db), bank: STANDARD_BANK, clock, channels: { privacy: lookup, shared: async () => false } }) };
}
type Bot = Awaited<ReturnType<typeof bot>>;

async function sequence<T>(steps: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const step of steps) out.push(await step());
  return out;
}

/** A good answer to a question nobody named in a test: a solid rating, or a fact within its bounds. */
function goodAnswer(q: Question): AnswerAction {
  switch (q.fact?.type) {
    case undefined:
      return { kind: 'rate', level: 2 };
    case 'date':
      return { kind: 'fact', value: { type: 'date', value: q.fact.isExpiry ? '2028-06-30' : '2026-09-30' } };
    case 'boolean':
      return { kind: 'fact', value: { type: 'boolean', value: true } };
    case 'number':
      return { kind: 'fact', value: { type: 'number', value: 24 } };
    case 'list':
      return { kind: 'fact', value: { type: 'list', value: ['Ana Ruiz'] } };
  }
}

/**
 * Runs a lite interview answering the named questions as given and the rest well (evidence shown), so only what a
 * test names raises anything: a vetting that skipped questions would be incomplete.
 */
const lead = { userId: 'U0LEAD', admin: false, riskOwner: false, external: false };

async function interview(b: Bot, vendor: string, channel: string, answers: Record<string, AnswerAction>, finish = true): Promise<number> {
  const started = await b.interview.start({ vendorName: vendor, model: null, variant: 'lite', channelId: channel, lead, evaluators: [] });
  if (started.kind !== 'started') throw new Error(started.kind);
  await b.interview.attachThread(started.interview.id, `${Date.now()}.0001`);
  await b.digest.subscribe(channel);
  let v: QuestionView | null = started.first;
  while (v && finish) {
    const target = { interviewId: v.interview.id, questionId: v.question.id, actor: lead };
    await b.interview.answer({ ...target, action: { kind: 'evidence', state: 'shown', seen: 'the policy and its change log on screen share' } });
    const out = await b.interview.answer({ ...target, action: answers[v.question.id] ?? goodAnswer(v.question) });
    if (out.kind !== 'recorded') throw new Error(JSON.stringify(out));
    v = out.next;
  }
  return started.interview.id;
}

/** A poster that records what it was asked to post, like a Slack that always says ok. */
function recorder() {
  const posted: { channel: string; text: string; blocks: unknown[] }[] = [];
  const post: PostDigest = async (view) => {
    const r = renderDigest(view);
    posted.push({ channel: view.channelId, ...r });
    return `${posted.length}.0`;
  };
  return { posted, post };
}

describe('when the digest posts', () => {
  it('posts the missed digest once after downtime, not once per missed week, and not again after a restart', async () => {
    const path = await freshTarget();
    const clock = manualClock('2026-11-18T10:00:00Z'); // a Wednesday
    const first = await bot(path, clock);
    await interview(first, 'Acme', 'C1', { 'breach-notification-hours': { kind: 'fact', value: { type: 'none' } } });
    const r = recorder();
    expect(await first.digest.tick(r.post)).toEqual({ posted: [], failed: [], lost: [] });

    // Down for three Mondays (23 Nov, 30 Nov, 7 Dec); back on Tuesday 8 Dec.
    clock.set('2026-12-08T12:00:00Z');
    expect((await first.digest.tick(r.post)).posted).toEqual(['C1']);
    await first.db.destroy();
    open.length = 0;

    const restarted = await bot(path, clock);
    expect((await restarted.digest.tick(r.post)).posted).toEqual([]);
    clock.set('2026-12-13T22:00:00Z');
    expect((await restarted.digest.tick(r.post)).posted).toEqual([]);
    expect(r.posted).toHaveLength(1);
    // Monday 14 Dec, 09:00 in Berlin (08:00 UTC): the next period.
    clock.set('2026-12-14T07:59:00Z');
    expect((await restarted.digest.tick(r.post)).posted).toEqual([]);
    clock.set('2026-12-14T08:00:00Z');
    expect((await restarted.digest.tick(r.post)).posted).toEqual(['C1']);
    expect((await listRuns(restarted.db, 'C1')).map((x) => [x.period, x.status])).toEqual([
      ['2026-12-07T08:00:00.000Z', 'posted'],
      ['2026-12-14T08:00:00.000Z', 'posted'],
    ]);
  });

  it('posts once when two bots share the database', async () => {
    const path = await freshTarget();
    const clock = manualClock('2026-11-18T10:00:00Z');
    const a = await bot(path, clock);
    const b = await bot(path, clock);
    await interview(a, 'Acme', 'C1', {});
    await interview(a, 'Beta', 'C2', {});
    clock.set('2026-11-23T08:30:00Z');
    const r = recorder();
    const ticks = [a, b, a, b].map((x) => () => x.digest.tick(r.post));
    // On PostgreSQL the ticks race for real. Two SQLite connections in one process would only wait on each other's
    // lock with the event loop blocked; processes sharing a file race in test/instances.test.ts.
    const results = testEngine() === 'postgres' ? await Promise.all(ticks.map((t) => t())) : await sequence(ticks);
    expect(results.flatMap((x) => x.posted).sort()).toEqual(['C1', 'C2']);
    expect(r.posted.map((p) => p.channel).sort()).toEqual(['C1', 'C2']);
  });

  it('retries a digest Slack refused, and ends with exactly one posted', async () => {
    fake = await startFakeSlack();
    const clock = manualClock('2026-11-18T10:00:00Z');
    const b = await bot(await freshTarget(), clock);
    await interview(b, 'Acme', 'C1', {});
    const post = createDigestPoster(new WebClient('xoxb-t', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }));
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    clock.set('2026-11-23T08:30:00Z');
    expect(await b.digest.tick(post)).toEqual({ posted: [], failed: [{ channelId: 'C1', error: 'internal_error' }], lost: [] });
    // Not before the retry time...
    clock.set('2026-11-23T08:30:30Z');
    expect(await b.digest.tick(post)).toEqual({ posted: [], failed: [], lost: [] });
    // ...then it goes through, once.
    clock.set('2026-11-23T08:31:00Z');
    expect(await b.digest.tick(post)).toEqual({ posted: ['C1'], failed: [], lost: [] });
    clock.set('2026-11-23T09:31:00Z');
    expect(await b.digest.tick(post)).toEqual({ posted: [], failed: [], lost: [] });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages({ channel: 'C1' })).toHaveLength(1);
    expect((await listRuns(b.db, 'C1')).map((x) => [x.status, x.attempts])).toEqual([['posted', 2]]);
  });

  it('skips a channel that turned its digest off, and follows a changed slot', async () => {
    const clock = manualClock('2026-11-18T10:00:00Z');
    const b = await bot(await freshTarget(), clock);
    await interview(b, 'Acme', 'C1', {});
    await b.digest.setEnabled('C1', false, 'U0LEAD');
    clock.set('2026-11-23T08:30:00Z');
    const r = recorder();
    expect((await b.digest.tick(r.post)).posted).toEqual([]);
    await b.digest.setSlot('C1', { weekday: 'thursday', time: '16:30', timeZone: 'America/New_York' }, 'U0LEAD');
    clock.set('2026-11-26T21:29:00Z');
    expect((await b.digest.tick(r.post)).posted).toEqual([]);
    clock.set('2026-11-26T21:30:00Z'); // 16:30 in New York
    expect((await b.digest.tick(r.post)).posted).toEqual(['C1']);
  });
});

describe('what the digest says', () => {
  it('groups open items by vendor, worst first, with ages, new marks, expiring acceptances, stale certificates, unfinished interviews and re-vetting', async () => {
    const clock = manualClock('2025-10-01T10:00:00Z');
    const b = await bot(await freshTarget(), clock);
    // Acme: vetted over a year ago, no breach-notification commitment (critical).
    await interview(b, 'Acme <Corp> & Sons', 'C1', { 'breach-notification-hours': { kind: 'fact', value: { type: 'none' } } });
    // Gamma: SOC 2 period ended 2025-12-20, so stale from 2026-12-20; code review rated absent.
    clock.set('2026-11-02T10:00:00Z');
    const gamma = await interview(b, 'Gamma', 'C1', {
      'soc2-report-period-end': { kind: 'fact', value: { type: 'date', value: '2025-12-20' } },
      'code-review-threads': { kind: 'rate', level: 0 },
      'secrets-management-rotation': { kind: 'rate', level: 0 },
    });
    // Beta: started 10 days before the digest and never finished.
    clock.set('2026-11-13T10:00:00Z');
    await interview(b, 'Beta', 'C1', {}, false);
    // Delta: clean, and in another channel.
    await interview(b, 'Delta', 'C2', {});

    // Gamma's secrets flag is accepted until 2026-12-01: it expires within 14 days of the digest.
    const secrets = (await listFlags(b.db, gamma)).find((f) => f.questionId === 'secrets-management-rotation')!;
    await decideFlag(b.db, 'accepted', { flagId: secrets.id, by: 'U0LEAD', reason: 'Vault rollout in progress', ownerId: 'U0CISO', expiresAt: new Date('2026-12-01T00:00:00Z') }, clock());

    clock.set('2026-11-23T08:00:00Z');
    const first = recorder();
    expect((await b.digest.tick(first.post)).posted).toContain('C1');
    const c1 = first.posted.find((p) => p.channel === 'C1')!;
    const text = JSON.stringify(c1.blocks);
    const acme = text.indexOf('Acme &lt;Corp&gt; &amp; Sons');
    const gammaAt = text.indexOf('*Gamma*');
    const beta = text.indexOf('*Beta*');
    expect(acme).toBeGreaterThan(0);
    expect(gammaAt).toBeGreaterThan(acme);
    expect(beta).toBeGreaterThan(gammaAt);
    expect(text).not.toContain('Delta');
    expect(text).toMatch(/Critical\*[^"]*breach[^"]*open for \d+ months · \*new\*/i);
    expect(text).toContain('Due for re-vetting: last completed interview on 2025-10-01');
    expect(text).toContain('turns stale on 2026-12-20');
    expect(text).toContain('Accepted risk expires 2026-12-01');
    expect(text).toContain('owner <@U0CISO>');
    expect(text).toMatch(/Interview started 2026-11-13 is unfinished after 10 days/);
    expect(text).toContain('open for 3 weeks');
    expect(c1.blocks.length).toBeLessThanOrEqual(50);

    // The next week only what appeared since is new.
    clock.set('2026-11-25T10:00:00Z');
    await interview(b, 'Epsilon', 'C1', { 'named-team-members': { kind: 'fact', value: { type: 'none' } } });
    clock.set('2026-11-30T08:00:00Z');
    const second = recorder();
    await b.digest.tick(second.post);
    const sections = (second.posted.find((p) => p.channel === 'C1')!.blocks as { type: string; text?: { text: string } }[]).filter((x) => x.type === 'section').map((x) => x.text!.text);
    const newOnes = sections.filter((s) => s.includes('*new*'));
    expect(newOnes.length).toBeGreaterThan(0);
    expect(newOnes.every((s) => /named team/i.test(s))).toBe(true);
    expect(sections.some((s) => /breach/i.test(s) && !s.includes('*new*'))).toBe(true);
  });

  it('dates re-vetting only by interviews everyone in the channel may read: its own and those in public channels', async () => {
    const clock = manualClock('2025-10-01T10:00:00Z');
    const privacy: Record<string, ChannelPrivacy> = { G9: 'private', G8: 'unknown' };
    const b = await bot(await freshTarget(), clock, privacy);
    await interview(b, 'Acme', 'C1', {});
    // Re-vetted since, but in a private channel and in one Slack would not describe: C1 must not learn of either.
    clock.set('2026-09-01T10:00:00Z');
    await interview(b, 'Acme', 'G9', {});
    clock.set('2026-10-01T10:00:00Z');
    await interview(b, 'Acme', 'G8', {});
    clock.set('2026-11-23T08:00:00Z');
    const revetDue = async (channel: string) => (await b.digest.compose(channel)).vendors.find((v) => v.vendor.name === 'Acme')?.revetDue ?? null;
    expect(await revetDue('C1')).toEqual({ lastCompletedAt: new Date('2025-10-01T10:00:00Z') });
    // In G9's own digest its interview counts.
    expect(await revetDue('G9')).toBeNull();
    // Once G9 is public, its interview is everyone's, and Acme is no longer due.
    privacy.G9 = 'public';
    expect(await revetDue('C1')).toBeNull();
  });

  it('says all clear in one line when nothing is open', async () => {
    const clock = manualClock('2026-11-18T10:00:00Z');
    const b = await bot(await freshTarget(), clock);
    await interview(b, 'Delta', 'C2', {});
    clock.set('2026-11-23T08:00:00Z');
    const r = recorder();
    await b.digest.tick(r.post);
    expect(r.posted[0]!.blocks).toHaveLength(2);
    expect(JSON.stringify(r.posted[0]!.blocks)).toContain('All clear');
  });

  it('stays within Slack limits however much is open', async () => {
    const clock = manualClock('2026-11-18T10:00:00Z');
    const b = await bot(await freshTarget(), clock);
    const zero = Object.fromEntries(STANDARD_BANK.questions.map((q) => [q.id, q.fact ? ({ kind: 'fact', value: { type: 'none' } } as const) : ({ kind: 'rate', level: 0 } as const)]));
    for (let i = 0; i < 12; i++) await interview(b, `Vendor ${i}`, 'C1', zero);
    const view = await b.digest.compose('C1');
    expect(view.vendors).toHaveLength(12);
    const r = renderDigest(view);
    expect(r.blocks.length).toBeLessThanOrEqual(50);
    for (const block of r.blocks) expect(JSON.stringify(block).length).toBeLessThan(3500);
    expect(JSON.stringify(r.blocks)).toMatch(/…and \d+ more/);
  });
});

describe('a channel the bot can no longer post in', () => {
  it('turns that digest off instead of retrying forever', async () => {
    fake = await startFakeSlack();
    const clock = manualClock('2026-11-18T10:00:00Z');
    const b = await bot(await freshTarget(), clock);
    await interview(b, 'Acme', 'C1', {});
    fake.setChannel('C1', { isPrivate: false, botIsMember: false });
    const post = createDigestPoster(new WebClient('xoxb-t', { slackApiUrl: fake.apiUrl }));
    clock.set('2026-11-23T08:30:00Z');
    expect(await b.digest.tick(post)).toEqual({ posted: [], failed: [{ channelId: 'C1', error: 'not_in_channel' }], lost: [] });
    expect((await b.digest.schedule('C1'))?.enabled).toBe(false);
    clock.set('2026-11-23T10:30:00Z');
    expect(await b.digest.tick(post)).toEqual({ posted: [], failed: [], lost: [] });
  });
});
