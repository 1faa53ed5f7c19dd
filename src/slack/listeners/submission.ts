// A submitted question modal (a note, an N/A, a fact, an evidence request...): its metadata names only the interview
// and question, decoded by its schema. Before anything is recorded, a metadata that is not ours, or that names a
// vetting the person may not see (ids are sequential, easy to forge), is answered in the modal itself, with the words
// an unknown id gets. Where the bot answers afterwards is the interview's thread, from its record.
import type { Logger, ViewSubmitAction } from '@slack/bolt';
import type { Place } from '../ephemeral.js';
import { decodeMeta, type ModalMeta } from '../ids.js';
import { INTERVIEW_GONE } from '../sight.js';
import { guarded, type ListenerDeps } from './listener.js';

/** What a modal whose metadata cannot be read is told. */
export const UNREADABLE_FORM = 'This form is not one I can read (it may be from an older version of vet): close it and open it again.';

export type FieldErrorAck = (r: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

export interface Submission {
  meta: ModalMeta;
  /** The interview's thread: where the person who submitted is answered. */
  place: Place;
}

/**
 * The submission's interview, or null once the modal was answered under `field` (the modal stays open, nothing is
 * recorded): for a metadata that is not ours, an interview that is gone, or one the person may not see.
 */
export async function openSubmission(
  deps: Pick<ListenerDeps, 'gate' | 'flows'>,
  logger: Logger,
  s: { view: ViewSubmitAction['view']; userId: string; field: string; ack: FieldErrorAck; what: string },
): Promise<Submission | null> {
  const refuse = async (message: string) => {
    await s.ack({ response_action: 'errors', errors: { [s.field]: message } });
    return null;
  };
  const meta = decodeMeta(s.view.private_metadata);
  if (!meta) {
    logger.warn(`${s.what} by ${s.userId}: a metadata that is not ours, refused`);
    return refuse(UNREADABLE_FORM);
  }
  const failure = { what: s.what, user: s.userId, tell: refuse, failed: () => 'Could not check this just now; nothing was recorded. Try again.' };
  const opened = await guarded(logger, failure, async (): Promise<Submission | null> => {
    const interview = (await deps.gate.maySee(s.userId, meta.interviewId)) ? await deps.flows.interview.get(meta.interviewId) : null;
    if (!interview) return refuse(INTERVIEW_GONE);
    return { meta, place: { channel: interview.channelId, threadTs: interview.threadTs } };
  });
  return opened ?? null;
}
