// views.*: modals opened, pushed and updated, and Home tabs published.
import { BOT, type StandInState } from './state.js';
import { fail, str, type Handlers } from './wire.js';

/** The view methods: every view is recorded; a modal opened with a known trigger goes on its user's stack. */
export function viewHandlers(s: StandInState): Handlers {
  const { views, triggers, modalStacks, homeViews } = s;
  /** What Slack answers about a view: the app's view plus the fields Slack adds. */
  const viewAnswer = (id: string, view: any) => ({
    type: 'modal',
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    ...view,
    id,
    hash: 'h',
    team_id: BOT.team_id,
    app_id: 'A0FAKE',
    bot_id: BOT.bot_id,
    root_view_id: id,
    previous_view_id: null,
  });

  const recordView = (method: string, id: string, view: any) => {
    if (!view || typeof view !== 'object' || Array.isArray(view)) fail('invalid_arguments');
    const answered = viewAnswer(id, view);
    views.push({ id, view: answered, method });
    return { view: answered };
  };

  return {
    'views.open': (p) => {
      const trigger = str(p.trigger_id) ?? fail('invalid_arguments');
      const answer = recordView('views.open', s.nextViewId(), p.view);
      const user = triggers.get(trigger);
      if (user) modalStacks.set(user, [answer.view.id]);
      return answer;
    },

    'views.push': (p) => {
      const trigger = str(p.trigger_id) ?? fail('invalid_arguments');
      const answer = recordView('views.push', s.nextViewId(), p.view);
      const user = triggers.get(trigger);
      if (user) modalStacks.set(user, [...(modalStacks.get(user) ?? []), answer.view.id]);
      return answer;
    },

    'views.update': (p) => {
      const viewId = str(p.view_id);
      const externalId = str(p.external_id);
      let id: string | undefined;
      if (viewId) id = views.some((v) => v.id === viewId) ? viewId : fail('not_found');
      else if (externalId) id = [...views].reverse().find((v) => v.view.external_id === externalId)?.id ?? fail('not_found');
      else fail('invalid_arguments');
      return recordView('views.update', id, p.view);
    },

    'views.publish': (p) => {
      const user = str(p.user_id) ?? fail('invalid_arguments');
      // A user's Home tab keeps its id across publishes, as on Slack.
      const id = homeViews.get(user) ?? s.nextViewId();
      homeViews.set(user, id);
      return recordView('views.publish', id, p.view);
    },
  };
}
