import type { App } from '@slack/bolt';
import type { InterviewFlow } from '../../flows/interview.js';
import type { PortfolioFlow } from '../../flows/portfolio.js';
import { renderHome } from '../blocks/portfolio.js';
import { createPublisher, slackError } from '../publish.js';

/** The Home tab, rendered from the database each time it is opened. */
export function registerHome(app: App, flows: { interview: InterviewFlow; portfolio: PortfolioFlow }): void {
  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    try {
      const publisher = createPublisher(client, flows.interview, logger);
      const data = await flows.portfolio.home(event.user);
      const mine = await Promise.all(data.mine.map(async (interview) => ({ interview, link: await publisher.permalink(interview.channelId, interview.threadTs) })));
      await client.views.publish({ user_id: event.user, view: renderHome({ ...data, mine, userId: event.user }) });
    } catch (e) {
      logger.error(`publishing the home tab for ${event.user} failed: ${slackError(e) ?? String(e)}`);
    }
  });
}
