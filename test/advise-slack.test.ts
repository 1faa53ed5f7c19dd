// End to end: `/vet advise`, the engagement-model decision, through the real Bolt app (signed requests), a real
// database and the Slack stand-in: the checklist modal, the recommendation in the channel or only to the asker,
// validation, "Start vetting with this model" and its vendor modal, `/vet advise list`, and what the report says.
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKLIST, type ChecklistAnswers } from '../src/advisor/checklist.js';
import { listAudit } from '../src/store/audit.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { allText, elements, isQuestion, mrkdwnTexts } from './support/blocks.js';
import { eventually } from './support/wait.js';
import { CORE_TEAM, checklistValues } from './support/checklist.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VET';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const VENDOR_USER = 'U0VENDOR';
const VENDOR_TEAM = 'T0VENDOR';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A defined, bounded project delivered end to end: agency, managed services runner-up. */
const BOUNDED_PROJECT: ChecklistAnswers = {
  core: 'adjacent',
  size: 'project',
  definition: 'fixed',
  dependencies: 'isolated',
  manager: 'product',
  pm: 'adequate',
  time: 'some',
  sensitivity: 'moderate',
  regulated: 'no',
  certifications: 'preferred',
  'risk-owner': 'sow',
  duration: 'months',
  scaling: 'stable',
  knowledge: 'documented',
  'lock-in': 'some',
  pricing: 'fixed-price',
};

/** Offloading a stable non-core function under an SLA, with a team that must double within weeks: one conflict. */
const OFFLOADED: ChecklistAnswers = {
  ...BOUNDED_PROJECT,
  core: 'non-core',
  size: 'programme',
  manager: 'vendor',
  time: 'none',
  'risk-owner': 'sla',
  duration: 'years',
  scaling: 'burst',
  knowledge: 'little',
  'lock-in': 'high',
  pricing: 'fixed-fee',
};

const formValues = checklistValues;

const topLevel = (channel = CHANNEL) => t.fake.messages({ channel }).filter((m) => !m.thread_ts);
const postCount = () => t.fake.callsTo('chat.postMessage').length;

