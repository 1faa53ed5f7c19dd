// Resolve / Accept-risk buttons on red flags, their modals, and refreshing the message the button was on.
import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { DigestFlow } from '../../flows/digest.js';
import { DECISION_FIELDS, type DecisionOutcome, type FieldErrors, type FlagFlow } from '../../flows/flags.js';
import type { InterviewFlow } from '../../flows/interview.js';
import type { ReplyTargets } from '../../flows/replyTargets.js';
import type { Visibility } from '../../flows/visibility.js';
import type { Actor } from '../../flows/actor.js';
import type { FlagWithContext } from '../../model.js';
import { renderDigest } from '../blocks/digest.js';
import { renderVendorFlags } from '../blocks/flags.js';
import { renderProblem } from '../blocks/interview.js';
import { acceptModal, confirmResolutionModal, resolveModal } from '../blocks/modals.js';
import { ACTION, CALLBACK, decodeFlagMeta, FLAG_ACTIONS, FLAGS_PAGE_ACTIONS, INPUT, parseFlagButtonValue, parseFlagsPageValue, type FlagModalMeta } from '../ids.js';
import { createPublisher, slackError } from '../publish.js';
import { guarded, type ListenerDeps } from './listener.js';
import type { Refusal } from '../../flows/permissions.js';
import type { RenderedMessage } from '../blocks/question.js';
import { clickPlace, containerTs, tellAt } from '../ephemeral.js';
import { problemText } from '../wording/problems.js';

export interface FlagListenerFlows {
  interview: InterviewFlow;
  flags: FlagFlow;
  digest: DigestFlow;
  replies: ReplyTargets;
}

type Values = ViewSubmitAction['view']['state']['values'];

/** What the flag flow says of a flag id it does not know (flows/flags.ts). */
const FLAG_GONE = 'That red flag no longer exists.';

/**
 * Shows the decision where the button was (the summary, the digest, or the ephemeral `/vet flags` list), and in
 * the interview's summary wherever the button was, so the thread never shows a decided flag as open.
 */
async function refreshSource(
  client: WebClient,
  flows: FlagListenerFlows,
  meta: FlagModalMeta,
  flag: FlagWithContext,
  logger: App['logger'],
  /** Who decided, and what they may see: the `/vet flags` list shown to them is refreshed with that. */
  by: { userId: string; sight: () => Promise<Visibility> },
): Promise<void> {
  const interview = await flows.interview.get(flag.interviewId);
  if (interview?.summaryTs) await createPublisher(client, flows.interview, logger).postSummary(await flows.interview.summary(interview));
  // Where to post is decided here, from what was recorded, never by the modal's metadata: the digest is the flag's
  // channel's, and only a message the bot posted there as a digest is updated; the list's response URL is the one
  // kept for this person when the modal opened.
  const channel = flag.channelId;
  if (meta.source === 'digest' && meta.messageTs && (await flows.digest.isDigest(channel, meta.messageTs))) {
    await client.chat.update({ channel, ts: meta.messageTs, ...renderDigest(await flows.digest.compose(channel)) });
  }
  const responseUrl = meta.source === 'flags' ? await flows.replies.find(meta.reply, by.userId) : null;
  if (responseUrl) {
    const listed = await flows.flags.vendorFlags(meta.vendor, await by.sight());
    if (listed.kind === 'found') {
      await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: true, ...renderVendorFlags(listed.vendor.name, listed.flags, listed.titles, meta.page) }),
      });
    }
  }
}

/** The flow's field errors keyed by the modal's block ids, as Slack shows them under each field. */
function fieldErrors(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(
    DECISION_FIELDS.flatMap((field) => {
      const problem = errors[field];
      return problem ? [[INPUT[field], problemText(problem)]] : [];
    }),
  );
}

function text(values: Values, id: string): string {
  return (values[id]?.[id]?.value ?? '').trim();
}

