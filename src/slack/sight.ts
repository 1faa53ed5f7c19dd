// A refusal names the vetting's vendor and lead, to say whom to ask. Someone who may not see the vetting learns
// nothing from a click or a submission carrying its id (ids are sequential, so easy to forge): they get the answer an
// unknown id gets.
import type { Refusal } from '../flows/permissions.js';
import type { InterviewAccess } from '../flows/visibility.js';
import { refusalPlain, renderRefusal } from './blocks/evaluators.js';
import { renderProblem } from './blocks/interview.js';
import type { RenderedMessage } from './blocks/question.js';
import type { Viewers } from './viewer.js';

/** What a flow says of an interview id it does not know (flows/interview.ts, flows/evidence.ts). */
export const INTERVIEW_GONE = 'This interview no longer exists.';

export interface RefusalGate {
  /** Whether `userId` may see the interview; false for an id that does not exist, so both get the same answer. */
  maySee(userId: string, interviewId: number): Promise<boolean>;
  /** The refusal as a message, or `gone` (default INTERVIEW_GONE) when `userId` may not see the interview. */
  message(userId: string, interviewId: number, refusal: Refusal, gone?: string): Promise<RenderedMessage>;
  /** The same as plain text, for a modal's field error. */
  plain(userId: string, interviewId: number, refusal: Refusal, gone?: string): Promise<string>;
}

export function createRefusalGate(viewers: Pick<Viewers, 'maySee'>, access: (interviewId: number) => Promise<InterviewAccess | null>): RefusalGate {
  const maySee = async (userId: string, interviewId: number): Promise<boolean> => {
    const interview = await access(interviewId);
    return interview !== null && (await viewers.maySee(userId, interview));
  };
  // A refusal for someone from another organisation names nothing; anything else is shown only to those who may see.
  const sees = async (userId: string, interviewId: number, refusal: Refusal): Promise<boolean> => refusal.kind === 'external' || maySee(userId, interviewId);
  return {
    maySee,
    async message(userId, interviewId, refusal, gone = INTERVIEW_GONE) {
      return (await sees(userId, interviewId, refusal)) ? renderRefusal(refusal) : renderProblem(gone);
    },
    async plain(userId, interviewId, refusal, gone = INTERVIEW_GONE) {
      return (await sees(userId, interviewId, refusal)) ? refusalPlain(refusal) : gone;
    },
  };
}
