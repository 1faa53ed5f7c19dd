import type { App } from '@slack/bolt';
import type { InterviewFlow } from '../../flows/interview.js';
import { renderHome } from '../blocks/home.js';
import { createPublisher, slackError } from '../publish.js';

export function registerHome(app: App, flow: InterviewFlow): void {
  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    try {
      const publisher = createPublisher(client, flow, logger);
      const mine = await flow.inProgressFor(event.user);
      const withLinks = await Promise.all(mine.map(async (interview) => ({ interview, link: await publisher.permalink(interview.channelId, interview.threadTs) })));
      await client.views.publish({ user_id: event.user, view: renderHome(withLinks) });
    } catch (e) {
      logger.error(`publishing the home tab for ${event.user} failed: ${slackError(e) ?? String(e)}`);
    }
  });
}
