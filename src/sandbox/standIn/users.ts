// auth.test and users.*: who the app is, and who people are as declared by `setUser`.
import { BOT, type StandInState } from './state.js';
import { fail, str, type Handlers } from './wire.js';

/** Who the app is, and users.info for anyone (an undeclared id is a person of the workspace). */
export function userHandlers(s: StandInState): Handlers {
  const { users } = s;
  return {
    'auth.test': () => ({ url: 'https://fake.slack.test/', team: 'Fake', user: 'vet', ...BOT }),

    'users.info': (p) => {
      const id = str(p.user) ?? fail('user_not_found');
      const declared = users.get(id);
      if (!declared && !/^[UW][A-Z0-9]+$/.test(id)) fail('user_not_found');
      const u = declared ?? {};
      return {
        user: {
          id,
          team_id: u.teamId ?? BOT.team_id,
          name: id.toLowerCase(),
          real_name: u.realName ?? `User ${id}`,
          tz: 'Europe/Berlin',
          is_bot: u.isBot === true,
          // Slack sends is_stranger only for strangers.
          ...(u.isStranger && { is_stranger: true }),
        },
      };
    },
  };
}