/** `/vet <text>`, resolving to its ephemeral answer. */
async function command(text: string, opts: { userId?: string; channelId?: string; userTeamId?: string } = {}): Promise<any> {
  const before = t.fake.responses.length;
  const reply = await t.slack.command(text, { userId: opts.userId ?? ALICE, channelId: opts.channelId ?? CHANNEL, ...(opts.userTeamId && { userTeamId: opts.userTeamId }) });
  expect(reply.status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

/** `/vet advise`: the checklist modal Slack was asked to open. */
async function openChecklist(userId = ALICE, channelId = CHANNEL) {
  const before = t.fake.views.length;
  expect((await t.slack.command('advise', { userId, channelId, triggerId: 'trigger-advise' })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.views.length > before);
  return t.fake.views.at(-1)!;
}

/** Opens the checklist, answers it and waits for the recommendation to be posted in the channel. */
async function decideInChannel(answers: ChecklistAnswers, userId = ALICE, channelId = CHANNEL): Promise<FakeMessage> {
  const modal = await openChecklist(userId, channelId);
  const before = postCount();
  const reply = await t.slack.submitView(modal.view, formValues(answers), { userId, viewId: modal.id });
  expect(reply.json()).toBeUndefined();
  await t.fake.waitFor(() => postCount() > before);
  return topLevel(channelId).at(-1)!;
}

/** Opens the checklist, answers "only me", and resolves to what the command's response_url was sent. */
async function decideOnlyForMe(answers: ChecklistAnswers, userId = ALICE): Promise<any> {
  const modal = await openChecklist(userId);
  const before = t.fake.responses.length;
  expect((await t.slack.submitView(modal.view, formValues(answers, 'asker'), { userId, viewId: modal.id })).json()).toBeUndefined();
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

async function decisionRows() {
  return t.db.selectFrom('engagement_decisions').selectAll().orderBy('id').execute();
}

/** The decisions once the last one knows its message: the bot records it right after Slack answers the post. */
async function decisionRowsOncePosted() {
  const deadline = Date.now() + 3000;
  for (;;) {
    const rows = await decisionRows();
    if (rows.at(-1)?.message_ts) return rows;
    if (Date.now() > deadline) throw new Error('timed out waiting for the decision to record its message');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Clicks "Start vetting with this model" and resolves to the vendor modal it opens. */
async function clickStart(message: { channel: string; ts: string; blocks?: any[]; ephemeral?: boolean }, userId = ALICE) {
  const before = t.fake.views.length;
  expect((await t.slack.click({ ...message, ephemeral: message.ephemeral === true } as any, { actionId: 'vet.advise.start' }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.views.length > before);
  return t.fake.views.at(-1)!;
}

const sections = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).filter((b: any) => b.type === 'section').map((b: any) => b.text.text as string);

describe('/vet advise: the checklist and the recommendation', () => {
  it('opens the checklist in four sections, and posts a recommendation stated plainly first, row by row, with the button', async () => {
    t = await startTestApp();
    const modal = await openChecklist();
    const open = t.fake.callsTo('views.open').at(-1)!;
    expect(open.params.trigger_id).toBe('trigger-advise');
    const view = modal.view;
    expect(view.callback_id).toBe('vet.advise');
    // Where the recommendation goes is kept server-side: the modal carries only an id for it.
    expect(JSON.parse(view.private_metadata)).toEqual({ reply: expect.any(String) });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.filter((b: any) => b.type === 'header').map((b: any) => b.text.text)).toEqual([
      '1. Project and scope',
      '2. Internal capacity and management',
      '3. Risk, governance and compliance',
      '4. Scalability and long-term strategy',
    ]);
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    expect(inputs.map((b: any) => b.block_id)).toEqual([...CHECKLIST.map((q) => `advise.${q.id}`), 'advise.where']);
    expect(inputs.every((b: any) => b.element.type === 'radio_buttons')).toBe(true);
    // Answer what you know: the checklist's questions may be left open, where the answer goes may not.
    expect(inputs.map((b: any) => b.optional === true)).toEqual([...CHECKLIST.map(() => true), false]);
    for (const b of inputs) for (const o of b.element.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    expect(inputs.at(-1).element.initial_option.value).toBe('channel');

    const before = postCount();
    expect((await t.slack.submitView(view, formValues(CORE_TEAM), { userId: ALICE, viewId: modal.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => postCount() > before);
    const posted = topLevel().at(-1)!;
    expect(posted.text).toBe('Recommended: Staff augmentation · runner-up: Agency');
    expect(posted.blocks![0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Recommended: Staff augmentation · runner-up: Agency' } });
    expect(posted.blocks!.length).toBeLessThanOrEqual(50);
    const text = sections(posted).join('\n');
    // Every row of the decision matrix, with what each model is like there and the answers that weighed.
    for (const row of ['Control and integration', 'Accountability and risk', 'Cost and pricing model', 'Scalability and speed', 'Process maturity and governance', 'Knowledge retention', 'Best for']) {
      expect(text).toContain(`*${row}* · Staff augmentation `);
    }
    expect(text).toContain('*Control and integration* · Staff augmentation +13 · Agency \u22123');
    expect(text).toContain('• _Staff augmentation_: high: the people work inside your team, under your leads');
    expect(text).toContain('_Your answers:_ the work is core to your product (+3 / \u22121); it means daily work with your engineers (+4 / \u22122)');
    expect(text).toContain('*Cost and pricing model* · Staff augmentation +4 · Agency 0');
    expect(text).toContain('*Guard against: Bait and switch.* With staff augmentation, the senior people you interviewed');
    expect(text).toContain('*Ask these first*: the questions of the `standard` bank that matter most for staff augmentation:');
    expect(text).not.toContain('Conflict');
    expect(elements(posted)).toEqual([expect.objectContaining({ type: 'button', action_id: 'vet.advise.start', value: '1', text: { type: 'plain_text', text: 'Start vetting with this model' } })]);

    const [row] = await decisionRowsOncePosted();
    expect(row).toMatchObject({ id: 1, channel_id: CHANNEL, asked_by: ALICE, visibility: 'channel', recommended: 'staff-augmentation', runner_up: 'agency', message_ts: posted.ts });
    expect(new Date(row!.asked_at).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(JSON.parse(row!.answers_json)).toEqual(CORE_TEAM);
    expect(JSON.parse(row!.result_json)).toMatchObject({ recommended: 'staff-augmentation', runnerUp: 'agency', bank: { id: 'standard' } });
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'detail_json']).where('action', '=', 'engagement.decided').execute();
    expect(audit).toEqual([{ actor: ALICE, action: 'engagement.decided', detail_json: JSON.stringify({ decisionId: 1, recommended: 'staff-augmentation', runnerUp: 'agency' }) }]);
  });

  it('names conflicting answers plainly and still recommends', async () => {
    t = await startTestApp();
    const posted = await decideInChannel({ ...CORE_TEAM, manager: 'nobody', time: 'none', sensitivity: 'high', pricing: 'lowest-rate' });
    const text = sections(posted).join('\n');
    expect(text).toContain(':warning: *Your answers conflict in 3 ways*: settle them before you decide (below).');
    expect(text).toContain(
      ':warning: *Conflict: Full control, but nobody to manage.*\nOn one side, it means daily work with your engineers; all the knowledge must stay in-house; you can tolerate no lock-in. On the other, nobody is identified to manage them; your managers have almost no time for them.',
    );
    expect(text).toContain(':warning: *Conflict: Sensitive or regulated work at the lowest rate.*\nOn one side, the data and code are highly sensitive. On the other, you want the lowest rate.');
    expect(text).toContain(':warning: *Conflict: A large programme at the lowest rate.*');
    expect(posted.text).toMatch(/^Recommended: /);
  });

  it('shows the recommendation only to the asker when asked, through the command, and posts nothing in the channel', async () => {
    t = await startTestApp();
    const before = postCount();
    const answer = await decideOnlyForMe(CORE_TEAM);
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Recommended: Staff augmentation · runner-up: Agency' });
    expect(allText(answer)).toContain('only you see it');
    expect(postCount()).toBe(before);
    expect((await decisionRows()).map((r) => [r.visibility, r.message_ts])).toEqual([['asker', null]]);
  });

  it('keeps the modal open, naming the answers needed first that were left open, and records nothing', async () => {
    t = await startTestApp();
    const modal = await openChecklist();
    // Pricing may be left open; the size of the work and who manages it may not.
    const reply = await t.slack.submitView(modal.view, formValues({ ...CORE_TEAM, size: undefined, manager: undefined, pricing: undefined }, null), { userId: ALICE, viewId: modal.id });
    expect(reply.json()).toEqual({
      response_action: 'errors',
      errors: {
        'advise.size': 'Needed first: nothing can be recommended without this answer.',
        'advise.manager': 'Needed first: nothing can be recommended without this answer.',
        'advise.where': 'Say where the recommendation should go.',
      },
    });
    // An empty checklist recommends nothing: every answer needed first is named.
    const empty = await t.slack.submitView(modal.view, formValues({}), { userId: ALICE, viewId: modal.id });
    expect(Object.keys(empty.json().errors)).toEqual(['advise.size', 'advise.core', 'advise.manager', 'advise.time', 'advise.risk-owner', 'advise.sensitivity', 'advise.regulated']);
    // An answer the checklist does not know (a form from an older version, or forged) is named too.
    const state = {
      ...Object.fromEntries(CHECKLIST.map((q) => [`advise.${q.id}`, { [`advise.${q.id}`]: { type: 'radio_buttons', selected_option: { value: CORE_TEAM[q.id] } } }])),
      'advise.where': { 'advise.where': { type: 'radio_buttons', selected_option: { value: 'channel' } } },
      'advise.core': { 'advise.core': { type: 'radio_buttons', selected_option: { value: 'everything' } } },
    };
    expect((await t.slack.submitViewState(modal.view, state, { userId: ALICE, viewId: modal.id })).json()).toEqual({
      response_action: 'errors',
      errors: { 'advise.core': 'That answer is not one I know any more: pick one again.' },
    });
    // A modal without its metadata cannot say where to answer.
    expect((await t.slack.submitView({ ...modal.view, private_metadata: '' }, formValues(CORE_TEAM), { userId: ALICE, viewId: modal.id })).json()).toEqual({
      response_action: 'errors',
      errors: { 'advise.where': 'This form is not one I can answer any more (it may be older than 30 minutes): close it and run /vet advise again.' },
    });
    expect(await decisionRows()).toEqual([]);
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('refuses someone from another organisation before the checklist opens, and at submission', async () => {
    t = await startTestApp();
    t.fake.setUser(VENDOR_USER, { teamId: VENDOR_TEAM });
    const refused = await command('advise', { userId: VENDOR_USER, userTeamId: VENDOR_TEAM });
    expect(refused.text).toContain('You are signed in from another organisation (a Slack Connect channel), so you cannot ask for or see engagement-model advice here');
    expect(t.fake.callsTo('views.open')).toEqual([]);
    expect((await command('advise list', { userId: VENDOR_USER, userTeamId: VENDOR_TEAM })).text).toContain('cannot ask for or see engagement-model advice');
    // A checklist opened by someone else and submitted by them is refused in the modal.
    const modal = await openChecklist();
    const reply = await t.slack.submitView(modal.view, formValues(CORE_TEAM), { userId: VENDOR_USER, userTeamId: VENDOR_TEAM, viewId: modal.id });
    expect(reply.json()).toMatchObject({ response_action: 'errors', errors: { 'advise.where': expect.stringContaining('another organisation') } });
    expect(await decisionRows()).toEqual([]);
  });

  it('where the bot is not a member, answers in the channel through the command instead', async () => {
    t = await startTestApp();
    t.fake.setChannel('C0PRIV', { isPrivate: true, botIsMember: false, members: [ALICE] });
    const modal = await openChecklist(ALICE, 'C0PRIV');
    const before = t.fake.responses.length;
    await t.slack.submitView(modal.view, formValues(CORE_TEAM), { userId: ALICE, viewId: modal.id });
    await t.fake.waitFor(() => t.fake.responses.length > before);
    expect(t.fake.responses.at(-1)!.body).toMatchObject({ response_type: 'in_channel', text: 'Recommended: Staff augmentation · runner-up: Agency' });
    expect((await decisionRows()).map((r) => [r.channel_id, r.visibility, r.message_ts])).toEqual([['C0PRIV', 'channel', null]]);
  });

  it('explains what follows /vet advise when it is not "list"', async () => {
    t = await startTestApp();
    const answer = await command('advise freelancers *please*');
    expect(answer.text).toContain('I read "freelancers \u200B*\u200Bplease\u200B*\u200B" after `/vet advise`, which takes nothing but `list`:');
    expect(answer.text).toContain('• `/vet advise` opens the engagement-model checklist');
    expect(answer.text).toContain('• `/vet advise list` lists the decisions made so far');
    expect(t.fake.callsTo('views.open')).toEqual([]);
    // Help names it too.
    expect((await command('help')).text).toContain('`/vet advise`');
  });
});

describe('Start vetting with this model', () => {
  it('asks for the vendor, checks it as /vet start does, starts the vetting with the model, and names the decision in the report', async () => {
    t = await startTestApp();
    const decision = await decideInChannel(CORE_TEAM);
    const modal = await clickStart(decision, BOB);
    expect(modal.view.callback_id).toBe('vet.advise.start');
    expect(JSON.parse(modal.view.private_metadata)).toEqual({ decisionId: 1, reply: expect.any(String) });
    expect(mrkdwnTexts(modal)).toContain(
      `From engagement-model decision #1 of 22 Nov 2026 by <@${ALICE}>: *Recommended: Staff augmentation · runner-up: Agency*.\nThe vetting runs in <#${CHANNEL}>, and you lead it.`,
    );
    const models = modal.view.blocks.find((b: any) => b.block_id === 'advise.model').element;
    expect(models.options.map((o: any) => [o.value, o.text.text])).toEqual([
      ['staff-augmentation', 'Staff augmentation (recommended)'],
      ['agency', 'Agency (runner-up)'],
    ]);
    expect(models.initial_option.value).toBe('staff-augmentation');

    const submit = (values: Record<string, string | string[] | null>) => t.slack.submitView(modal.view, values, { userId: BOB, viewId: modal.id });
    expect((await submit({ 'advise.vendor': '   ' })).json()).toEqual({ response_action: 'errors', errors: { 'advise.vendor': 'Name the vendor to vet.' } });
    expect((await submit({ 'advise.vendor': '*** ---' })).json()).toEqual({ response_action: 'errors', errors: { 'advise.vendor': 'The vendor name needs at least one letter or digit.' } });
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);

    const before = postCount();
    expect((await submit({ 'advise.vendor': '  Acme   Dev ', 'advise.variant': 'lite', 'advise.evaluators': [CAROL] })).json()).toBeUndefined();
    await t.fake.waitFor(() => postCount() >= before + 2);
    const parent = topLevel().at(-1)!;
    expect(allText(parent)).toContain(`<@${BOB}> started a *lite* interview of *Acme Dev* (Staff augmentation, from engagement-model decision #1)`);
    expect(allText(parent)).toContain(`*Evaluators:* <@${BOB}> (leads), <@${CAROL}>.`);
    expect(t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).filter(isQuestion)).toHaveLength(1);
    const interview = await t.db.selectFrom('interviews').select(['id', 'model', 'variant', 'decision_id', 'started_by']).executeTakeFirstOrThrow();
    expect(interview).toMatchObject({ model: 'staff-augmentation', variant: 'lite', decision_id: 1, started_by: BOB });
    expect((await listAudit(t.db, interview.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['interview.started', 'interview.decision']));

    // The same vendor again, while its vetting runs: the modal says so and starts nothing.
    const again = await clickStart(decision, ALICE);
    expect((await t.slack.submitView(again.view, { 'advise.vendor': 'acme dev' }, { userId: ALICE, viewId: again.id })).json()).toEqual({
      response_action: 'errors',
      errors: { 'advise.vendor': 'Acme Dev already has an interview in progress in this channel: finish it (/vet finish Acme Dev) or name another vendor.' },
    });

    const uploads = t.fake.uploads.length;
    expect((await t.slack.command('report Acme Dev', { userId: BOB, channelId: CHANNEL })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.uploads.length > uploads);
    expect(t.fake.uploads.at(-1)!.content).toContain(
      `- Engagement model: Staff augmentation, from the engagement-model decision #1 of 2026-11-22 by User ${ALICE} (${ALICE}) (recommended Staff augmentation, runner-up Agency)`,
    );
  });

  it('starts with the runner-up when picked, and refuses evaluators who may not evaluate in the modal', async () => {
    t = await startTestApp();
    t.fake.setUser(VENDOR_USER, { teamId: VENDOR_TEAM, realName: 'Vera Vendor' });
    const decision = await decideInChannel(CORE_TEAM);
    const modal = await clickStart(decision, ALICE);
    const refused = await t.slack.submitView(modal.view, { 'advise.vendor': 'Globex', 'advise.evaluators': [VENDOR_USER] }, { userId: ALICE, viewId: modal.id });
    expect(refused.json()).toMatchObject({ response_action: 'errors', errors: { 'advise.evaluators': expect.stringContaining('Vera Vendor is from another organisation') } });
    const before = postCount();
    await t.slack.submitView(modal.view, { 'advise.vendor': 'Globex', 'advise.model': 'agency' }, { userId: ALICE, viewId: modal.id });
    await t.fake.waitFor(() => postCount() >= before + 2);
    expect(allText(topLevel().at(-1)!)).toContain('interview of *Globex* (Agency, from engagement-model decision #1)');
    expect(await t.db.selectFrom('interviews').select(['model', 'variant', 'decision_id']).execute()).toEqual([{ model: 'agency', variant: 'standard', decision_id: 1 }]);
  });

  it('opens from a recommendation shown only to the asker, and only for them', async () => {
    t = await startTestApp();
    const answer = await decideOnlyForMe(CORE_TEAM);
    // Slack sends no message content for a click in an ephemeral message, only where it was.
    const ephemeral = { channel: CHANNEL, ts: '1700000999.000100', blocks: answer.blocks, ephemeral: true };
    const modal = await clickStart(ephemeral, ALICE);
    expect(modal.view.callback_id).toBe('vet.advise.start');
    // Started from it, the vetting's report names the decision but keeps what was asked private.
    await t.slack.submitView(modal.view, { 'advise.vendor': 'Initech' }, { userId: ALICE, viewId: modal.id });
    await eventually('the vetting', async () => (await t.db.selectFrom('interviews').select('id').executeTakeFirst()) ?? null);
    const uploads = t.fake.uploads.length;
    await t.slack.command('report Initech', { userId: BOB, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.uploads.length > uploads);
    // The command's own answer comes after the upload: wait for it, so the answers counted below are the button's.
    await t.fake.waitFor(() => t.fake.responses.some((r) => String(r.body.text).startsWith('Uploaded the report of *Initech*')));
    const report = t.fake.uploads.at(-1)!.content;
    expect(report).toContain('from the engagement-model decision #1 (kept private by the person who asked)');
    expect(report).not.toContain('runner-up');
    // Someone else with the same button (a forged or copied payload) is told it is gone, and no modal opens.
    const views = t.fake.views.length;
    const responses = t.fake.responses.length;
    await t.slack.click({ ...ephemeral } as any, { actionId: 'vet.advise.start' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    expect(t.fake.responses.at(-1)!.body.text).toBe('That decision is no longer there; run `/vet advise` again.');
    expect(t.fake.views.length).toBe(views);
    // Nor does the button open the decision in another channel than its own.
    await t.slack.click({ ...ephemeral, channel: 'C0OTHER' } as any, { actionId: 'vet.advise.start' }, { userId: ALICE });
    await t.fake.waitFor(() => t.fake.responses.length > responses + 1);
    expect(t.fake.responses.at(-1)!.body.text).toBe('That decision is no longer there; run `/vet advise` again.');
  });
});

describe('/vet advise list', () => {
  it('says there is none yet, and how to make one', async () => {
    t = await startTestApp();
    expect((await command('advise list')).text).toBe(
      'There is no engagement-model decision you can see yet. `/vet advise` opens the checklist: answer it and I recommend an engagement model, with a runner-up and why.',
    );
  });

  it('lists one line per decision, newest first, to those who may see each', async () => {
    t = await startTestApp();
    t.fake.setChannel('C0PRIV', { isPrivate: true, botIsMember: true, members: [ALICE, CAROL] });
    await decideInChannel(CORE_TEAM);
    t.clock.set('2026-11-24T09:00:00Z');
    await decideOnlyForMe(OFFLOADED);
    await decideInChannel(BOUNDED_PROJECT, ALICE, 'C0PRIV');

    const lines = (body: any) => (body.blocks[0].text.text as string).split('\n').slice(1);
    expect(lines(await command('advise list'))).toEqual([
      `• #3 · 24 Nov 2026 · <@${ALICE}> · *Agency* (runner-up Managed services) · in <#C0PRIV>`,
      `• #2 · 24 Nov 2026 · <@${ALICE}> · *Managed services* (runner-up Agency) · 1 conflict · only for you`,
      `• #1 · 22 Nov 2026 · <@${ALICE}> · *Staff augmentation* (runner-up Agency) · in <#${CHANNEL}>`,
    ]);
    // Carol is in the private channel; Bob is not, and never sees Alice's "only me" decision.
    expect(lines(await command('advise list', { userId: CAROL }))).toEqual([
      `• #3 · 24 Nov 2026 · <@${ALICE}> · *Agency* (runner-up Managed services) · in <#C0PRIV>`,
      `• #1 · 22 Nov 2026 · <@${ALICE}> · *Staff augmentation* (runner-up Agency) · in <#${CHANNEL}>`,
    ]);
    expect(lines(await command('advise list', { userId: BOB }))).toEqual([`• #1 · 22 Nov 2026 · <@${ALICE}> · *Staff augmentation* (runner-up Agency) · in <#${CHANNEL}>`]);
  });
});

describe('/vet advise: rules a CTO would follow, through Slack', () => {
  it('rules out staff augmentation without management capacity, and says to assign or hire a manager or choose managed services', async () => {
    t = await startTestApp();
    const decision = await decideInChannel({ ...CORE_TEAM, manager: 'nobody', time: 'none' });
    expect(decision.text).not.toContain('Recommended: Staff augmentation');
    const ruledOut = sections(decision).find((s) => s.startsWith(':no_entry:'));
    expect(ruledOut).toContain('*Not recommended: Staff augmentation*, because staff augmentation needs managers with time to lead the people every day');
    expect(ruledOut).toContain('Assign or hire a manager with that time first, or choose managed services with contractual controls');
    const row = (await decisionRows()).at(-1)!;
    expect([row.recommended, row.runner_up]).not.toContain('staff-augmentation');
  });

  it('regulated work: the decision says the vetting is tightened, the start modal offers no screen, a forged screen is refused, and the breach bound is 24 hours', async () => {
    t = await startTestApp();
    const decision = await decideInChannel({ ...BOUNDED_PROJECT, regulated: 'yes', transfer: 'yes' });
    expect(sections(decision)).toContain(
      ':lock: *The vetting this starts is tightened*, because the work is regulated: the full question bank (no quick screen), and a contractual breach notice within *24 hours* (not the usual 72).',
    );
    expect(sections(decision).find((s) => s.startsWith(':twisted_rightwards_arrows:'))).toContain('*A hybrid fits your answers: Build-operate-transfer: agency now, your own team later.*');

    const modal = await clickStart(decision);
    const variants = modal.view.blocks.find((b: any) => b.block_id === 'advise.variant').element.options.map((o: any) => o.value);
    expect(variants).toEqual(['standard']);
    expect(mrkdwnTexts(modal).join('\n')).toContain('The vetting this starts is tightened');
    const submit = (values: Record<string, string | string[] | null>) => t.slack.submitView(modal.view, values, { userId: ALICE, viewId: modal.id });
    // A form that still offers the screen (forged, or from before the decision was tightened) is refused.
    const forged = {
      'advise.vendor': { 'advise.vendor': { type: 'plain_text_input', value: 'Globex' } },
      'advise.model': { 'advise.model': { type: 'radio_buttons', selected_option: { value: 'agency' } } },
      'advise.variant': { 'advise.variant': { type: 'radio_buttons', selected_option: { value: 'lite' } } },
      'advise.evaluators': { 'advise.evaluators': { type: 'multi_users_select', selected_users: [] } },
    };
    expect((await t.slack.submitViewState(modal.view, forged, { userId: ALICE, viewId: modal.id })).json()).toEqual({
      response_action: 'errors',
      errors: { 'advise.variant': 'A quick screen is not enough here, because the work is regulated: the full interview is required.' },
    });
    expect(await t.db.selectFrom('interviews').selectAll().execute()).toEqual([]);

    const before = postCount();
    expect((await submit({ 'advise.vendor': 'Globex', 'advise.variant': 'standard' })).json()).toBeUndefined();
    await t.fake.waitFor(() => postCount() >= before + 2);
    const interview = await t.db.selectFrom('interviews').select(['variant', 'questions_json']).executeTakeFirstOrThrow();
    expect(interview.variant).toBe('standard');
    const breach = (JSON.parse(interview.questions_json) as any[]).find((q) => q.id === 'breach-notification-hours');
    expect(breach.fact.max).toBe(24);
    expect(breach.prompt).toContain('This vetting requires notice within 24 hours, because the work is regulated.');
    expect(breach.redFlags.find((r: any) => r.rule === 'breach-notification-slow').message).toContain('longer than 24 hours');
  });

  it('the breach bound follows VET_BREACH_NOTICE_HOURS', async () => {
    t = await startTestApp({ env: { VET_BREACH_NOTICE_HOURS: '12' } });
    const decision = await decideInChannel({ ...CORE_TEAM, sensitivity: 'high' });
    expect(sections(decision).join('\n')).toContain('because the data and code are highly sensitive: the full question bank (no quick screen), and a contractual breach notice within *12 hours*');
  });
});
