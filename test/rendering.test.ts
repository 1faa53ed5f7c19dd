// What Slack receives, through signed requests to the real app: a name typed with mrkdwn in it shows as clean bold
// text, and a rating is confirmed to the person who clicked it.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from './support/fakeSlack.js';
import { isQuestion, mrkdwnTexts } from './support/blocks.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
/** In the workspace, named in no vetting. */
const CAROL = 'U0CAROL';
let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** What a person types, as Slack sends it with its escaping on. */
const typed = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const postCount = () => t.fake.callsTo('chat.postMessage').length;

async function start(text: string): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text}`, { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

/** A command's reply to the person who typed it (Slack's response_url). */
async function reply(text: string): Promise<string> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return JSON.stringify(t.fake.responses.slice(before).map((r) => r.body));
}

const sectionTexts = (m: { blocks?: any[] }) => (m.blocks ?? []).flatMap((b: any) => (b.type === 'section' && b.text ? [b.text.text as string] : []));

describe('a vendor name typed with mrkdwn in it', () => {
  const NAME = '*<!channel>* _x_ <https://evil|click>';
  // Each marker is shown by its look-alike (∗ ˍ ∼ ˋ) and &, <, > as entities: the bold around it is its only formatting.
  const SHOWN = '*∗&lt;!channel&gt;∗ ˍxˍ &lt;https://evil|click&gt;*';

  it('is bold, and only bold, in the start message, /vet list and the finish confirmation, and never pings or links', async () => {
    t = await startTestApp();
    const parent = await start(`${typed(NAME)} --lite`);
    const started = sectionTexts(parent).find((x) => x.includes('started a *lite* interview of'))!;
    expect(started).toMatch(new RegExp(`^<@${LEAD}> started a \\*lite\\* interview of ${SHOWN.replace(/[*|]/g, '\\$&')} \\(`));

    const listed = JSON.parse(await reply('list'))[0];
    expect(sectionTexts(listed).join('\n')).toContain(`\n${SHOWN} · model not set · no completed interview`);

    // Copied from the bold text back into a command, the name is the vendor's.
    const finished = await reply(`finish ${typed('∗<!channel>∗ ˍxˍ <https://evil|click>')}`);
    expect(finished).toContain(`Finished the interview of ${SHOWN}; the summary is in the thread and the channel.`.replace(/"/g, '\\"'));

    // What Slack parses: every mrkdwn text and fallback text (plain_text, as in the header, shows as typed).
    for (const m of [...t.fake.messages({ channel: CHANNEL }), ...t.fake.responses.map((r) => r.body)]) {
      const all = mrkdwnTexts(m).join('\n');
      expect(all).not.toContain('<!channel>');
      expect(all).not.toContain('<https://evil');
      // No marker of the name is left beside the bot's own: "**" never opens or closes anything.
      expect(all).not.toContain('**');
    }
  });
});

describe('a rating', () => {
  it('is confirmed to the person who clicked it, in the thread, naming the rating that counts for them', async () => {
    t = await startTestApp();
    const parent = await start(`Acme Dev --lite --with <@${BOB}|bob>`);
    const q = t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).filter(isQuestion).at(-1)!;
    const title = (q.blocks as any[]).find((b) => b.type === 'section').text.text.split('\n')[0] as string;
    const rungs = (q.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : [])).filter((e: any) => e.action_id.startsWith('vet.rate.'));
    const said = (user: string) => t.fake.ephemerals.filter((e) => e.user === user);
    const clickRate = async (user: string, level: number) => {
      const before = t.fake.ephemerals.length;
      expect((await t.slack.click(q, { actionId: `vet.rate.${level}` }, { userId: user })).status).toBe(200);
      await t.fake.waitFor(() => t.fake.ephemerals.length > before);
      return t.fake.ephemerals.at(-1)!;
    };

    const mine = await clickRate(LEAD, 2);
    expect(mine).toMatchObject({ channel: CHANNEL, user: LEAD, thread_ts: parent.ts });
    expect(sectionTexts(mine)).toEqual([`:white_check_mark: You rated *Q1 · ${title.slice(1, -1)}*: *${rungs[2].text.text}*. To change it, click another rating; only your latest one counts.`]);

    // Changed: the new rating is named. Bob's own click is confirmed to Bob alone.
    expect(sectionTexts(await clickRate(LEAD, 3))[0]).toContain(`: *${rungs[3].text.text}*.`);
    expect(sectionTexts(await clickRate(BOB, 1))[0]).toContain(`: *${rungs[1].text.text}*.`);
    expect(said(LEAD)).toHaveLength(2);
    expect(said(BOB)).toHaveLength(1);

    // Someone who may not rate is told why, and nothing says a rating was recorded.
    const refused = await clickRate(CAROL, 2);
    expect(JSON.stringify(refused)).not.toContain('You rated');
  });

  it('is confirmed before the next question is posted below it, and a confirmation Slack refuses does not hold the next question back', async () => {
    t = await startTestApp();
    const parent = await start('Acme Dev --lite');
    const thread = () => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).filter(isQuestion);
    const methods = () => t.fake.calls.map((c) => c.method);
    const rate = async (q: FakeMessage) => {
      const from = t.fake.calls.length;
      expect((await t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: LEAD })).status).toBe(200);
      return methods().slice(from);
    };

    // The update of the rated question goes out beside them, so only the confirmation's place before the post is fixed.
    const first = await rate(thread().at(-1)!);
    expect(first.filter((m) => m !== 'chat.update')).toEqual(['chat.postEphemeral', 'chat.postMessage']);
    expect(first).toContain('chat.update');
    expect(thread()).toHaveLength(2);

    t.fake.failNext('chat.postEphemeral', { error: 'user_not_in_channel' });
    const second = await rate(thread().at(-1)!);
    expect(second).toContain('chat.postMessage');
    expect(thread()).toHaveLength(3);
    const q2 = thread()[1]!;
    expect(JSON.stringify(q2.blocks)).toContain('<@U0ALICE>');
  });
});
