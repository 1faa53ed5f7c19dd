// Hardening (issue 20) through the real app: signed requests an attacker can send, and the answers they get.
import { afterEach, describe, expect, it } from 'vitest';
import { FORM } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VET';
let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const nowSec = () => Math.floor(Date.now() / 1000);

describe('signed requests', () => {
  it('refuses a correctly signed request from more than five minutes in the future with 401, and takes one from just ahead', async () => {
    t = await startTestApp();
    const body = new URLSearchParams({ command: '/vet', text: 'start Future Co --lite', user_id: 'U0ALICE', channel_id: CHANNEL, team_id: 'T0FAKE', response_url: t.fake.responseUrl(), trigger_id: 't' }).toString();
    const ahead = await t.slack.raw(body, { contentType: FORM, timestamp: nowSec() + 6 * 60 });
    expect(ahead.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await t.db.selectFrom('vendors').selectAll().execute()).toEqual([]);
    const slightlyAhead = await t.slack.raw(body, { contentType: FORM, timestamp: nowSec() + 60 });
    expect(slightlyAhead.status).toBe(200);
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').length >= 2);
  });

  it('answers a signed interactive payload of the wrong shape with 400, not 500', async () => {
    t = await startTestApp();
    for (const payload of [{ type: 'block_actions', actions: 'x', user: { id: 'U0ALICE' } }, { type: 'block_actions', actions: [{}] }, { type: 'view_submission' }]) {
      const reply = await t.slack.raw(`payload=${encodeURIComponent(JSON.stringify(payload))}`, { contentType: FORM });
      expect(reply.status, JSON.stringify(payload)).toBe(400);
    }
    // The app still works afterwards.
    const ok = await t.slack.command('help', { userId: 'U0ALICE', channelId: CHANNEL });
    expect(ok.status).toBe(200);
  });
});
