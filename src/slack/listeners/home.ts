import type { App } from '@slack/bolt';
import type { InterviewFlow } from '../../flows/interview.js';
import type { PortfolioFlow } from '../../flows/portfolio.js';
import { renderHome } from '../blocks/portfolio.js';
import { createPublisher, slackError } from '../publish.js';
import type { Viewers } from '../viewer.js';

/** The Home tab, rendered from the database each time it is opened, with what its user may see. */
export function registerHome(app: App, flows: { interview: InterviewFlow; portfolio: PortfolioFlow }, viewers: Viewers): void {
  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    try {
      const publisher = createPublisher(client, flows.interview, logger);
      // Slack Connect events carry the user's own team; the event type does not declare it.
      const userTeam = 'user_team' in event && typeof event.user_team === 'string' ? event.user_team : undefined;
      const data = await flows.portfolio.home(event.user, await viewers.person(event.user, userTeam));
      const mine = await Promise.all(data.mine.map(async (interview) => ({ interview, link: await publisher.permalink(interview.channelId, interview.threadTs) })));
      await client.views.publish({ user_id: event.user, view: renderHome({ ...data, mine, userId: event.user }) });
    } catch (e) {
      logger.error(`publishing the home tab for ${event.user} failed: ${slackError(e) ?? String(e)}`);
    }
  });
}
