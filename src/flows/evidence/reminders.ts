// The scheduler's evidence step: reminders to chasers by DM (their standing checked again at send time), the
// evidence-overdue flag of a finished vetting, and answers under shared evidence that Slack refused earlier.
import { SYSTEM_ACTOR } from '../../store/flags.js';
import { calendarDay } from '../../time.js';
import { deliveryFailure } from '../delivery.js';
import { EVIDENCE_OVERDUE_DAYS, reminderSlot, reminderTime } from '../evidenceRules.js';
import { readSnapshotById, type Snapshot } from '../state.js';
import type { EvidenceContext } from './context.js';
import type { EvidenceDelivery, EvidenceTickResult } from './types.js';

/** How long a claimed reminder is reserved for its sender before another instance may take it over. */
const LEASE_MS = 5 * 60_000;
const RETRY_MINUTES = [5, 15, 60];
const DAY_MS = 86_400_000;
/** An answer Slack refused is posted again by the scheduler for this long after the file was shared. */
const RECEIPT_RETRY_MS = 2 * DAY_MS;

export function createEvidenceReminders(ctx: EvidenceContext) {
  const { store, clock, timeZone, summaries, chased, receiptOf } = ctx;
  return {
    /**
     * The scheduler's evidence step: a DM to the chaser of each open request on its due date and every 7 days after
     * (at 09:00 in the team's time zone), each claimed once in the database whatever the number of instances; and the
     * summary of a completed interview whose request has just become more than 30 days overdue, so its flag opens.
     */
    async tick(deliver: EvidenceDelivery): Promise<EvidenceTickResult> {
      const now = clock();
      const today = calendarDay(now, timeZone);
      const result: EvidenceTickResult = { reminded: [], remindedWithoutNaming: [], skipped: [], failed: [], settled: [], receipts: [], receiptsFailed: [] };
      const due = await store.evidence.listOpenRequestsDueBy(today);
      // Null for an interview deleted since its requests were listed: there is nothing left to chase or post.
      const snapshots = new Map<number, Snapshot | null>();
      const snapshot = async (id: number) => {
        if (!snapshots.has(id)) snapshots.set(id, await readSnapshotById(store, id));
        return snapshots.get(id) ?? null;
      };
      const owed = due.flatMap(({ request }) => {
        const slot = reminderSlot(request.dueOn, today);
        return slot !== null && now >= reminderTime(slot, timeZone) ? [{ request, slot }] : [];
      });
      const notOwed = await store.evidence.listRemindersNotOwed(
        owed.map((o) => ({ requestId: o.request.id, slot: o.slot })),
        now,
      );
      for (const { request, slot } of owed) {
        if (notOwed.has(`${request.id}|${slot}`)) continue;
        const s = await snapshot(request.interviewId);
        if (!s) continue;
        const claim = await store.evidence.claimReminder(request.id, slot, now, LEASE_MS);
        if (!claim) continue;
        const retryAt = () => new Date(clock().getTime() + RETRY_MINUTES[Math.min(claim.attempts, RETRY_MINUTES.length) - 1]! * 60_000);
        try {
          // Whoever was picked to chase may have left the workspace or the vetting's private channel since: a reminder
          // names the vendor only to someone who may see the vetting now.
          const standing = await deliver.standing(request.chaserId, { channelId: s.interview.channelId, startedBy: s.interview.startedBy, evaluators: s.evaluators });
          if (standing === 'not-of-workspace' || standing === 'unknown') {
            await store.evidence.markReminderFailed(claim.id, `chaser ${standing}`, standing === 'unknown' ? retryAt() : null);
            result.skipped.push({ requestId: request.id, chaser: request.chaserId, standing });
            continue;
          }
          if (standing === 'may-see') await deliver.remind(chased(s, request, now));
          else await deliver.remindWithoutNaming(chased(s, request, now));
          await store.evidence.markReminderSent(claim.id, clock());
          (standing === 'may-see' ? result.reminded : result.remindedWithoutNaming).push(request.id);
        } catch (e) {
          const failure = deliveryFailure(e);
          await store.evidence.markReminderFailed(claim.id, failure.reason, failure.lasting ? null : retryAt());
          result.failed.push({ requestId: request.id, error: failure.reason });
        }
      }
      // Flags of a completed interview are stored: one whose request has crossed the line is settled, once.
      for (const { request, interviewCompleted } of due) {
        if (!interviewCompleted || now.getTime() < request.dueAt.getTime() + EVIDENCE_OVERDUE_DAYS * DAY_MS || result.settled.includes(request.interviewId)) continue;
        const flag = (await store.flags.listFlags(request.interviewId)).find((f) => f.rule === 'evidence-overdue' && f.questionId === request.questionId);
        if (flag && !(flag.status === 'resolved' && flag.statusBy === SYSTEM_ACTOR)) continue;
        const s = await snapshot(request.interviewId);
        if (!s) continue;
        await deliver.summary(await summaries.settle(s));
        result.settled.push(s.interview.id);
      }
      // Answers under shared files that Slack refused (their Accept / Not sufficient buttons exist nowhere else).
      for (const { interviewId, sourceTs } of await store.evidence.listUnpostedReceipts(new Date(now.getTime() - RECEIPT_RETRY_MS), now)) {
        const s = await snapshot(interviewId);
        if (!s) continue;
        const items = await store.evidence.claimReceipt(interviewId, sourceTs, now, new Date(now.getTime() + LEASE_MS));
        if (items.length === 0) continue;
        try {
          await store.evidence.setReplyTs(
            items.map((i) => i.id),
            await deliver.receipt(receiptOf(s, items[0]!.questionId, items)),
          );
          result.receipts.push(sourceTs);
        } catch (e) {
          const failure = deliveryFailure(e);
          // No retry will post into a channel that is gone: held until the retry window has passed, so never again.
          if (failure.lasting)
            await store.evidence.holdReceipt(
              items.map((i) => i.id),
              new Date(items[0]!.sharedAt.getTime() + RECEIPT_RETRY_MS),
            );
          result.receiptsFailed.push({ sourceTs, error: failure.reason });
        }
      }
      return result;
    },
  };
}
