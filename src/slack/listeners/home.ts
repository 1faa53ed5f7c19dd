import type { App } from '@slack/bolt';
import { OUTSIDER_LINE } from '../blocks/evaluators.js';
import { renderInfo } from '../blocks/interview.js';
import { MAX_EXPIRING_LINES, MAX_HOME_BLOCKS, renderHome } from '../blocks/portfolio.js';
import { createPublisher } from '../publish.js';
import { guarded, type ListenerDeps } from './listener.js';

/** What the Home tab says when Slack cannot say who opened it: it shows no vetting rather than guess. */
const HOME_CANNOT_CHECK = 'I could not check with Slack who you are just now, so nothing is shown here. Open this tab again in a moment.';

/** The Home tab, rendered from the database each time it is opened, with what its user may see. */
export function register(app: App, deps: ListenerDeps): void {
  const { flows, viewers } = deps;
  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    const failure = {
      what: 'the home tab',
      user: event.user,
      tell: (message: string) => client.views.publish({ user_id: event.user, view: { type: 'home', blocks: renderInfo(message).blocks } }),
      cannotCheck: HOME_CANNOT_CHECK,
      failed: null,
    };
    await guarded(logger, failure, async () => {
      const publisher = createPublisher(client, flows.interview, logger);
      // app_home_opened names no team: who opened it (perhaps a Slack Connect user) is asked of Slack.
      const sight = await viewers.person(event.user, undefined);
      // Someone of another organisation (perhaps the vendor) sees what vet is, and no vetting.
      if (sight.readers.some((r) => r.kind === 'person' && r.viewer.actor.external)) {
        await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: renderInfo(OUTSIDER_LINE).blocks } });
        return;
      }
      const [data, chasing] = await Promise.all([flows.portfolio.home(event.user, sight, MAX_HOME_BLOCKS, MAX_EXPIRING_LINES), flows.evidence.chasedBy(event.user, sight)]);
      const mine = await Promise.all(data.mine.map(async (interview) => ({ interview, link: await publisher.permalink(interview.channelId, interview.threadTs) })));
      const chased = await Promise.all(chasing.map(async (request) => ({ request, link: await publisher.permalink(request.interview.channelId, request.messageTs ?? request.interview.threadTs) })));
      await client.views.publish({ user_id: event.user, view: renderHome({ ...data, mine, chased, userId: event.user }) });
    });
  });
}
