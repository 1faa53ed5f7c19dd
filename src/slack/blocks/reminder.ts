// The reminder a chaser gets when they may no longer see the vetting (they left its private channel): it says that
// something they chase is due, and names nothing of it, neither the vendor nor the question.
import type { ChasedRequest } from '../../flows/evidence.js';
import type { RenderedMessage } from './message.js';

export function renderUnnamedReminder(c: ChasedRequest): RenderedMessage {
  const when = c.daysOverdue === 0 ? 'due today' : `overdue by ${c.daysOverdue} day${c.daysOverdue === 1 ? '' : 's'}`;
  const text = `:bell: Evidence you were asked to chase is ${when}, in a vetting of a private channel you are not a member of (any more), so I cannot say which. Ask the vetting's lead, <@${c.interview.startedBy}>, to add you to the channel or to pick another chaser.`;
  return { text: `Evidence you chase is ${c.daysOverdue === 0 ? 'due today' : 'overdue'}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
