// The App Home tab: how to use the bot and the user's interviews in progress.
import type { types } from '@slack/bolt';
import type { Interview } from '../../model.js';
import { USAGE } from './interview.js';
import { esc } from '../text.js';

export function renderHome(interviews: readonly { interview: Interview; link: string | null }[]): types.HomeView {
  const lines = interviews.map(({ interview: i, link }) => {
    const name = `*${esc(i.vendor.name)}*`;
    return `• ${link ? `<${link}|${esc(i.vendor.name)}>` : name} in <#${i.channelId}>, started ${i.startedAt.toISOString().slice(0, 10)}`;
  });
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'vet: vendor vetting' } },
      { type: 'section', text: { type: 'mrkdwn', text: USAGE } },
      { type: 'divider' },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: lines.length > 0 ? `*Your interviews in progress*\n${lines.join('\n')}` : '*Your interviews in progress*\nNone. Start one in a channel with `/vet start <vendor>`.' },
      },
    ],
  };
}
