// The HTTP receiver Slack's requests arrive at: Bolt's own, with two answers Bolt does not give by itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthorizationError, HTTPModuleFunctions, HTTPReceiver, type AnyMiddlewareArgs, type CustomRoute, type Logger, type LogLevel } from '@slack/bolt';
import { z } from 'zod';

/** Slack's replay window: a signed request more than this far from our clock, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface ReceiverOptions {
  signingSecret: string;
  logger?: Logger;
  logLevel: LogLevel;
  customRoutes?: CustomRoute[];
  /**
   * Wall-clock time in ms. The replay window is about the real time a request was signed at, so this is not the app's
   * (possibly simulated) clock; tests and the sandbox sign with the real time too.
   */
  now?: () => number;
}

function signedAt(req: IncomingMessage): number | undefined {
  const header = req.headers['x-slack-request-timestamp'];
  const value = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Bolt refuses a signature older than five minutes but accepts one from any time in the future, so a request signed
 * ahead of time could be replayed later: refuse those with 401 before Bolt reads the body. A signed payload whose
 * shape Bolt cannot read (an `actions` that is not a list, a view submission without a view) makes Bolt throw before
 * any listener runs; that is the sender's fault, so it gets 400 rather than 500.
 */
export function createReceiver(opts: ReceiverOptions): HTTPReceiver {
  const now = opts.now ?? Date.now;
  const receiver = new HTTPReceiver({
    signingSecret: opts.signingSecret,
    logLevel: opts.logLevel,
    ...(opts.logger && { logger: opts.logger }),
    ...(opts.customRoutes && { customRoutes: opts.customRoutes }),
    processEventErrorHandler: async (args) => {
      if (args.response.headersSent || args.error instanceof AuthorizationError) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      args.logger.warn(`Refused a Slack payload of an unexpected shape: ${args.error.message}`);
      HTTPModuleFunctions.buildNoBodyResponse(args.response, 400);
      return true;
    },
  });
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const at = signedAt(req);
    if (at !== undefined && at - Math.floor(now() / 1000) > MAX_CLOCK_SKEW_SECONDS) {
      opts.logger?.warn(`Refused a Slack request signed ${at - Math.floor(now() / 1000)} s in the future`);
      HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      return;
    }
    boltListener(req, res);
  };
  return receiver;
}

/** Thrown by the shape check below; app.error passes it on so the receiver answers 400. */
export class MalformedPayloadError extends Error {
  override name = 'MalformedPayloadError';
  // With a code, Bolt hands the error to app.error as it is instead of wrapping it (errors.ts asCodedError).
  readonly code = 'vet_malformed_payload';
}

const person = z.object({ id: z.string().min(1) });
// Only what the listeners read without checking; anything else in a payload is Slack's to add.
const INTERACTIVE_SHAPES: Record<string, z.ZodType> = {
  block_actions: z.object({ user: person, actions: z.array(z.object({ action_id: z.string(), block_id: z.string().optional() })).min(1) }),
  view_submission: z.object({ user: person, view: z.object({ id: z.string(), callback_id: z.string(), state: z.object({ values: z.record(z.string(), z.unknown()) }).optional() }) }),
  view_closed: z.object({ user: person, view: z.object({ id: z.string(), callback_id: z.string() }) }),
};

/** Global middleware: an interactive payload our listeners would misread is refused before any of them runs. */
export async function refuseMalformedPayloads({ body, next }: AnyMiddlewareArgs & { next: () => Promise<void> }): Promise<void> {
  const type = typeof body === 'object' && body !== null && 'type' in body && typeof body.type === 'string' ? body.type : undefined;
  const shape = type === undefined ? undefined : INTERACTIVE_SHAPES[type];
  if (shape) {
    const checked = shape.safeParse(body);
    if (!checked.success) throw new MalformedPayloadError(`${type}: ${checked.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; ')}`);
  }
  await next();
}
