// People picked in a modal to act on a vetting later (the owner of an accepted risk, the chaser of an evidence
// request) are screened as evaluators are: a person of this organisation, not a bot, and someone who may see the
// vetting, so a reminder or an owner's view never names a private vendor to someone outside its channel.
import type { InterviewAccess } from '../flows/visibility.js';
import type { People } from './actor.js';
import type { Viewers } from './viewer.js';

/** What the chosen person is to do, as it ends "pick someone … to <task>". */
export type ChosenTask = 'chase it' | 'own this risk';

export type ChosenScreen = (userId: string, interview: InterviewAccess, task: ChosenTask) => Promise<string | null>;

/** The field error for a person who may not be chosen, or null. Plain text: modal errors carry no mrkdwn. */
export function createChosenScreen(people: Pick<People, 'screen'>, viewers: Pick<Viewers, 'maySee'>): ChosenScreen {
  return async (userId, interview, task) => {
    const screening = await people.screen([userId]);
    if (screening.external.length > 0) return `${screening.external[0]!.name} is from another organisation: pick someone of your own team to ${task}.`;
    if (screening.bots.length > 0) return `${screening.bots[0]!.name} is a bot: pick a person to ${task}.`;
    if (screening.unchecked.length > 0) return 'I could not check with Slack who that is just now; try again in a moment.';
    if (!(await viewers.maySee(userId, interview))) {
      return `That person is not a member of the private channel this vetting ran in, so they may not see it: pick a member to ${task}, or invite them there first.`;
    }
    return null;
  };
}