export function register(app: App, deps: ListenerDeps): void {
  const { flows, viewers } = deps;
  const actors = deps.people.actor;
  const { gate, screenChosen } = deps;
  /** A refusal about a flag, naming nothing to someone who may not see its vetting (sight.ts). */
  const flagRefusal = async (userId: string, flagId: number, refusal: Refusal) => {
    const interviewId = await flows.flags.interviewOf(flagId);
    if (interviewId === null) return { message: renderProblem(FLAG_GONE), plain: FLAG_GONE };
    return { message: await gate.message(userId, interviewId, refusal, FLAG_GONE), plain: await gate.plain(userId, interviewId, refusal, FLAG_GONE) };
  };

  // A page of a vendor's open flags: Previous / Next replace the ephemeral list they are in; "List all open flags"
  // under a summary shows the first page to the person who clicked, where they clicked.
  app.action<BlockAction<ButtonAction>>(FLAGS_PAGE_ACTIONS, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const inList = body.container?.is_ephemeral === true;
    const place = inList ? null : clickPlace(body);
    const show = (m: RenderedMessage) =>
      inList ? respond({ replace_original: true, ...m }) : place ? tellAt(client, place, body.user.id, m) : respond({ response_type: 'ephemeral', replace_original: false, ...m });
    const target = parseFlagsPageValue(action.value);
    if (!target) return void (await show(renderProblem('That button is not one I know any more; run `/vet flags <vendor>` for current ones.')));
    const failure = {
      what: 'the flag list',
      user: body.user.id,
      tell: (message: string) => show(renderProblem(message)),
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}). Try again in a moment.`,
    };
    await guarded(logger, failure, async () => {
      const listed = await flows.flags.vendorFlags(target.vendor, await viewers.person(body.user.id, body.user.team_id));
      await show(listed.kind === 'found' ? renderVendorFlags(listed.vendor.name, listed.flags, listed.titles, target.page) : renderProblem(problemText(listed.problem)));
    });
  });

  app.action<BlockAction<ButtonAction>>(FLAG_ACTIONS, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const target = parseFlagButtonValue(action.value);
    // Answer where the button was: in the summary's thread, or in the channel for the digest and a channel copy.
    // An ephemeral `/vet flags` list is only reachable through its response_url, and that is where the person is.
    const place = target?.source === 'flags' || body.container?.is_ephemeral === true ? null : clickPlace(body);
    const answer = (m: RenderedMessage) => (place ? tellAt(client, place, body.user.id, m) : respond({ response_type: 'ephemeral', replace_original: false, ...m }));
    const tell = (message: string) => answer(renderProblem(message));
    if (!target) return void (await tell('That button is not one I know any more; run `/vet flags <vendor>` for current ones.'));
    const failure = {
      what: `flag button ${action.action_id}`,
      user: body.user.id,
      tell,
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}); nothing was changed. Try again.`,
    };
    await guarded(logger, failure, async () => {
      const accepting = action.action_id === ACTION.flagAccept;
      const allowed = await flows.flags.permission(target.flagId, await actors(body.user.id, body.user.team_id), accepting ? 'accept' : 'resolve');
      if (allowed.kind === 'not-found') return void (await tell(problemText(allowed.problem)));
      if (allowed.kind === 'not-allowed') return void (await answer(await flagRefusal(body.user.id, target.flagId, allowed.refusal).then((m) => m.message)));
      const flag = allowed.flag;
      if (flag.status !== 'open') return void (await tell(`That red flag is already ${flag.status}.`));
      const meta: FlagModalMeta = {
        flagId: flag.id,
        source: target.source,
        messageTs: containerTs(body),
        reply: target.source === 'flags' ? await flows.replies.remember(body.user.id, body.response_url) : null,
        vendor: flag.vendor.name,
        page: target.page,
      };
      const view = accepting ? acceptModal(meta, flag, body.user.id, flows.flags.defaultExpiry()) : flag.proposal ? confirmResolutionModal(meta, flag) : resolveModal(meta, flag);
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
  });

  /** `check`: field errors the Slack layer finds (about people Slack must describe) before the flow decides. */
  const submit =
    (decide: (meta: FlagModalMeta, actor: Actor, values: Values) => Promise<DecisionOutcome>, check?: (meta: FlagModalMeta, actor: Actor, values: Values) => Promise<Record<string, string> | null>) =>
    async ({ ack, body, view, client, logger }: Parameters<Parameters<App['view']>[1]>[0]) => {
      const meta = decodeFlagMeta(view.private_metadata);
      if (!meta) return void (await ack());
      const failure = {
        what: `decision on flag ${meta.flagId}`,
        user: body.user.id,
        tell: (message: string) => ack({ response_action: 'errors', errors: { [INPUT.reason]: message } }),
        failed: () => 'Could not save this just now; nothing was changed. Try again.',
      };
      const outcome = await guarded(logger, failure, async (): Promise<DecisionOutcome | undefined> => {
        const actor = await actors(body.user.id, body.user.team_id);
        const errors = check ? await check(meta, actor, view.state.values) : null;
        if (errors) return void (await ack({ response_action: 'errors', errors }));
        return decide(meta, actor, view.state.values);
      });
      if (!outcome) return;
      if (outcome.kind === 'invalid') return void (await ack({ response_action: 'errors', errors: fieldErrors(outcome.errors) }));
      if (outcome.kind === 'refused') return void (await ack({ response_action: 'errors', errors: { [INPUT.reason]: problemText(outcome.problem) } }));
      if (outcome.kind === 'not-allowed') return void (await ack({ response_action: 'errors', errors: { [INPUT.reason]: (await flagRefusal(body.user.id, meta.flagId, outcome.refusal)).plain } }));
      await ack();
      // The decision is saved; a message that cannot be refreshed now shows it on its next update.
      await refreshSource(client, flows, meta, outcome.flag, logger, { userId: body.user.id, sight: () => viewers.person(body.user.id, body.user.team_id) }).catch((e: unknown) =>
        logger.warn(`flag ${meta.flagId} was decided, but its message could not be refreshed: ${slackError(e) ?? String(e)}`),
      );
    };

  app.view<ViewSubmitAction>(
    CALLBACK.resolve,
    submit((meta, actor, values) =>
      flows.flags.resolve({ flagId: meta.flagId, actor, reason: text(values, INPUT.reason), link: text(values, INPUT.link) || null, seen: text(values, INPUT.seen) || null }),
    ),
  );
  app.view<ViewSubmitAction>(
    CALLBACK.confirmResolve,
    submit((meta, actor) => flows.flags.confirmResolution({ flagId: meta.flagId, actor })),
  );
  app.view<ViewSubmitAction>(
    CALLBACK.accept,
    submit(
      (meta, actor, values) =>
        flows.flags.accept({
          flagId: meta.flagId,
          actor,
          reason: text(values, INPUT.reason),
          control: text(values, INPUT.control),
          ownerId: values[INPUT.owner]?.[INPUT.owner]?.selected_user ?? null,
          expiresOn: values[INPUT.expires]?.[INPUT.expires]?.selected_date ?? null,
        }),
      // The owner is reminded of the risk and shown it: screened as an evaluator is (chosen.ts).
      async (meta, actor, values) => {
        const owner = values[INPUT.owner]?.[INPUT.owner]?.selected_user;
        if (!owner || owner === actor.userId) return null;
        const allowed = await flows.flags.permission(meta.flagId, actor);
        const access = allowed.kind === 'allowed' ? await flows.interview.access(allowed.flag.interviewId) : null;
        const problem = access && (await screenChosen(owner, access, 'own this risk'));
        return problem ? { [INPUT.owner]: problem } : null;
      },
    ),
  );
}
