// End to end: who sees a vendor vetted in a private channel, and what a channel shared with another organisation
// is shown. Signed requests to the real Bolt app, a real SQLite file, and the Slack stand-in answering
// conversations.info / conversations.members as Slack does. Interviews are set up by their lead (`/vet start`, then
// `/vet finish`), which is always allowed; what is checked is what each person then sees through `/vet list`,
// `/vet flags`, `/vet compare` (and its "Post to channel" button), `/vet report`, `/vet status` and the Home tab, and
// what a shared channel reads in a posted comparison, a re-vet's summary and its digest.
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelDirectory, sharedWithAnotherOrganisation } from '../src/slack/viewer.js';
import { allText } from './support/blocks.js';
import type { ClickTarget } from './support/slackClient.js';
import { memoryLogger, startTestApp, type TestApp } from './support/testApp.js';

const PRIVATE = 'G0SECRET';
const PUBLIC = 'C0PUBLIC';
/** A public channel shared with another organisation (Slack Connect): the vendor may read it. */
const SHARED = 'C0VENDOR';
/** Another internal public channel. */
const TEAM = 'C0TEAM';
const DM = 'D0ALICE';
/** Leads the interviews; a member of the private channel. */
const LEAD = 'U0ALICE';
/** A member of the private channel who took no part. */
const MEMBER = 'U0BOB';
/** In the workspace, not in the private channel. */
const OUTSIDER = 'U0CAROL';
const ADMIN = 'U0ADMIN';
/** From another organisation (Slack Connect). */
const GUEST = 'U0GUEST';
const GUEST_TEAM = 'T0OTHER';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function open(): Promise<void> {
  t = await startTestApp({ env: { VET_ADMINS: ADMIN } });
  t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, MEMBER] });
  t.fake.setChannel(SHARED, { isPrivate: false, botIsMember: true, shared: true });
}

const sectionTexts = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).filter((b: any) => b.type === 'section' && b.text).map((b: any) => b.text.text as string);
/** The vendor names of `/vet list` or the Home tab, in order. */
const listed = (m: { blocks?: any[] }): string[] => sectionTexts(m).flatMap((s) => (/^\*[^*]+\* · /.test(s) ? [s.slice(1, s.indexOf('* · '))] : []));

