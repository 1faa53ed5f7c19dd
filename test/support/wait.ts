import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until `probe` gives a value (not null or undefined), such as a row the bot writes after it answered Slack,
 * and returns it; fails naming `what` after `timeoutMs`.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
