// What the scheduler's evidence step sends through Slack: reminders by DM, updated summaries, and the answer under
// evidence shared in a thread (also posted by the thread-reply listener).
import type { Logger } from '@slack/bolt';
import { WebClient, type RetryOptions } from '@slack/web-api';
import type { ChaserStanding, EvidenceDelivery, Receipt } from '../flows/evidence.js';
import type { InterviewFlow } from '../flows/interview.js';
import type { InterviewAccess } from '../flows/visibility.js';
import type { People } from './actor.js';
import { renderReceipt, renderReminder } from './blocks/evidence.js';
import { renderUnnamedReminder } from './blocks/reminder.js';
import { delivering, LASTING_IN_THREAD } from './delivering.js';
import { createPublisher } from './publish.js';
import type { Viewers } from './viewer.js';

/** Slack will never deliver a DM to these: the chaser is gone or is no person; retrying would only repeat it. */
const LASTING_IN_DM = new Set(['user_not_found', 'user_disabled', 'channel_not_found', 'cannot_dm_bot', 'account_inactive', 'is_archived']);

/**
 * Who a chaser is now, asked of Slack when their reminder is due (cached a minute like every look-up of people and
 * channels): screened as when they were picked (slack/chosen.ts).
 */
export function createChaserStanding(people: Pick<People, 'screen'>, viewers: Pick<Viewers, 'maySee'>) {
  return async (userId: string, interview: InterviewAccess): Promise<ChaserStanding> => {
    const screening = await people.screen([userId]);
    if (screening.external.length > 0 || screening.bots.length > 0) return 'not-of-workspace';
    if (screening.unchecked.length > 0) return 'unknown';
    return (await viewers.maySee(userId, interview)) ? 'may-see' : 'may-not-see';
  };
}

/** Posts the answer under a message that shared files or links in the interview's thread; resolves to its ts. */
export async function sendReceipt(client: WebClient, receipt: Receipt): Promise<string> {
  const i = receipt.interview;
  if (!i.threadTs) throw new Error(`interview ${i.id} has no thread to answer in`);
  const posted = await client.chat.postMessage({ channel: i.channelId, thread_ts: i.threadTs, ...renderReceipt(receipt) });
  if (!posted.ts) throw new Error('Slack posted the answer but gave no ts');
  return posted.ts;
}

/**
 * What the scheduler's evidence step sends: a DM to the chaser (posted to their user id, which Slack delivers in the
 * app's Messages tab: no extra scope), and the updated summary of an interview whose flags changed. Its client gives
 * up within a minute, well inside the reminder's 5-minute lease, so a second instance never sends it too.
 */
export function createEvidenceDelivery(
  client: WebClient,
  interviews: InterviewFlow,
  logger: Logger,
  standing: (userId: string, interview: InterviewAccess) => Promise<ChaserStanding>,
  retryConfig: RetryOptions = { retries: 2, factor: 2, minTimeout: 1000, maxTimeout: 10_000 },
): EvidenceDelivery {
  const bounded = new WebClient(client.token, { slackApiUrl: client.slackApiUrl, retryConfig, timeout: 15_000, rejectRateLimitedCalls: true, logger });
  const publisher = createPublisher(bounded, interviews, logger);
  return {
    standing,
    async remind(c) {
      const link = await publisher.permalink(c.interview.channelId, c.messageTs ?? c.interview.threadTs);
      await delivering(LASTING_IN_DM, () => bounded.chat.postMessage({ channel: c.request.chaserId, ...renderReminder(c, link) }));
    },
    async remindWithoutNaming(c) {
      await delivering(LASTING_IN_DM, () => bounded.chat.postMessage({ channel: c.request.chaserId, ...renderUnnamedReminder(c) }));
    },
    async summary(s) {
      // Only a summary people have seen is brought up to date; an unposted one is posted by /vet status.
      if (s.interview.summaryTs) await publisher.postSummary(s);
    },
    receipt: (r) => delivering(LASTING_IN_THREAD, () => sendReceipt(bounded, r)),
  };
}
