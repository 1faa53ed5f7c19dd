// What a failed call to Slack's Web API said, read without depending on Slack's client: the flows decide about
// deliveries that failed (retry a DM, a digest, a receipt or give up) through injected senders, and the slack layer
// explains failures to people. Both read the error code the same way here.

/** The Web API's error code of a failed call (e.g. not_in_channel), or null when the error is no Slack answer. */
export function webApiErrorCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('data' in e)) return null;
  const data = e.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : null;
}

/** Slack's error code when Slack refused, else the error's message: what a retry decision and a log line need. */
export function failureCode(e: unknown): string {
  return webApiErrorCode(e) ?? (e instanceof Error ? e.message : String(e));
}
