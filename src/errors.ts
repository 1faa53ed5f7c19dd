// What a failed call to Slack's Web API said, read without depending on Slack's client: the slack layer explains
// failures to people and turns the scheduler's failed deliveries into the flows' DeliveryFailed.

/** The Web API's error code of a failed call (e.g. not_in_channel), or null when the error is no Slack answer. */
export function webApiErrorCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('data' in e)) return null;
  const data = e.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : null;
}
