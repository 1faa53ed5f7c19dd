// The visibility rules, as properties over generated viewers, interviews and channels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/flows/actor.js';
import { canSee, canShowIn, filterVisible, isVisible, type ChannelPrivacy, type ChannelReader, type InterviewAccess, type Viewer, type Visibility } from '../src/flows/visibility.js';

// Small pools, so viewers, leads, evaluators and channels often coincide.
const USERS = ['U1', 'U2', 'U3', 'U4', 'U5'];
const CHANNELS = ['C1', 'C2', 'G1', 'D1'];

const user = fc.constantFrom(...USERS);
const channelId = fc.constantFrom(...CHANNELS);
const privacy = fc.constantFrom<ChannelPrivacy>('public', 'private', 'unknown');
const actor: fc.Arbitrary<Actor> = fc.record({ userId: user, admin: fc.boolean(), riskOwner: fc.boolean(), external: fc.boolean() });
const internalActor: fc.Arbitrary<Actor> = fc.record({ userId: user, admin: fc.boolean(), riskOwner: fc.boolean(), external: fc.constant(false) });
const memberOf = fc.subarray(CHANNELS).map((c) => new Set(c));
const viewerOf = (a: fc.Arbitrary<Actor>): fc.Arbitrary<Viewer> => fc.record({ actor: a, memberOf });
const interview: fc.Arbitrary<InterviewAccess> = fc.record({ channelId, startedBy: user, evaluators: fc.subarray(USERS) });
/** Everyone in a channel, shared with another organisation (Slack Connect) or internal. */
const channelReader: fc.Arbitrary<ChannelReader> = fc.record({ channelId, shared: fc.boolean() });

describe('canSee', () => {
  it('shows nothing to a person from another organisation, whatever their rights, memberships or roles', () => {
    fc.assert(
      fc.property(viewerOf(actor.map((a) => ({ ...a, external: true }))), interview, privacy, (v, i, p) => {
        expect(canSee(v, i, { privacy: p })).toEqual({ ok: false, reason: 'external' });
        // Not even the interviews they led or rated, in channels they are in.
        const involved = { ...i, startedBy: v.actor.userId, evaluators: [v.actor.userId] };
        expect(canSee({ ...v, memberOf: new Set(CHANNELS) }, involved, { privacy: p }).ok).toBe(false);
      }),
    );
  });

  it('shows an interview run in a public channel to every person of the organisation', () => {
    fc.assert(
      fc.property(viewerOf(internalActor), interview, (v, i) => {
        expect(canSee(v, i, { privacy: 'public' })).toEqual({ ok: true });
      }),
    );
  });

  it('shows one run in a private channel only to its members, its lead, its evaluators and admins', () => {
    fc.assert(
      fc.property(viewerOf(internalActor), interview, fc.constantFrom<ChannelPrivacy>('private', 'unknown'), (v, i, p) => {
        const me = v.actor.userId;
        const allowed = v.actor.admin || v.memberOf.has(i.channelId) || i.startedBy === me || i.evaluators.includes(me);
        expect(canSee(v, i, { privacy: p })).toEqual(allowed ? { ok: true } : { ok: false, reason: 'private-channel' });
      }),
    );
  });

  it('treats a channel of unknown privacy exactly as a private one (fails closed)', () => {
    fc.assert(
      fc.property(viewerOf(actor), interview, (v, i) => {
        expect(canSee(v, i, { privacy: 'unknown' })).toEqual(canSee(v, i, { privacy: 'private' }));
      }),
    );
  });

  it('never hides anything when the viewer joins more channels, becomes an admin or an evaluator, or the channel turns public', () => {
    fc.assert(
      fc.property(viewerOf(actor), interview, privacy, memberOf, (v, i, p, more) => {
        if (!canSee(v, i, { privacy: p }).ok) return;
        expect(canSee({ ...v, memberOf: new Set([...v.memberOf, ...more]) }, i, { privacy: p }).ok).toBe(true);
        expect(canSee({ ...v, actor: { ...v.actor, admin: true } }, i, { privacy: p }).ok).toBe(true);
        expect(canSee(v, { ...i, evaluators: [...i.evaluators, v.actor.userId] }, { privacy: p }).ok).toBe(true);
        expect(canSee(v, i, { privacy: 'public' }).ok).toBe(true);
      }),
    );
  });

  it('shows a private interview to a non-member who leads or rates in it, and hides it from one who does neither', () => {
    const alice: Viewer = { actor: { userId: 'U1', admin: false, riskOwner: false, external: false }, memberOf: new Set(['C2']) };
    const inG1 = { channelId: 'G1', startedBy: 'U2', evaluators: ['U3'] };
    expect(canSee(alice, inG1, { privacy: 'private' })).toEqual({ ok: false, reason: 'private-channel' });
    expect(canSee(alice, { ...inG1, startedBy: 'U1' }, { privacy: 'private' })).toEqual({ ok: true });
    expect(canSee(alice, { ...inG1, evaluators: ['U3', 'U1'] }, { privacy: 'private' })).toEqual({ ok: true });
    expect(canSee({ ...alice, memberOf: new Set(['G1']) }, inG1, { privacy: 'private' })).toEqual({ ok: true });
  });
});

