// The baseline of `npm run bench:load`: a bare Bolt app on the same HTTP receiver as vet that acks at once and posts
// the next question (a message of the size vet posts) with no database and no logic, so the figures say what
// vet adds on top of Bolt, Node and the machine. Started by the driver as its own process, like vet.
//   PORT, SLACK_API_URL, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN: as for vet
//   BENCH_SAMPLE: a JSON file with the question message to post ({ text, blocks })
//   BENCH_QUESTIONS: how many questions an interview has before its summary
import { readFileSync } from 'node:fs';
import { App, LogLevel, type BlockAction } from '@slack/bolt';
import type { RenderedMessage } from '../../src/slack/blocks/question.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bareApp needs ${name}`);
  return value;
}

const sample = JSON.parse(readFileSync(required('BENCH_SAMPLE'), 'utf8')) as RenderedMessage;
const total = Number(required('BENCH_QUESTIONS'));
const app = new App({
  token: required('SLACK_BOT_TOKEN'),
  signingSecret: required('SLACK_SIGNING_SECRET'),
  clientOptions: { slackApiUrl: required('SLACK_API_URL') },
  logLevel: LogLevel.ERROR,
});

/** The sample, its controls named as vet names them (`vet|<interview>|<question>|<n>`) for this interview and position. */
function question(interview: number, position: number): RenderedMessage {
  const blocks = sample.blocks.map((b) =>
    'block_id' in b && typeof b.block_id === 'string' ? { ...b, block_id: b.block_id.replace(/^vet\|\d+\|[a-z0-9-]+\|/, `vet|${interview}|q-${position}|`) } : b,
  );
  return { text: sample.text, blocks };
}

let interviews = 0;
// With two evaluators, only the first click on a question moves on, as in vet.
const answered = new Set<string>();

app.command('/vet', async ({ ack, command, client }) => {
  await ack();
  const interview = ++interviews;
  const parent = await client.chat.postMessage({ channel: command.channel_id, text: `Vetting: ${command.text}` });
  await client.chat.postMessage({ channel: command.channel_id, thread_ts: parent.ts, ...question(interview, 1) });
});

app.action<BlockAction>(/^vet\./, async ({ ack, body, action, client }) => {
  await ack();
  const m = /^vet\|(\d+)\|q-(\d+)\|/.exec(action.block_id);
  const channel = body.channel?.id;
  const thread = body.message?.thread_ts as string | undefined;
  if (!m || !channel || !thread || answered.has(action.block_id)) return;
  answered.add(action.block_id);
  const position = Number(m[2]);
  if (position < total) await client.chat.postMessage({ channel, thread_ts: thread, ...question(Number(m[1]), position + 1) });
  else await client.chat.postMessage({ channel, thread_ts: thread, reply_broadcast: true, text: 'Summary' });
});

await app.start(Number(required('PORT')));
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
