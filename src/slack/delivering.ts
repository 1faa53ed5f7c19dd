// Slack's refusals of what the scheduler sends, read into the flows' DeliveryFailed: the error code is the reason, and
// the caller names the codes that no retry can cure where it posts.
import { DeliveryFailed } from '../flows/delivery.js';
import { webApiErrorCode } from '../errors.js';

/** No retry delivers a message in a thread to these: the channel is gone, archived, or vet was removed from it. */
export const LASTING_IN_THREAD: ReadonlySet<string> = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'thread_not_found']);

/** Runs a Slack call, turning Slack's refusal into the flows' DeliveryFailed (lasting when its code is in `lasting`). */
export async function delivering<T>(lasting: ReadonlySet<string>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const code = webApiErrorCode(e);
    throw code ? new DeliveryFailed(code, lasting.has(code)) : e;
  }
}