describe('canShowIn (everyone in a channel reads it: a posted comparison, the digest, a re-vet summary)', () => {
  it('allows into an internal channel only interviews run in a public channel or in that very channel', () => {
    fc.assert(
      fc.property(channelId, interview, privacy, (target, i, p) => {
        const internal = { channelId: target, shared: false };
        const allowed = p === 'public' || i.channelId === target;
        expect(canShowIn(internal, i, { privacy: p })).toEqual(allowed ? { ok: true } : { ok: false, reason: 'private-channel' });
        expect(canShowIn(internal, i, { privacy: 'unknown' })).toEqual(canShowIn(internal, i, { privacy: 'private' }));
      }),
    );
  });

  it('never shows into a channel shared with another organisation anything run in another channel, public or not', () => {
    fc.assert(
      fc.property(channelId, interview, privacy, (target, i, p) => {
        const shared = { channelId: target, shared: true };
        expect(canShowIn(shared, i, { privacy: p })).toEqual(i.channelId === target ? { ok: true } : { ok: false, reason: 'shared-channel' });
      }),
    );
  });

  it('still shows a public vetting from anywhere in an internal public or private channel', () => {
    fc.assert(
      fc.property(channelId, interview, (target, i) => {
        expect(canShowIn({ channelId: target, shared: false }, i, { privacy: 'public' })).toEqual({ ok: true });
      }),
    );
  });

  it('always shows a channel what was run in it, and sharing the channel only ever hides', () => {
    fc.assert(
      fc.property(channelReader, interview, privacy, (target, i, p) => {
        expect(canShowIn(target, { channelId: target.channelId }, { privacy: p })).toEqual({ ok: true });
        if (canShowIn({ ...target, shared: true }, i, { privacy: p }).ok) expect(canShowIn({ ...target, shared: false }, i, { privacy: p }).ok).toBe(true);
      }),
    );
  });
});

describe('isVisible and filterVisible', () => {
  const privacyMap = fc.dictionary(channelId, privacy).map((d) => new Map(Object.entries(d)));
  const withIds = fc.array(interview, { maxLength: 8 }).map((list) => list.map((i, id) => ({ ...i, id })));

  it('shows an interview only when every reader may see it; a channel it does not know is private', () => {
    fc.assert(
      fc.property(viewerOf(actor), channelReader, interview, privacyMap, (viewer, target, i, map) => {
        const p = map.get(i.channelId) ?? 'unknown';
        const person: Visibility = { readers: [{ kind: 'person', viewer }], privacy: map };
        expect(isVisible(person, i)).toBe(canSee(viewer, i, { privacy: p }).ok);
        const both: Visibility = {
          readers: [
            { kind: 'person', viewer },
            { kind: 'channel', ...target },
          ],
          privacy: map,
        };
        expect(isVisible(both, i)).toBe(canSee(viewer, i, { privacy: p }).ok && canShowIn(target, i, { privacy: p }).ok);
      }),
    );
  });

  it('keeps for a channel shared with another organisation only interviews run in it, whoever posts and whatever is public', () => {
    fc.assert(
      fc.property(viewerOf(actor), channelId, withIds, privacyMap, (viewer, target, list, map) => {
        const v: Visibility = {
          readers: [
            { kind: 'person', viewer },
            { kind: 'channel', channelId: target, shared: true },
          ],
          privacy: map,
        };
        const evaluators = new Map(list.map((i) => [i.id, i.evaluators]));
        for (const kept of filterVisible(v, list, evaluators)) expect(kept.channelId).toBe(target);
      }),
    );
  });

  it('keeps exactly the visible interviews, in their order, with evaluators looked up by interview id', () => {
    fc.assert(
      fc.property(viewerOf(actor), withIds, privacyMap, (viewer, list, map) => {
        const v: Visibility = { readers: [{ kind: 'person', viewer }], privacy: map };
        const rows = list.map(({ evaluators: _, ...rest }) => rest);
        const evaluators = new Map(list.map((i) => [i.id, i.evaluators]));
        expect(filterVisible(v, rows, evaluators)).toEqual(rows.filter((r) => isVisible(v, { ...r, evaluators: evaluators.get(r.id)! })));
      }),
    );
  });
});
