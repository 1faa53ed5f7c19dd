// Turns a Slack payload's user into an Actor: admin from VET_ADMINS, external when the user's team is not the team
// the app is installed in (Slack Connect). The app's own team comes from auth.test, asked once per process.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../flows/actor.js';

export type ActorResolver = (userId: string, userTeamId: string | undefined) => Promise<Actor>;

export function createActorResolver(client: WebClient, admins: readonly string[]): ActorResolver {
  let homeTeam: Promise<string | null> | null = null;
  const home = (): Promise<string | null> => {
    homeTeam ??= client.auth.test().then(
      (r) => r.team_id ?? null,
      () => {
        // Ask again next time rather than remembering a failure.
        homeTeam = null;
        return null;
      },
    );
    return homeTeam;
  };
  return async (userId, userTeamId) => {
    const team = await home();
    // When the app's own team cannot be learned, nobody counts as one of ours: a failure never grants access.
    const external = team === null || (userTeamId !== undefined && userTeamId !== team);
    return { userId, admin: admins.includes(userId), external };
  };
}
