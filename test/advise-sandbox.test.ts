// `/vet advise` in the sandbox, through the same HTTP calls the page makes: the checklist modal, its field errors,
// the recommendation in the channel and "only to me", and a vetting started from it. Same behaviour as in Slack.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKLIST } from '../src/advisor/checklist.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { startSandbox, type Sandbox } from '../src/sandbox/server.js';
import { CORE_TEAM as CORE_TEAM_ANSWERS } from './support/checklist.js';
import { tempDir } from './support/temp.js';
import { memoryLogger } from './support/testApp.js';
import { until } from './support/wait.js';
import { sandboxApi } from './support/sandboxApi.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const { api, state } = sandboxApi(() => sandbox!.url);

/** What the page collects from a modal's radio buttons: the picked option, as Slack sends it. */
function picked(view: any, answers: Record<string, string>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks.filter((x: any) => x.type === 'input')) {
    const value = answers[b.block_id];
    const option = b.element.options.find((o: any) => o.value === value) ?? null;
    out[b.block_id] = { [b.element.action_id]: { type: b.element.type, selected_option: option } };
  }
  return out;
}

const CORE_TEAM = Object.fromEntries(Object.entries(CORE_TEAM_ANSWERS).map(([k, v]) => [`advise.${k}`, v]));

async function openChecklist(user: string) {
  expect(await api('/sandbox/send', { user, channel: 'C0VENDORS', text: '/vet advise' })).toMatchObject({ ok: true });
  return (
    await until(
      () => state(user),
      (x) => x.modal !== null,
      'the checklist',
    )
  ).modal;
}

describe('/vet advise in the sandbox', () => {
  it('opens the checklist, shows field errors, posts the recommendation, and starts a vetting from its button', async () => {
    sandbox = await startSandbox({ port: 0, databasePath: join(tempDir(), 'vet.sqlite'), bank: STANDARD_BANK, clock: () => new Date('2026-11-22T10:00:00Z'), logger: memoryLogger() });
    const modal = await openChecklist('U0ALEX');
    expect(modal.view.callback_id).toBe('vet.advise');
    expect(modal.view.blocks.filter((b: any) => b.type === 'input')).toHaveLength(CHECKLIST.length + 1);

    // An answer needed first left open keeps the modal open with its error under it.
    const refused = await api('/sandbox/view_submit', { user: 'U0ALEX', view_id: modal.id, values: picked(modal.view, { ...CORE_TEAM, 'advise.size': '', 'advise.where': 'channel' }) });
    expect(refused).toEqual({ status: 200, ok: true, errors: { 'advise.size': 'Needed first: nothing can be recommended without this answer.' } });
    expect((await state('U0ALEX')).modal?.id).toBe(modal.id);

    expect(await api('/sandbox/view_submit', { user: 'U0ALEX', view_id: modal.id, values: picked(modal.view, { ...CORE_TEAM, 'advise.where': 'channel' }) })).toEqual({ status: 200, ok: true });
    const s = await until(
      () => state('U0SAM'),
      (x) => x.messages.length > 0,
      'the recommendation',
    );
    const decision = s.messages[0];
    expect(decision.text).toBe('Recommended: Staff augmentation · runner-up: Agency');
    expect((await state('U0ALEX')).modal).toBeNull();

    // Sam starts the vetting from the button: the vendor modal, then the parent message and the first question.
    const button = decision.blocks.find((b: any) => b.type === 'actions');
    await api('/sandbox/action', {
      user: 'U0SAM',
      channel: 'C0VENDORS',
      message_ts: decision.ts,
      ephemeral: false,
      block_id: button.block_id,
      action: { type: 'button', action_id: 'vet.advise.start', value: '1' },
    });
    const start = (
      await until(
        () => state('U0SAM'),
        (x) => x.modal !== null,
        'the vendor modal',
      )
    ).modal;
    expect(start.view.callback_id).toBe('vet.advise.start');
    const values = {
      'advise.vendor': { 'advise.vendor': { type: 'plain_text_input', value: 'Acme Dev' } },
      'advise.model': { 'advise.model': { type: 'radio_buttons', selected_option: start.view.blocks.find((b: any) => b.block_id === 'advise.model').element.initial_option } },
      'advise.variant': { 'advise.variant': { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'A quick screen (lite)' }, value: 'lite' } } },
      'advise.evaluators': { 'advise.evaluators': { type: 'multi_users_select', selected_users: ['U0ALEX'] } },
    };
    expect(await api('/sandbox/view_submit', { user: 'U0SAM', view_id: start.id, values })).toEqual({ status: 200, ok: true });
    const after = await until(
      () => state('U0SAM'),
      (x) => x.messages.length >= 3,
      'the vetting',
    );
    const parent = after.messages.find((m: any) => m.ts !== decision.ts && !m.thread_ts);
    expect(JSON.stringify(parent.blocks)).toContain('interview of *Acme Dev* (Staff augmentation, from engagement-model decision #1)');
    expect(after.messages.some((m: any) => m.thread_ts === parent.ts)).toBe(true);
  });

  it('shows a recommendation asked "only to me" to the asker alone, with its button', async () => {
    sandbox = await startSandbox({ port: 0, databasePath: join(tempDir(), 'vet.sqlite'), bank: STANDARD_BANK, clock: () => new Date('2026-11-22T10:00:00Z'), logger: memoryLogger() });
    const modal = await openChecklist('U0ALEX');
    await api('/sandbox/view_submit', { user: 'U0ALEX', view_id: modal.id, values: picked(modal.view, { ...CORE_TEAM, 'advise.where': 'asker' }) });
    const mine = await until(
      () => state('U0ALEX'),
      (x) => x.ephemerals.length > 0,
      'the recommendation',
    );
    expect(mine.ephemerals[0]).toMatchObject({ channel: 'C0VENDORS', text: 'Recommended: Staff augmentation · runner-up: Agency' });
    expect(mine.messages).toEqual([]);
    expect((await state('U0SAM')).ephemerals).toEqual([]);
    // Its button opens the vendor modal for the asker.
    const e = mine.ephemerals[0];
    const button = e.blocks.find((b: any) => b.type === 'actions');
    await api('/sandbox/action', {
      user: 'U0ALEX',
      channel: 'C0VENDORS',
      message_ts: e.ts,
      ephemeral: true,
      block_id: button.block_id,
      action: { type: 'button', action_id: 'vet.advise.start', value: '1' },
    });
    expect(
      (
        await until(
          () => state('U0ALEX'),
          (x) => x.modal !== null,
          'the vendor modal',
        )
      ).modal.view.callback_id,
    ).toBe('vet.advise.start');
  });
});
