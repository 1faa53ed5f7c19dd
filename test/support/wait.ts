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

/** Reads until `done` holds for what was read, and returns it; fails naming `what` after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
