// Replies in an interview's thread: their files and links become evidence for a question (a note besides, while the
// interview runs), and the bot's answer under them is remembered, or left to the scheduler when Slack refused it.
import type { EvidenceItem } from '../../model.js';
import type { NewItem } from '../../store/evidence.js';
import type { Actor } from '../actor.js';
import { countsAsEvaluator } from '../permissions.js';
import { questionView, readSnapshotById, rolesOf, scoreSnapshot } from '../state.js';
import { refOf, type EvidenceContext } from './context.js';
import type { ReplyOutcome, SharedFile, ThreadReply } from './types.js';

/**
 * How long whoever stored a shared file holds the answer under it while posting it: longer than the app's Web API
 * client goes on retrying (about 30 minutes), so the scheduler never posts it a second time meanwhile. A poster that
 * fails lets it go at once.
 */
const RECEIPT_LEASE_MS = 35 * 60_000;

export function createEvidenceReplies(ctx: EvidenceContext) {
  const { store, clock, interviews, live, receiptOf } = ctx;
  return {
    /**
     * A reply in an interview's thread: its files and links become evidence for the question it names ("Q7: ..."), or
     * the one being asked, or, once the interview is finished, its only open request; its text is a note as before.
     * Anyone's files are kept; only an evaluator's (or an admin's) verdict counts.
     */
    async reply(input: { interviewId: number; actor: Actor; reply: ThreadReply; files: readonly SharedFile[]; messageTs: string }): Promise<ReplyOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'ignored' };
      const { position, text, comment, links } = input.reply;
      const evidence: NewItem[] = [
        ...input.files.map((f) => ({ kind: 'file' as const, ref: f.id, fileId: f.id, name: f.name, fileType: f.fileType, url: f.permalink })),
        ...links.map((l) => ({ kind: 'link' as const, ref: l.url, fileId: null, name: l.label, fileType: null, url: l.url })),
      ];
      const completed = s.interview.status === 'completed';
      if (completed && evidence.length === 0) return { kind: 'finished' };
      let questionId: string | undefined;
      if (position !== null) {
        questionId = s.asked.find((a) => a.position === position)?.questionId;
        if (!questionId) return { kind: 'unknown-question', position, asked: s.asked.length };
      } else if (!completed) {
        questionId = s.asked.at(-1)?.questionId;
      } else {
        const open = s.requests.filter((r) => r.status === 'open');
        if (open.length !== 1) return { kind: 'which-question', open: open.map((r) => refOf(s, r.questionId)).sort((a, b) => (a.position ?? 0) - (b.position ?? 0)) };
        questionId = open[0]!.questionId;
      }
      if (!questionId) return { kind: 'ignored' };

      const note =
        !completed && text !== '' ? await interviews.addNote({ interviewId: s.interview.id, actor: input.actor, text, source: { kind: 'thread', messageTs: input.messageTs, questionId } }) : null;
      if (evidence.length === 0) return { kind: 'handled', note, receipt: null, question: null };
      const at = clock();
      const lease = new Date(at.getTime() + RECEIPT_LEASE_MS);
      const stored = await store.evidence.insertItems(
        {
          interviewId: s.interview.id,
          questionId,
          sharedBy: input.actor.userId,
          byEvaluator: countsAsEvaluator(input.actor, rolesOf(s)),
          sourceTs: input.messageTs,
          comment,
          items: evidence,
        },
        at,
        lease,
      );
      // Slack delivering the message again when its answer was never posted: it is posted now (stored once still).
      const items = stored.length > 0 ? stored : await store.evidence.claimReceipt(s.interview.id, input.messageTs, at, lease);
      if (items.length === 0) return { kind: 'handled', note, receipt: null, question: null };
      const fresh = scoreSnapshot((await readSnapshotById(store, s.interview.id))!, clock);
      const target = items[0]!.questionId;
      return { kind: 'handled', note, receipt: receiptOf(fresh, target, items), question: questionView(fresh, target) };
    },

    /** Remembers the bot's answer under a message with evidence, so a verdict updates it in place. */
    async attachReply(items: readonly EvidenceItem[], replyTs: string): Promise<void> {
      await store.evidence.setReplyTs(
        items.map((i) => i.id),
        replyTs,
      );
    },

    /** Slack refused the answer under a message with evidence: the scheduler's next tick posts it. */
    async receiptFailed(items: readonly EvidenceItem[]): Promise<void> {
      await store.evidence.holdReceipt(
        items.map((i) => i.id),
        null,
      );
    },
  };
}
