// `/vet list`, `/vet compare`, `/vet report`, and the "Post to channel" button of a comparison.
import type { App, BlockAction, ButtonAction, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PortfolioFlow } from '../../flows/portfolio.js';
import type { NameToken } from '../../flows/names.js';
import type { Visibility } from '../../flows/visibility.js';
import { reportCsv } from '../../reports/csv.js';
import { peopleIn, reportMarkdown } from '../../reports/markdown.js';
import { CATALOGUES } from '../../questions/controls/index.js';
import type { Framework } from '../../questions/model.js';
import type { People } from '../actor.js';
import type { Clock } from '../../model.js';
import { renderInfo, renderProblem } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/message.js';
import { LIST_ROWS, renderCompare, renderList } from '../blocks/portfolio.js';
import { ACTION } from '../ids.js';
import { explainSlackCode } from '../publish.js';
import { bold } from '../text.js';
import { guarded, type ListenerDeps } from './listener.js';
import { problemText } from '../wording/problems.js';

type Reply = (m: RenderedMessage) => Promise<unknown>;

export function createPortfolioCommands(flow: PortfolioFlow, clock: Clock, people: Pick<People, 'names'>) {
  return {
    async list(v: Visibility, reply: Reply) {
      const { vendors, total } = await flow.list(v, LIST_ROWS);
      await reply(renderList(vendors, total));
    },

    async compare(names: NameToken[], v: Visibility, reply: Reply) {
      const found = await flow.resolve(names, v);
      if (!found.ok) return void (await reply(renderProblem(problemText(found.problem))));
      await reply(renderCompare(await flow.compare(found.vendors, v), { shareButton: true }));
    },

    async report(command: SlashCommand, vendorName: string, format: 'markdown' | 'csv', framework: Framework | null, v: Visibility, client: WebClient, reply: Reply) {
      const found = await flow.find(vendorName, v);
      if (!found.ok) return void (await reply(renderProblem(problemText(found.problem))));
      const vendor = found.vendor;
      const data = await flow.report(vendor, v);
      if (!data) return void (await reply(renderProblem(`"${vendor.name}" has no interview to report on yet.`)));
      // Notes and ratings stay where the interview ran: never uploaded into, say, a channel shared with the vendor.
      if (data.summary.interview.channelId !== command.channel_id) {
        return void (await reply(
          renderInfo(`The report of ${bold(vendor.name)} is uploaded only in the channel where it was interviewed, <#${data.summary.interview.channelId}>: run \`/vet report\` there.`),
        ));
      }
      const date = clock().toISOString().slice(0, 10);
      const slug =
        vendor.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'vendor';
      const csv = format === 'csv';
      // People are named beside their ids, as Slack names them; one Slack cannot describe keeps the id alone.
      const names = await people.names(peopleIn(data));
      const only = framework ? ` (${CATALOGUES[framework].short} only)` : '';
      await client.filesUploadV2({
        channel_id: command.channel_id,
        filename: `vet-${slug}-${date}${framework ? `-${framework}` : ''}.${csv ? 'csv' : 'md'}`,
        title: `${vendor.name}: vetting ${csv ? 'answers' : 'report'}${only} (${date})`,
        content: csv ? reportCsv(data, framework, names) : reportMarkdown(data, clock(), framework, names),
        initial_comment: `<@${command.user_id}> asked for the ${csv ? 'answers (CSV)' : 'report'}${only} of ${bold(vendor.name)}.`,
      });
      await reply(renderInfo(`Uploaded the ${csv ? 'CSV' : 'report'} of ${bold(vendor.name)} to this channel.`));
    },
  };
}

export function register(app: App, deps: ListenerDeps): void {
  const { viewers } = deps;
  const flow = deps.flows.portfolio;
  app.action<BlockAction<ButtonAction>>(ACTION.comparePost, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const tell = (m: RenderedMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...m });
    const channel = body.channel?.id;
    const ids = (action.value ?? '').split(',').map(Number).filter(Number.isInteger);
    const gone = renderProblem('Those vendors are no longer there to compare; run /vet compare again.');
    const failure = {
      what: 'posting a comparison',
      user: body.user.id,
      tell: (message: string) => tell(renderProblem(message)),
      failed: (code: string | null) => `The comparison could not be posted. ${explainSlackCode(code)}`,
    };
    await guarded(logger, failure, async () => {
      if (!channel) return void (await tell(gone));
      // Everyone in the channel reads the posted copy: it may hold only what they could all see.
      const [asker, postable] = await Promise.all([viewers.person(body.user.id, body.user.team_id), viewers.postingIn(body.user.id, body.user.team_id, channel)]);
      const shared = await flow.share(ids, asker, postable);
      if (shared.kind === 'gone') return void (await tell(gone));
      if (shared.kind === 'blocked') {
        const names = shared.vendors.map((v) => `"${v.name}"`).join(', ');
        const one = shared.vendors.length === 1;
        return void (await tell(
          renderProblem(
            shared.because === 'shared-channel'
              ? `${names} ${one ? 'was' : 'were'} vetted only in other channels, and this channel is, or may be, shared with another organisation: only vettings run in it may be posted here, where people outside your organisation would read them. Compare other vendors, or post it from one of your organisation's own channels.`
              : `${names} ${one ? 'was' : 'were'} vetted only in private channels other than this one, so the comparison cannot be posted here, where everyone in the channel would read it. Compare other vendors, or post it from the channel where ${one ? 'it was' : 'they were'} vetted.`,
          ),
        ));
      }
      await client.chat.postMessage({ channel, ...renderCompare(shared.standings, { sharedBy: body.user.id }) });
      await respond({ delete_original: true });
      if (shared.trimmed === 'shared-channel') {
        await tell(
          renderInfo('Posted. This channel is, or may be, shared with another organisation, so interviews run in other channels are left out of the posted copy, and it differs from what you saw.'),
        );
      } else if (shared.trimmed === 'private-channel') {
        await tell(renderInfo('Posted. Interviews run in private channels other than this one are left out of the posted copy, so it differs from what you saw.'));
      }
    });
  });
}
