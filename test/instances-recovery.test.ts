// A crash does not stall an interview (#20 item 7): a bot process killed after recording an answer but before the next
// question was shown leaves that question to the scheduler of whichever instance ticks next. Killed before Slack took
// the post, the question is posted; killed after Slack took it but before its ts was stored, it is found in the thread
// by its metadata and not posted again. Nobody types /vet status.
import { describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { UNPOSTED_GRACE_MS } from '../src/flows/interview.js';
import { parseQuestionBlockId } from '../src/slack/ids.js';
import { openDatabase } from '../src/store/db.js';
import { actionIds, allText, isQuestion } from './support/blocks.js';
import { freshTarget } from './support/database.js';
import { startFakeSlack, type FakeMessage } from './support/fakeSlack.js';
import { spawnInstances, startSlackGate, type Instance } from './support/instances.js';
import { eventually } from './support/wait.js';

const CHANNEL = 'C0TWO';
const LEAD = 'U0ALICE';
const SETTLE_MS = 15_000;

const questionIdOf = (m: { blocks?: any[] }) => (m.blocks ?? []).map((b) => parseQuestionBlockId(b?.block_id)).find((x) => x)?.questionId;
const plainAnswer = (q: FakeMessage) => (actionIds(q).includes('vet.rate.2') ? 'vet.rate.2' : 'vet.skip');

describe('a bot process killed between recording an answer and showing the next question', () => {
  it('leaves the question to the next scheduler tick: posted once when Slack never took it, found by its metadata when it did', { timeout: 240_000 }, async () => {
    const fake = await startFakeSlack({ now: () => Date.now() });
    onTestFinished(() => fake.close());
    const gate = await startSlackGate(fake);
    onTestFinished(() => gate.close());
    const target = await freshTarget();
    // Migrated before the bots start, as in instances.test.ts.
    const db = await openDatabase(target);
    onTestFinished(() => db.destroy());
    const started: Instance[] = [];
    onTestFailed(() => {
      for (const i of started) console.log(`--- instance ${i.name} ---\n${i.output()}`);
    });
    const spawn = async (name: string) => {
      const [i] = await spawnInstances([name], { target, apiUrl: gate.apiUrl, responseUrl: () => fake.responseUrl() });
      started.push(i!);
      onTestFinished(() => (i!.running() ? i!.signal('SIGKILL') : undefined));
      await i!.ready();
      return i!;
    };

    const parent = () => fake.messages({ channel: CHANNEL }).find((m) => !m.thread_ts && allText(m).includes('started a'));
    const questions = () => fake.messages({ channel: CHANNEL, thread_ts: parent()?.ts ?? '-' }).filter(isQuestion);
    const postsOf = (questionId: string) => fake.callsTo('chat.postMessage').filter((c) => questionIdOf(c.params) === questionId);
    const asked = () => db.selectFrom('interview_questions').select(['question_id', 'position', 'message_ts']).orderBy('position').execute();

    /** Answers the current question through `i` and kills `i` while it posts the next; `slackTakesIt`: Slack gets the post. */
    const answerAndDie = async (i: Instance, slackTakesIt: boolean) => {
      const q = questions().at(-1)!;
      const held = gate.holdNext((c) => c.method === 'chat.postMessage' && c.token === i.token && c.params.get('thread_ts') !== null);
      expect((await i.slack.click(q, { actionId: plainAnswer(q) }, { userId: LEAD })).status).toBe(200);
      const post = await held;
      // Slack takes the post and answers, but the answer never reaches the process: its ts is never stored.
      if (slackTakesIt) await post.ask();
      i.signal('SIGKILL');
      expect(await i.exited).toBeNull();
    };

    const a = await spawn('a');
    const posts = fake.callsTo('chat.postMessage').length;
    expect((await a.slack.command('start Acme --lite', { userId: LEAD, channelId: CHANNEL, responseUrl: fake.responseUrl() })).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= posts + 2, SETTLE_MS);

    // 1. Killed before Slack took the post: question 2 is asked but never shown.
    await answerAndDie(a, false);
    const second = (await asked()).at(-1)!;
    expect([second.position, second.message_ts]).toEqual([2, null]);
    expect(questions()).toHaveLength(1);
    // The next instance's scheduler (its first tick, once the question is old enough to count as lost) posts it.
    await new Promise((r) => setTimeout(r, UNPOSTED_GRACE_MS));
    const b = await spawn('b');
    await eventually('question 2 shown by the scheduler', async () => ((await asked()).at(-1)!.message_ts ? true : null), SETTLE_MS);
    expect(questions().map(questionIdOf)).toEqual((await asked()).map((r) => r.question_id));
    expect(postsOf(second.question_id)).toHaveLength(1);

    // 2. Killed after Slack took the post: question 3 is in the thread, but its ts was never stored.
    await answerAndDie(b, true);
    const third = (await asked()).at(-1)!;
    expect([third.position, third.message_ts]).toEqual([3, null]);
    expect(questions().map(questionIdOf)).toContain(third.question_id);
    await new Promise((r) => setTimeout(r, UNPOSTED_GRACE_MS));
    await spawn('c');
    const stored = await eventually('question 3 found in its thread', async () => (await asked()).at(-1)!.message_ts, SETTLE_MS);
    // Found, not posted again: one post of it, and the stored ts is that message's.
    expect(postsOf(third.question_id)).toHaveLength(1);
    expect(questions().find((m) => questionIdOf(m) === third.question_id)!.ts).toBe(stored);
    expect(fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });
});
