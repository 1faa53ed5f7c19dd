// What the scheduler hands to the chat side (a reminder, a digest, a question in a vendor's thread) and the chat side
// could not deliver, in the flows' terms: why, and whether it could ever pass. The chat side reads its own refusals
// (src/slack/delivering.ts); the flows only decide to retry, hold or give up.

/** A delivery that failed: why (e.g. the chaser's account is gone), and whether trying again could ever succeed. */
export class DeliveryFailed extends Error {
  constructor(
    readonly reason: string,
    readonly lasting: boolean,
  ) {
    super(reason);
  }
}

/** Why a delivery failed, and whether it could ever succeed; an error that is no DeliveryFailed may pass next time. */
export function deliveryFailure(e: unknown): DeliveryFailed {
  return e instanceof DeliveryFailed ? e : new DeliveryFailed(e instanceof Error ? e.message : String(e), false);
}
