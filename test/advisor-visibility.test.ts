// Who may see an engagement-model decision: checked on generated people, decisions and channels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canSee, canSeeDecision, isDecisionVisible, type ChannelPrivacy, type DecisionAccess, type Viewer } from '../src/flows/visibility.js';

const PEOPLE = ['U1', 'U2', 'U3'];
const CHANNELS = ['C1', 'G2', 'D3'];

const viewerArb: fc.Arbitrary<Viewer> = fc.record({
  actor: fc.record({ userId: fc.constantFrom(...PEOPLE), admin: fc.boolean(), riskOwner: fc.boolean(), external: fc.boolean() }),
  memberOf: fc.uniqueArray(fc.constantFrom(...CHANNELS)).map((c) => new Set(c)),
});
const decisionArb: fc.Arbitrary<DecisionAccess> = fc.record({ channelId: fc.constantFrom(...CHANNELS), askedBy: fc.constantFrom(...PEOPLE), askerOnly: fc.boolean() });
const privacyArb = fc.constantFrom<ChannelPrivacy>('public', 'private', 'unknown');

describe('canSeeDecision', () => {
  it('shows an "only me" decision to its asker alone, admins included, and nothing to another organisation', () => {
    fc.assert(
      fc.property(viewerArb, decisionArb, privacyArb, (viewer, decision, privacy) => {
        const sight = canSeeDecision(viewer, decision, { privacy });
        if (viewer.actor.external) expect(sight).toEqual({ ok: false, reason: 'external' });
        else if (decision.askerOnly) expect(sight.ok).toBe(viewer.actor.userId === decision.askedBy);
      }),
    );
  });

  it('shows a decision made in a channel as a vetting run there is shown, its asker counting as the lead', () => {
    fc.assert(
      fc.property(viewerArb, decisionArb, privacyArb, (viewer, decision, privacy) => {
        fc.pre(!decision.askerOnly);
        const asVetting = canSee(viewer, { channelId: decision.channelId, startedBy: decision.askedBy, evaluators: [] }, { privacy });
        expect(canSeeDecision(viewer, decision, { privacy })).toEqual(asVetting);
        // Public: everyone of the organisation. Private: its members, the asker and admins.
        if (!viewer.actor.external) {
          const expected = privacy === 'public' || viewer.actor.admin || viewer.actor.userId === decision.askedBy || viewer.memberOf.has(decision.channelId);
          expect(canSeeDecision(viewer, decision, { privacy }).ok).toBe(expected);
        }
      }),
    );
  });

  it('lists to a reader what they may see, a channel unknown to Slack counting as private', () => {
    fc.assert(
      fc.property(viewerArb, decisionArb, (viewer, decision) => {
        const v = { readers: [{ kind: 'person' as const, viewer }] as const, privacy: new Map<string, ChannelPrivacy>() };
        expect(isDecisionVisible(v, decision)).toBe(canSeeDecision(viewer, decision, { privacy: 'unknown' }).ok);
        // Everyone in a channel never reads the list: it is only ever shown to a person.
        expect(isDecisionVisible({ readers: [{ kind: 'channel', channelId: 'C1', shared: false }], privacy: new Map() }, decision)).toBe(false);
      }),
    );
  });
});
