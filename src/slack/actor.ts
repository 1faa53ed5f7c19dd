// Who someone is, as Slack says: an admin (VET_ADMINS), someone from another organisation (Slack Connect), a bot.
// The app's own team comes from auth.test, asked until it answers once per process. A person's team comes from the
// payload when Slack sends it (`user.team_id`, `user_team`), else from users.info, kept for a minute on the app's
// clock. When Slack cannot say, nobody is guessed at: the lookup throws SlackCannotTell, and the listener answers
// CANNOT_CHECK and records nothing.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../flows/actor.js';
import type { Clock } from '../model.js';
import { webApiErrorCode as slackError } from '../errors.js';

/** How long users.info answers are kept: a person's team does not change, but a deactivated account should show. */
export const PEOPLE_CACHE_MS = 60_000;

/** What a person who could not be resolved is told, wherever they acted. */
export const CANNOT_CHECK = 'I could not check with Slack who you are just now; nothing was recorded. Try again in a moment.';

/**
 * Slack could not say who someone is (auth.test or users.info failed). Thrown rather than returned, so that no path
 * can go on with a guessed Actor: an uncaught one fails the request, which records nothing.
 */
export class SlackCannotTell extends Error {
  constructor(
    /** The person asked about; null when it was the app's own team that could not be learned. */
    readonly userId: string | null,
    /** Slack's error code, or what else went wrong. */
    readonly detail: string,
  ) {
    super(userId ? `Slack could not say who ${userId} is (${detail})` : `Slack could not say which team the app is installed in (${detail})`);
    this.name = 'SlackCannotTell';
  }
}

/** Who is asking; rejects with SlackCannotTell when Slack cannot say. `userTeamId`: the team the payload names, if any. */
export type ActorResolver = (userId: string, userTeamId: string | undefined) => Promise<Actor>;

/** What a person is, as far as taking part goes. */
export type Standing = 'member' | 'external' | 'bot';

export interface Person {
  id: string;
  /** The name Slack shows (real name, else handle), for text that cannot carry a mention (a modal's field error). */
  name: string;
  standing: Standing;
}

/** People named as evaluators, sorted by what Slack says they are. */
export interface Screening {
  /** People of this organisation: the only ones passed on to the flow, in the order named. */
  accepted: string[];
  external: Person[];
  bots: Person[];
  /** Slack could not say who they are: left out rather than let in unchecked. */
  unchecked: string[];
}

export interface People {
  actor: ActorResolver;
  /** Asks Slack about each person named as an evaluator; never rejects for one person Slack cannot describe. */
  screen(userIds: readonly string[]): Promise<Screening>;
  /** The names Slack shows for these people (cached as above); someone Slack cannot describe is left out. */
  names(userIds: readonly string[]): Promise<Map<string, string>>;
}

/** What users.info says, as kept. */
interface Profile {
  teamId: string;
  isBot: boolean;
  isStranger: boolean;
  name: string;
}

/** The people with standing from the configuration: admins (VET_ADMINS) and risk owners (VET_RISK_OWNERS). */
export interface ConfiguredPeople {
  admins: readonly string[];
  riskOwners: readonly string[];
}

export function createPeople(client: WebClient, { admins, riskOwners }: ConfiguredPeople, clock: Clock, ttlMs = PEOPLE_CACHE_MS): People {
  let homeTeam: Promise<string> | null = null;
  const home = (): Promise<string> => {
    if (homeTeam) return homeTeam;
    const asked = client.auth.test().then(
      (r) => {
        if (!r.team_id) throw new SlackCannotTell(null, 'auth.test named no team');
        return r.team_id;
      },
      (e: unknown) => {
        throw new SlackCannotTell(null, slackError(e) ?? String(e));
      },
    );
    homeTeam = asked;
    // Ask again next time rather than remembering a failure.
    asked.catch(() => {
      if (homeTeam === asked) homeTeam = null;
    });
    return asked;
  };

  // Concurrent askers share one call; a failure is forgotten at once, so the next request asks Slack again.
  const profiles = new Map<string, { at: number; value: Promise<Profile> }>();
  const profile = (userId: string): Promise<Profile> => {
    const now = clock().getTime();
    const hit = profiles.get(userId);
    // A clock set back counts as expired, so an answer is never kept longer than intended.
    if (hit && now >= hit.at && now - hit.at < ttlMs) return hit.value;
    const value = client.users.info({ user: userId }).then(
      (r): Profile => {
        const u = r.user;
        if (!u?.team_id) throw new SlackCannotTell(userId, 'users.info named no team');
        return { teamId: u.team_id, isBot: u.is_bot === true, isStranger: u.is_stranger === true, name: u.real_name || u.name || userId };
      },
      (e: unknown) => {
        throw new SlackCannotTell(userId, slackError(e) ?? String(e));
      },
    );
    const entry = { at: now, value };
    profiles.set(userId, entry);
    value.catch(() => {
      if (profiles.get(userId) === entry) profiles.delete(userId);
    });
    return value;
  };

  const person = async (userId: string): Promise<Person> => {
    const [team, p] = await Promise.all([home(), profile(userId)]);
    // A stranger is someone of another organisation Slack shows the app without a shared channel to place them in.
    const standing: Standing = p.isStranger || p.teamId !== team ? 'external' : p.isBot ? 'bot' : 'member';
    return { id: userId, name: p.name, standing };
  };

  return {
    async actor(userId, userTeamId) {
      const external = userTeamId !== undefined ? userTeamId !== (await home()) : (await person(userId)).standing === 'external';
      return { userId, admin: admins.includes(userId), riskOwner: riskOwners.includes(userId), external };
    },

    async names(userIds) {
      const found = await Promise.all(
        userIds.map((id) =>
          profile(id).then(
            (p) => [id, p.name] as const,
            () => null,
          ),
        ),
      );
      return new Map(found.filter((x): x is readonly [string, string] => x !== null));
    },

    async screen(userIds) {
      const screening: Screening = { accepted: [], external: [], bots: [], unchecked: [] };
      const found = await Promise.all(
        userIds.map((id) =>
          person(id).catch((e: unknown) => {
            if (e instanceof SlackCannotTell) return id;
            throw e;
          }),
        ),
      );
      for (const p of found) {
        if (typeof p === 'string') screening.unchecked.push(p);
        else if (p.standing === 'member') screening.accepted.push(p.id);
        else if (p.standing === 'external') screening.external.push(p);
        else screening.bots.push(p);
      }
      return screening;
    },
  };
}
