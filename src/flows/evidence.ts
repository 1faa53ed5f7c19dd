// Evidence that is chased until it is seen: a promise becomes a request (what, who chases, by when), files and links
// shared in the thread attach to their question, an evaluator accepts one (the answer's evidence turns "shown", the
// request is fulfilled, score and flags follow) or finds it not sufficient, and open requests are chased by DM and in
// the digest. One module per job under evidence/; this one puts them together as the one flow the wiring builds.
// Returns view models; knows nothing of Slack.
import { createEvidenceContext } from './evidence/context.js';
import { createEvidenceRegister } from './evidence/register.js';
import { createEvidenceReminders } from './evidence/reminders.js';
import { createEvidenceReplies } from './evidence/replies.js';
import { createEvidenceRequests } from './evidence/requests.js';
import type { EvidenceDeps } from './evidence/types.js';
import { createEvidenceVerdicts } from './evidence/verdicts.js';

export { buildRegister } from './evidence/register.js';
export * from './evidence/types.js';

export function createEvidenceFlow(deps: EvidenceDeps) {
  const ctx = createEvidenceContext(deps);
  return {
    ...createEvidenceRequests(ctx),
    ...createEvidenceReplies(ctx),
    ...createEvidenceVerdicts(ctx),
    ...createEvidenceRegister(ctx),
    ...createEvidenceReminders(ctx),
  };
}

export type EvidenceFlow = ReturnType<typeof createEvidenceFlow>;