/** Sends `/vet <text>` and resolves to the answer Slack showed the user. */
async function command(text: string, userId: string, channelId = PUBLIC, userTeamId?: string): Promise<any> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId, channelId, ...(userTeamId && { userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

/** Starts a lite interview of `vendor` as its lead; resolves once its first question is posted. */
async function start(vendor: string, channelId: string, lead = LEAD): Promise<number> {
  const posts = t.fake.callsTo('chat.postMessage').length;
  expect((await t.slack.command(`start ${vendor} --lite`, { userId: lead, channelId })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').length >= posts + 2);
  const row = await t.db
    .selectFrom('interviews')
    .innerJoin('vendors', 'vendors.id', 'interviews.vendor_id')
    .select('interviews.id')
    .where('vendors.name', '=', vendor)
    .where('interviews.channel_id', '=', channelId)
    .orderBy('interviews.id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A completed vetting of `vendor`: started, then finished by its lead. */
async function vet(vendor: string, channelId: string, lead = LEAD): Promise<number> {
  const id = await start(vendor, channelId, lead);
  expect((await command(`finish ${vendor}`, lead, channelId)).text).toContain('Finished the interview');
  return id;
}

async function openFlags(interviewId: number): Promise<number> {
  return (await t.db.selectFrom('red_flags').select('id').where('interview_id', '=', interviewId).where('status', '=', 'open').execute()).length;
}

/** Publishes `userId`'s Home tab and resolves to it. The event names no team, as on Slack: the bot asks users.info. */
async function home(userId: string): Promise<any> {
  const before = t.fake.callsTo('views.publish').length;
  expect((await t.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.callsTo('views.publish').length > before);
  return t.fake.callsTo('views.publish').at(-1)!.params.view;
}

/** Clicks "Post to channel" in a comparison shown (ephemerally) in `channel`; resolves to the answers it got. */
async function postComparison(comparison: any, channel: string, userId: string, answers = 1): Promise<any[]> {
  const target: ClickTarget = { channel, ts: '1700000999.000100', blocks: comparison.blocks, ephemeral: true };
  const before = t.fake.responses.length;
  expect((await t.slack.click(target, { actionId: 'vet.compare.post' }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length >= before + answers);
  return t.fake.responses.slice(before).map((r) => r.body);
}

const comparisonsIn = (channel: string) => t.fake.messages({ channel }).filter((m) => allText(m).includes('Comparing'));

describe('a vendor vetted in a private channel', () => {
  it('is shown to its members, its lead and admins in every command and the Home tab, and to nobody else', async () => {
    await open();
    const hidden = await vet('Hidden Corp', PRIVATE);
    await vet('Open Inc', PUBLIC, OUTSIDER);
    const flags = await openFlags(hidden);
    expect(flags, 'the private vetting raised flags to hide').toBeGreaterThan(0);

    for (const who of [LEAD, MEMBER, ADMIN]) {
      const list = await command('list', who);
      expect(listed(list).sort(), who).toEqual(['Hidden Corp', 'Open Inc']);
      expect(sectionTexts(await command('flags Hidden Corp', who))[0], who).toBe(`*Hidden Corp*: ${flags} open red flag${flags === 1 ? '' : 's'}`);
      expect(sectionTexts(await command('compare "Hidden Corp" "Open Inc"', who))[0], who).toContain('Comparing *Hidden Corp* vs *Open Inc*');
      expect(listed(await home(who)).sort(), who).toEqual(['Hidden Corp', 'Open Inc']);
    }
    // A close name suggests it to those who may see it.
    expect((await command('flags hiden corp', MEMBER)).text).toBe('I know no vendor called "hiden corp". Did you mean "Hidden Corp"?');

    // The outsider sees the public vetting only, everywhere.
    const outsiderFrom = t.fake.responses.length;
    expect(listed(await command('list', OUTSIDER))).toEqual(['Open Inc']);
    expect(sectionTexts(await command('list', OUTSIDER))[0]).toBe('*Vendors* (1), worst risk first');
    const outsiderHome = await home(OUTSIDER);
    expect(listed(outsiderHome)).toEqual(['Open Inc']);
    expect(JSON.stringify(outsiderHome)).not.toContain('Hidden');
    expect(sectionTexts(await command('flags Open Inc', OUTSIDER))[0]).toMatch(/^\*Open Inc\*/);

    // Naming it gets exactly the answer a never-vetted name gets, and no suggestion gives it away.
    const asUnknown = async (template: string, channel = PUBLIC) => {
      const hiddenAnswer = await command(template.replace('NAME', 'Hidden Corp'), OUTSIDER, channel);
      const ghostAnswer = await command(template.replace('NAME', 'Ghost Corp'), OUTSIDER, channel);
      expect(JSON.stringify(hiddenAnswer), template).toBe(JSON.stringify(ghostAnswer).replaceAll('Ghost Corp', 'Hidden Corp'));
      return hiddenAnswer;
    };
    expect((await asUnknown('flags NAME')).text).toBe('I know no vendor called "Hidden Corp".');
    expect((await asUnknown('report NAME')).text).toBe('I know no vendor called "Hidden Corp".');
    expect((await asUnknown('status NAME')).text).toBe('I know no vendor called "Hidden Corp".');
    expect((await asUnknown('compare "NAME" "Open Inc"')).text).toContain('I know no vendor called "Hidden Corp".');
    expect((await command('flags hiden corp', OUTSIDER)).text).toBe('I know no vendor called "hiden corp".');
    expect((await command('compare hidden corp open inc', OUTSIDER)).text).not.toMatch(/Hidden Corp/);
    for (const r of t.fake.responses.slice(outsiderFrom)) expect(JSON.stringify(r.body)).not.toMatch(/did you mean \\"Hidden/i);
  });

  it('is reported only in its channel, to those who may see it; a public one to anyone, where it ran', async () => {
    await open();
    await vet('Hidden Corp', PRIVATE);
    await vet('Open Inc', PUBLIC);
    // A member asking elsewhere is sent to the private channel, which they may see.
    expect((await command('report Hidden Corp', MEMBER, PUBLIC)).text).toContain(`uploaded only in the channel where it was interviewed, <#${PRIVATE}>`);
    expect((await command('report Hidden Corp', MEMBER, PRIVATE)).text).toBe('Uploaded the report of *Hidden Corp* to this channel.');
    expect(t.fake.uploads.map((u) => u.channel)).toEqual([PRIVATE]);
    expect((await command('report Hidden Corp', OUTSIDER, PUBLIC)).text).toBe('I know no vendor called "Hidden Corp".');
    expect((await command('report Open Inc', OUTSIDER, PUBLIC)).text).toBe('Uploaded the report of *Open Inc* to this channel.');
    expect(t.fake.uploads.map((u) => u.channel)).toEqual([PRIVATE, PUBLIC]);
  });

  it('is posted in a comparison only where everyone may read it', async () => {
    await open();
    t.clock.set('2026-11-20T09:00:00Z');
    await vet('Hidden Corp', PRIVATE);
    await vet('Open Inc', PUBLIC);
    await vet('Quick Co', PUBLIC);

    // Posting into a public channel what was vetted only in a private one is refused, and nothing is posted.
    const mixed = await command('compare "Hidden Corp" "Open Inc"', MEMBER, PUBLIC);
    const [refusal] = await postComparison(mixed, PUBLIC, MEMBER);
    expect(refusal.text).toBe(
      '"Hidden Corp" was vetted only in private channels other than this one, so the comparison cannot be posted here, where everyone in the channel would read it. Compare other vendors, or post it from the channel where it was vetted.',
    );
    expect(comparisonsIn(PUBLIC)).toEqual([]);

    // In the private channel itself it may be posted.
    const inside = await command('compare "Hidden Corp" "Open Inc"', MEMBER, PRIVATE);
    expect((await postComparison(inside, PRIVATE, MEMBER))[0]).toEqual({ delete_original: true });
    expect(comparisonsIn(PRIVATE)).toHaveLength(1);

    // Open Inc re-vetted in the private channel: a member's comparison uses that interview, but the copy posted in
    // the public channel is the one everyone there sees, and the member is told it differs.
    t.clock.set('2026-11-22T10:00:00Z');
    await vet('Open Inc', PRIVATE);
    const memberView = await command('compare "Open Inc" "Quick Co"', MEMBER, PUBLIC);
    const everyoneView = await command('compare "Open Inc" "Quick Co"', OUTSIDER, PUBLIC);
    const answers = await postComparison(memberView, PUBLIC, MEMBER, 2);
    expect(answers[0]).toEqual({ delete_original: true });
    expect(answers[1].text).toBe('Posted. Interviews run in private channels other than this one are left out of the posted copy, so it differs from what you saw.');
    const [posted] = comparisonsIn(PUBLIC);
    expect(sectionTexts(posted!)).toEqual(sectionTexts(everyoneView));
  });

  it('follows Slack: a new member sees it after the cache minute, a channel Slack will not describe counts as private, a DM stays with its lead', async () => {
    await open();
    await start('Hidden Corp', PRIVATE);
    await start('Open Inc', PUBLIC, MEMBER);
    expect(listed(await command('list', OUTSIDER))).toEqual(['Open Inc']);

    // Added to the channel: Slack's answer is kept for a minute, then she sees it.
    t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, MEMBER, OUTSIDER] });
    t.clock.advance(30_000);
    expect(listed(await command('list', OUTSIDER))).toEqual(['Open Inc']);
    t.clock.advance(31_000);
    expect(listed(await command('list', OUTSIDER)).sort()).toEqual(['Hidden Corp', 'Open Inc']);

    // Slack fails to describe both channels: both count as private with no members known. Leads still see theirs.
    t.clock.advance(61_000);
    t.fake.failNext('conversations.info', { error: 'internal_error' }, 2);
    expect(listed(await command('list', OUTSIDER))).toEqual([]);
    expect(listed(await command('list', LEAD))).toEqual(['Hidden Corp']);
    expect(listed(await command('list', ADMIN)).sort()).toEqual(['Hidden Corp', 'Open Inc']);
    t.clock.advance(61_000);
    expect(listed(await command('list', OUTSIDER)).sort()).toEqual(['Hidden Corp', 'Open Inc']);

    // Vetted in a DM: the app cannot list who is in it, so only its lead and admins see it.
    await start('Whisper Ltd', DM);
    expect(listed(await command('list', LEAD))).toContain('Whisper Ltd');
    expect(listed(await command('list', ADMIN))).toContain('Whisper Ltd');
    expect(listed(await command('list', MEMBER))).not.toContain('Whisper Ltd');
    expect(t.fake.callsTo('conversations.members').map((c) => c.params.channel)).not.toContain(DM);
  });
});

describe('a re-vet in another channel', () => {
  it('compares only with a previous vetting its channel may see: not a private one, but a public one', async () => {
    await open();
    await vet('Hidden Corp', PRIVATE);
    const summaryOf = async (id: number) => {
      const { summary_ts, channel_id } = await t.db.selectFrom('interviews').select(['summary_ts', 'channel_id']).where('id', '=', id).executeTakeFirstOrThrow();
      return allText(t.fake.messages({ channel: channel_id }).find((m) => m.ts === summary_ts)!);
    };
    // Re-vetted in a public channel: the summary everyone there reads says nothing of the private vetting.
    const publicRevet = await vet('Hidden Corp', PUBLIC);
    expect(await summaryOf(publicRevet)).not.toContain('Since the previous interview');
    // Vetted once more in the private channel: the public vetting before it is compared.
    const privateRevet = await vet('Hidden Corp', PRIVATE);
    expect(await summaryOf(privateRevet)).toContain(`*Since the previous interview* (#${publicRevet},`);
  });
});

describe('a channel shared with another organisation', () => {
  const summaryOf = async (id: number) => {
    const { summary_ts, channel_id } = await t.db.selectFrom('interviews').select(['summary_ts', 'channel_id']).where('id', '=', id).executeTakeFirstOrThrow();
    return allText(t.fake.messages({ channel: channel_id }).find((m) => m.ts === summary_ts)!);
  };

  it('is posted a comparison only of vettings run in it: one from a public channel elsewhere is refused or left out, and the person is told', async () => {
    await open();
    t.clock.set('2026-11-20T09:00:00Z');
    await vet('Open Inc', PUBLIC);
    await vet('Vendor Co', SHARED);
    await vet('Quick Co', SHARED);

    // Open Inc was vetted only in an internal public channel: not for the eyes of another organisation.
    const mixed = await command('compare "Open Inc" "Vendor Co"', LEAD, SHARED);
    const [refusal] = await postComparison(mixed, SHARED, LEAD);
    expect(refusal.text).toBe(
      `"Open Inc" was vetted only in other channels, and this channel is, or may be, shared with another organisation: only vettings run in it may be posted here, where people outside your organisation would read them. Compare other vendors, or post it from one of your organisation's own channels.`,
    );
    expect(comparisonsIn(SHARED)).toEqual([]);
    // The same comparison may be posted in an internal public channel: a public vetting is the company's.
    const internal = await command('compare "Open Inc" "Vendor Co"', LEAD, PUBLIC);
    expect((await postComparison(internal, PUBLIC, LEAD))[0]).toEqual({ delete_original: true });
    expect(comparisonsIn(PUBLIC)).toHaveLength(1);

    // Vendor Co re-vetted in the internal channel: the person's comparison uses that vetting, but the copy posted in
    // the shared channel is the comparison of what ran there, and the person is told it differs.
    const ownOnly = await command('compare "Vendor Co" "Quick Co"', LEAD, SHARED);
    t.clock.set('2026-11-22T10:00:00Z');
    await vet('Vendor Co', PUBLIC);
    const seen = await command('compare "Vendor Co" "Quick Co"', LEAD, SHARED);
    const answers = await postComparison(seen, SHARED, LEAD, 2);
    expect(answers[0]).toEqual({ delete_original: true });
    expect(answers[1].text).toBe(
      'Posted. This channel is, or may be, shared with another organisation, so interviews run in other channels are left out of the posted copy, and it differs from what you saw.',
    );
    const [posted] = comparisonsIn(SHARED);
    expect(sectionTexts(posted!)).toEqual(sectionTexts(ownOnly));
  });

  it('is shown no previous vetting from another channel in a re-vet summary, even a public one', async () => {
    await open();
    const internal = await vet('Acme', PUBLIC);
    const sharedRevet = await vet('Acme', SHARED);
    expect(await summaryOf(sharedRevet)).not.toContain('Since the previous interview');
    expect(await summaryOf(sharedRevet)).not.toContain(`#${internal}`);
    // Vetted once more there: its own previous vetting is compared.
    const again = await vet('Acme', SHARED);
    expect(await summaryOf(again)).toContain(`*Since the previous interview* (#${sharedRevet},`);
    // An internal public channel still compares with the public vetting before it, wherever it ran.
    const teamRevet = await vet('Acme', TEAM);
    expect(await summaryOf(teamRevet)).toContain(`*Since the previous interview* (#${again},`);
  });

  it('gets a digest whose re-vetting dates come only from vettings run in it', async () => {
    await open();
    t.clock.set('2025-10-01T10:00:00Z');
    await vet('Acme', SHARED);
    await vet('Acme', TEAM);
    // Re-vetted since in an internal public channel.
    t.clock.set('2026-09-01T10:00:00Z');
    await vet('Acme', PUBLIC);
    t.clock.set('2026-11-23T08:00:00Z');
    const digestOf = async (channel: string) => {
      expect((await command('digest now', LEAD, channel)).text).toBe('Posted the red-flag digest to this channel.');
      return allText(
        t.fake
          .messages({ channel })
          .filter((m) => allText(m).includes('Red-flag digest'))
          .at(-1)!,
      );
    };
    const shared = await digestOf(SHARED);
    expect(shared).toContain('Due for re-vetting: last completed interview on 2025-10-01');
    expect(shared).not.toContain('2026-09-01');
    // An internal channel learns of the public re-vet: Acme is not due there.
    expect(await digestOf(TEAM)).not.toContain('Due for re-vetting');
  });
});

describe('whether Slack says a channel is shared with another organisation', () => {
  it('is read from conversations.info: only a channel Slack states is not externally shared is internal; org-shared in one Enterprise Grid is', async () => {
    expect(sharedWithAnotherOrganisation({ is_shared: false, is_ext_shared: false, is_org_shared: false, is_pending_ext_shared: false })).toBe(false);
    expect(sharedWithAnotherOrganisation({ is_shared: true, is_ext_shared: false, is_org_shared: true })).toBe(false);
    expect(sharedWithAnotherOrganisation({ is_shared: true, is_ext_shared: true, is_org_shared: false })).toBe(true);
    expect(sharedWithAnotherOrganisation({ is_shared: true, is_ext_shared: true, is_org_shared: true })).toBe(true);
    // About to be shared externally: Slack advises treating it as shared.
    expect(sharedWithAnotherOrganisation({ is_shared: false, is_ext_shared: false, is_pending_ext_shared: true })).toBe(true);
    // Shared between workspaces, but Slack does not say they are one organisation's.
    expect(sharedWithAnotherOrganisation({ is_shared: true, is_ext_shared: false })).toBe(true);
    // Not stated at all, as for a DM.
    expect(sharedWithAnotherOrganisation({ is_org_shared: false })).toBe(true);

    // Asked once a minute per channel; a channel Slack will not describe counts as shared.
    await open();
    const logger = memoryLogger();
    const directory = createChannelDirectory(new WebClient('xoxb-t', { slackApiUrl: t.fake.apiUrl }), t.clock, logger);
    expect(await directory.shared(SHARED)).toBe(true);
    expect(await directory.shared(TEAM)).toBe(false);
    t.clock.advance(61_000);
    t.fake.failNext('conversations.info', { error: 'internal_error' });
    expect(await directory.shared(TEAM)).toBe(true);
    expect(logger.lines.at(-1)).toContain(`cannot tell whether channel ${TEAM} is private or shared with another organisation (internal_error)`);
    // The failure is remembered for the minute, like an answer.
    expect(await directory.shared(TEAM)).toBe(true);
    t.clock.advance(61_000);
    expect(await directory.shared(TEAM)).toBe(false);
    expect(t.fake.callsTo('conversations.info').filter((c) => c.params.channel === TEAM)).toHaveLength(3);
  });
});

describe('a vendor whose only start was withdrawn', () => {
  it('is shown to nobody: it exists only through interviews someone may see', async () => {
    await open();
    t.fake.setChannel('G0GONE', { isPrivate: true, botIsMember: false, members: [LEAD] });
    expect((await command('start Phantom Labs --lite', LEAD, 'G0GONE')).text).toContain('I am not a member of this private channel');
    for (const who of [LEAD, OUTSIDER, ADMIN]) {
      expect(sectionTexts(await command('list', who)), who).toEqual(['No vendors yet. Start with `/vet start <vendor>`.']);
      expect((await command('flags Phantom Labs', who)).text, who).toBe('I know no vendor called "Phantom Labs".');
    }
  });
});

describe('a person from another organisation', () => {
  it('sees no vetting at all, not even a public one, in commands or the Home tab', async () => {
    await open();
    await vet('Open Inc', PUBLIC);
    expect(listed(await command('list', OUTSIDER))).toEqual(['Open Inc']);

    // One line, whatever the command: what vet is, and nothing of any vetting (issue 21).
    const line = 'vet is the vendor-vetting assistant of the team that uses it; if you are answering their questions in a shared channel, your answers go to the team that asked.';
    expect(sectionTexts(await command('list', GUEST, PUBLIC, GUEST_TEAM))).toEqual([line]);
    for (const text of ['flags Open Inc', 'report open inc', 'flags open']) expect((await command(text, GUEST, PUBLIC, GUEST_TEAM)).text, text).toBe(line);
    // Slack knows the guest's team; the Home tab's event does not carry it.
    t.fake.setUser(GUEST, { teamId: GUEST_TEAM });
    const guestHome = await home(GUEST);
    expect(t.fake.callsTo('users.info').map((c) => c.params.user)).toContain(GUEST);
    expect(listed(guestHome)).toEqual([]);
    expect(JSON.stringify(guestHome)).not.toContain('Open Inc');
    expect(JSON.stringify(guestHome)).toContain(line);
    expect(t.fake.uploads).toEqual([]);
  });
});

describe('a vendor name typed again elsewhere', () => {
  it('is a vetting of the name as typed: no spelling, score or flag of a private vetting of that name reaches those who may not see it', async () => {
    await open();
    await vet('Secret Co', PRIVATE);
    const seenBefore = { posts: t.fake.calls.length, responses: t.fake.responses.length };
    // Someone outside the private channel starts "the same" vendor, in another case, in a public channel.
    const posts = t.fake.callsTo('chat.postMessage').length;
    expect((await t.slack.command('start SECRET co --lite', { userId: OUTSIDER, channelId: PUBLIC })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').length >= posts + 2);
    expect((await command('finish SECRET co', OUTSIDER)).text).toContain('Finished the interview of *SECRET co*');
    const list = await command('list', OUTSIDER);
    expect(listed(list)).toEqual(['SECRET co']);
    const status = await command('status SECRET co', OUTSIDER);
    const report = await command('flags secret CO', OUTSIDER);
    // Everything the outsider and the public channel were shown since: the parent, questions, summary, answers.
    const shown = JSON.stringify([t.fake.calls.slice(seenBefore.posts).map((c) => c.params), t.fake.responses.slice(seenBefore.responses), status, report]);
    expect(shown).toContain('SECRET co');
    expect(shown).not.toContain('Secret Co');
    // A member of the private channel sees one vendor, named as in the latest vetting they may see.
    expect(listed(await command('list', MEMBER))).toEqual(['SECRET co']);
    expect(allText(await command('flags Secret Co', MEMBER))).toContain('SECRET co');
    // The private vetting still shows its own spelling in its channel.
    expect(allText(await command('list', MEMBER, PRIVATE))).toContain('SECRET co');
  });
});
