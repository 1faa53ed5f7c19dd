// `/vet list`, `/vet compare`, `/vet report`, and the "Post to channel" button of a comparison.
import type { App, BlockAction, ButtonAction, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PortfolioFlow } from '../../flows/portfolio.js';
import type { NameToken } from '../../flows/names.js';
import { reportCsv } from '../../reports/csv.js';
import { reportMarkdown } from '../../reports/markdown.js';
import type { Clock } from '../../model.js';
import { renderInfo, renderProblem } from '../blocks/interview.js';
import { renderCompare, renderList } from '../blocks/portfolio.js';
import { ACTION } from '../ids.js';
import { explainSlackError, slackError } from '../publish.js';
import { esc } from '../text.js';

type Reply = (m: { text: string; blocks: unknown[] }) => Promise<unknown>;

export function createPortfolioCommands(flow: PortfolioFlow, clock: Clock) {
  return {
    async list(reply: Reply) {
      await reply(renderList(await flow.list()));
    },

    async compare(names: NameToken[], reply: Reply) {
      const found = await flow.resolve(names);
      if (!found.ok) return void (await reply(renderProblem(found.message)));
      await reply(renderCompare(await flow.compare(found.vendors), { shareButton: true }));
    },

    async report(command: SlashCommand, vendorName: string, format: 'markdown' | 'csv', client: WebClient, reply: Reply) {
      const found = await flow.find(vendorName);
      if (!found.ok) return void (await reply(renderProblem(found.message)));
      const vendor = found.vendor;
      const data = await flow.report(vendor);
      if (!data) return void (await reply(renderProblem(`${vendor.name} has no interview to report on yet.`)));
      // Notes and ratings stay where the interview ran: never uploaded into, say, a channel shared with the vendor.
      if (data.summary.interview.channelId !== command.channel_id) {
        return void (await reply(renderInfo(`The report of *${esc(vendor.name)}* is uploaded only in the channel where it was interviewed, <#${data.summary.interview.channelId}>: run \`/vet report\` there.`)));
      }
      const date = clock().toISOString().slice(0, 10);
      const slug = vendor.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'vendor';
      const csv = format === 'csv';
      await client.filesUploadV2({
        channel_id: command.channel_id,
        filename: `vet-${slug}-${date}.${csv ? 'csv' : 'md'}`,
        title: `${vendor.name}: vetting ${csv ? 'answers' : 'report'} (${date})`,
        content: csv ? reportCsv(data) : reportMarkdown(data, clock()),
        initial_comment: `<@${command.user_id}> asked for the ${csv ? 'answers (CSV)' : 'report'} of *${esc(vendor.name)}*.`,
      });
      await reply(renderInfo(`Uploaded the ${csv ? 'CSV' : 'report'} of *${esc(vendor.name)}* to this channel.`));
    },
  };
}

export function registerPortfolioActions(app: App, flow: PortfolioFlow): void {
  app.action<BlockAction<ButtonAction>>(ACTION.comparePost, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const tell = (m: { text: string; blocks: unknown[] }) => respond({ response_type: 'ephemeral', replace_original: false, ...m } as Parameters<RespondFn>[0]);
    const channel = body.channel?.id;
    const ids = (action.value ?? '').split(',').map(Number).filter(Number.isInteger);
    try {
      const vendors = (await flow.list()).filter((s) => ids.includes(s.vendor.id)).map((s) => s.vendor);
      if (!channel || vendors.length < 2) return void (await tell(renderProblem('Those vendors are no longer there to compare; run /vet compare again.')));
      const ordered = ids.map((id) => vendors.find((v) => v.id === id)).filter((v) => v !== undefined);
      await client.chat.postMessage({ channel, ...renderCompare(await flow.compare(ordered), { sharedBy: body.user.id }) });
      await respond({ delete_original: true } as Parameters<RespondFn>[0]);
    } catch (e) {
      logger.error(`posting a comparison failed: ${slackError(e) ?? String(e)}`);
      await tell(renderProblem(`The comparison could not be posted. ${explainSlackError(e)}`));
    }
  });
}
