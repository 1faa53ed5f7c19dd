// `/vet advise`: the engagement-model decision a client makes before any vendor is vetted. The checklist's answers
// get a recommendation (advisor/, pure), which is kept with who asked, when and where; decisions are listed to those
// who may see them, and a vetting can start from one with its model. Returns plain data; knows nothing of Slack.
import type { ChecklistAnswers } from '../advisor/checklist.js';
import { advise, DEFAULT_POLICY, neededFirst, type AdvisorPolicy, type NeededAnswer } from '../advisor/recommend.js';
import type { Clock, DecisionVisibility, EngagementDecision } from '../model.js';
import type { QuestionBank } from '../questions/model.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import { mayAdvise, mayStart, type Refusal } from './permissions.js';
import type { Opening } from './views.js';
import { isDecisionVisible, type DecisionAccess, type Visibility } from './visibility.js';

export interface AdviseDeps {
  store: Store;
  /** The questions "which of the bank's questions matter most" are picked from. */
  bank: QuestionBank;
  clock: Clock;
  /** Decisions are dated in this zone. */
  timeZone: string;
  /** The advisor's settings (the breach-notification bound for regulated or sensitive work). */
  policy?: AdvisorPolicy;
}

export type DecideOutcome =
  | { kind: 'decided'; decision: EngagementDecision }
  /** Too little is known to recommend anything: nothing is kept, and these answers are needed first. */
  | { kind: 'needs-answers'; needed: NeededAnswer[] }
  | { kind: 'refused'; refusal: Refusal };

const access = (d: EngagementDecision): DecisionAccess => ({ channelId: d.channelId, askedBy: d.askedBy, askerOnly: d.visibility === 'asker' });

export function createAdviseFlow({ store, bank, clock, timeZone, policy = DEFAULT_POLICY }: AdviseDeps) {
  return {
    timeZone,

    /** The answers still needed before anything is recommended (pure: a form can say so before it closes). */
    needed: (answers: ChecklistAnswers): NeededAnswer[] => neededFirst(answers),

    /** Scores the answers and keeps the decision. */
    async decide(input: { actor: Actor; channelId: string; visibility: DecisionVisibility; answers: ChecklistAnswers }): Promise<DecideOutcome> {
      const allowed = mayAdvise(input.actor);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const advice = advise(input.answers, bank, policy);
      if (advice.kind === 'needs-answers') return advice;
      const { recommendation } = advice;
      const decision = {
        channelId: input.channelId,
        askedBy: input.actor.userId,
        askedAt: clock(),
        visibility: input.visibility,
        answers: input.answers,
        recommendation,
      };
      const id = await store.decisions.insertDecision(decision);
      return { kind: 'decided', decision: { id, ...decision, messageTs: null } };
    },

    async attachMessage(decisionId: number, ts: string): Promise<void> {
      await store.decisions.setDecisionMessage(decisionId, ts);
    },

    /** The channels decisions were made in: the Slack layer learns who may see them. */
    channels: () => store.decisions.listDecisionChannels(),

    /** The decisions `v` may see, newest first. */
    async list(actor: Actor, v: Visibility): Promise<Opening<EngagementDecision[]>> {
      const allowed = mayAdvise(actor);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      return { kind: 'ok', view: (await store.decisions.listDecisions()).filter((d) => isDecisionVisible(v, access(d))) };
    },

    /**
     * The decision behind a "Start vetting with this model" button clicked in `channelId`. The button is only ever
     * shown where the decision was made, to those who saw it; anything else is a stale or foreign button.
     */
    async forStart(actor: Actor, decisionId: number, channelId: string): Promise<Opening<EngagementDecision>> {
      const allowed = mayStart(actor);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const decision = await store.decisions.getDecision(decisionId);
      if (!decision || decision.channelId !== channelId) return { kind: 'not-found', problem: { code: 'decision-gone' } };
      if (decision.visibility === 'asker' && decision.askedBy !== actor.userId) return { kind: 'not-found', problem: { code: 'decision-gone' } };
      return { kind: 'ok', view: decision };
    },
  };
}

export type AdviseFlow = ReturnType<typeof createAdviseFlow>;
