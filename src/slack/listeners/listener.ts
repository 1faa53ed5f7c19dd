// What every listener module shares: its shape, `register(app, deps)`, and the one wrapper that answers a failure.
// Listeners ack, call a flow and render; how a failure is logged and told is decided here, once.
import type { App, Logger } from '@slack/bolt';
import { webApiErrorCode as slackError } from '../../errors.js';
import type { Wiring } from '../../wiring.js';
import { CANNOT_CHECK, SlackCannotTell } from '../actor.js';

/** What a listener may use of what the composition root built: the flows and Slack's answers, never the database. */
export type ListenerDeps = Pick<Wiring, 'config' | 'clock' | 'flows' | 'people' | 'viewers' | 'gate' | 'screenChosen' | 'postDigest'>;

/** Every listener module exports one: it adds its listeners to the app. */
export type Register = (app: App, deps: ListenerDeps) => void;

/** How a listener answers the person whose request failed. */
export interface Failure {
  /** What was being done, for the log: "/vet start", "action vet.rate", "note modal". */
  what: string;
  /** Who asked, for the log. */
  user: string;
  /** Tells them a sentence where they acted: an ephemeral message, a modal's field error, their Home tab. */
  tell(message: string): Promise<unknown>;
  /**
   * The sentence for anything unexpected, given Slack's error code when it was Slack that refused; null to tell
   * nothing (a thread reply, whose writer is not waiting for an answer and whose note may be stored already).
   */
  failed: ((code: string | null) => string) | null;
  /** The sentence when Slack cannot say who they are; CANNOT_CHECK unless the place needs other words. */
  cannotCheck?: string;
}

/**
 * Runs a listener's work and gives back what it returned, or undefined when it failed. A failure is never thrown to
 * Bolt: when Slack cannot say who someone is (SlackCannotTell) nothing was recorded, which is logged as a warning
 * and told as `cannotCheck`; anything else is logged as an error and told as `failed`. A telling that fails too is
 * logged.
 */
export async function guarded<T>(logger: Logger, f: Failure, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    const cannotTell = e instanceof SlackCannotTell;
    const code = slackError(e);
    if (cannotTell) logger.warn(`${f.what} by ${f.user} not done: ${e.message}`);
    else logger.error(`${f.what} by ${f.user} failed: ${code ?? String(e)}`);
    const message = cannotTell ? (f.cannotCheck ?? CANNOT_CHECK) : (f.failed?.(code) ?? null);
    if (message === null) return undefined;
    await f.tell(message).catch((err: unknown) => {
      logger.warn(`${f.user} could not be told that ${f.what} failed: ${slackError(err) ?? String(err)}`);
    });
    return undefined;
  }
}
