// What vet posts in a vendor's shared channel on its own (a question, an evidence request and its chase), apart from
// the listeners so the composition root can hand the scheduler its step without importing any listener.
import type { WebClient } from '@slack/web-api';
import type { VendorFlow, VendorPost, VendorRequestView } from '../flows/vendor.js';
import { renderVendorQuestion, renderVendorRequest } from './blocks/vendorSide.js';
import { delivering, LASTING_IN_THREAD } from './delivering.js';

export async function postVendorQuestion(client: WebClient, vendor: VendorFlow, p: VendorPost): Promise<void> {
  const posted = await client.chat.postMessage({ channel: p.where.channelId, thread_ts: p.where.threadTs, ...renderVendorQuestion(p.interviewId, p.questionId, p.question, 'open') });
  if (posted.ts) await vendor.questionPosted(p.interviewId, p.questionId, posted.ts);
}

/** Posts an evidence request (or its reminder) in the vendor thread, the question first when it was not asked there. */
export async function postVendorRequest(client: WebClient, vendor: VendorFlow, r: VendorRequestView): Promise<void> {
  if (r.newlyAsked) await postVendorQuestion(client, vendor, { where: r.where, interviewId: r.interviewId, questionId: r.questionId, question: r.question });
  await client.chat.postMessage({ channel: r.where.channelId, thread_ts: r.where.threadTs, ...renderVendorRequest(r) });
}

/** The scheduler's step that chases open evidence requests in the vendor thread on their due dates; Slack's refusal rejects as a DeliveryFailed. */
export function createVendorChase(client: WebClient, vendor: VendorFlow): (r: VendorRequestView) => Promise<void> {
  return (r) => delivering(LASTING_IN_THREAD, () => postVendorRequest(client, vendor, r));
}
