// Files in the Slack stand-in (the sandbox's workspace and the tests' fake Web API): what @slack/web-api's
// filesUploadV2 leaves behind (a file message in the channel or thread, with the initial comment), files.info, the
// file's private URL, and a person sharing a file as Slack's file picker does.
import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { fileShareEvent, fileSharedEvent } from '../src/sandbox/fileEvents.js';
import { fileKind, formatSize } from '../src/sandbox/fileTypes.js';
import { startSlackStandIn, type FakeShare, type FakeSlack } from '../src/sandbox/standIn/index.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(opts: Parameters<typeof startSlackStandIn>[0] = {}) {
  fake = await startSlackStandIn(opts);
  return { fake, client: new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }) };
}

async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as WebAPIPlatformError).data.error;
  }
  throw new Error('expected the call to fail');
}

describe('files in the Slack stand-in', () => {
  it('shows a filesUploadV2 upload in the channel as a file message by the app, with the initial comment', async () => {
    const { fake, client } = await start();
    const r = await client.filesUploadV2({
      channel_id: 'C1',
      filename: 'vet-acme-2026-11-23.md',
      title: 'Acme: vetting report',
      content: '# Report\n',
      initial_comment: '<@U1> asked for the report of *Acme*.',
    });
    expect(r.ok).toBe(true);
    const [message, ...rest] = fake.messages({ channel: 'C1' });
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ user: 'U0BOT', text: '<@U1> asked for the report of *Acme*.', upload: true });
    expect(message!.thread_ts).toBeUndefined();
    expect(message!.files).toEqual([
      expect.objectContaining({
        id: 'F1',
        name: 'vet-acme-2026-11-23.md',
        title: 'Acme: vetting report',
        mimetype: 'text/plain',
        filetype: 'markdown',
        pretty_type: 'Markdown (raw)',
        size: 9,
        user: 'U0BOT',
        is_public: true,
        url_private: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files-pri\/T0FAKE-F1\/vet-acme-2026-11-23\.md$/),
        permalink: 'https://fake.slack.test/files/U0BOT/F1/vet-acme-2026-11-23.md',
      }),
    ]);
    // The record the end-to-end tests read is unchanged.
    expect(fake.uploads).toEqual([
      {
        fileId: 'F1',
        filename: 'vet-acme-2026-11-23.md',
        content: '# Report\n',
        channel: 'C1',
        title: 'Acme: vetting report',
        initialComment: '<@U1> asked for the report of *Acme*.',
        threadTs: undefined,
      },
    ]);
  });

  it('puts an upload with thread_ts in the thread, and keeps one without a channel private', async () => {
    const { fake, client } = await start();
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'Vetting: Acme' });
    await client.filesUploadV2({ channel_id: 'C1', thread_ts: parent.ts!, filename: 'answers.csv', content: 'a,b\n1,2\n' });
    await client.filesUploadV2({ filename: 'private.txt', content: 'only mine' });
    const reply = fake.messages({ channel: 'C1', thread_ts: parent.ts! });
    expect(reply).toHaveLength(1);
    expect(reply[0]!.files?.map((f) => [f.name, f.filetype, f.mimetype])).toEqual([['answers.csv', 'csv', 'text/csv']]);
    expect(reply[0]!.text).toBe('');
    expect(fake.messages()).toHaveLength(2);
    // The app still sees its private file.
    const info = await client.files.info({ file: 'F2' });
    expect(info.file).toMatchObject({ id: 'F2', name: 'private.txt', channels: [], groups: [], ims: [], is_public: false });
  });

  it('answers files.info with where the file was shared, and serves its bytes at url_private only with a token', async () => {
    const { fake, client } = await start();
    fake.setChannel('G1', { isPrivate: true, botIsMember: true });
    const parent = await client.chat.postMessage({ channel: 'G1', text: 'Vetting' });
    await client.filesUploadV2({ channel_id: 'G1', thread_ts: parent.ts!, filename: 'soc2.pdf', content: '%PDF-1.7 …' });
    const info = await client.files.info({ file: 'F1' });
    const reply = fake.messages({ channel: 'G1', thread_ts: parent.ts! })[0]!;
    expect(info.file).toMatchObject({ id: 'F1', filetype: 'pdf', pretty_type: 'PDF', channels: [], groups: ['G1'], is_public: false });
    expect(info.file!.shares).toEqual({ private: { G1: [{ ts: reply.ts, thread_ts: parent.ts, channel_name: 'g1', team_id: 'T0FAKE' }] } });
    expect(await slackError(client.files.info({ file: 'F404' }))).toBe('file_not_found');

    const url = info.file!.url_private!;
    const withToken = await fetch(url, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('content-type')).toBe('application/pdf');
    expect(await withToken.text()).toBe('%PDF-1.7 …');
    expect((await fetch(url)).status).toBe(403);
    const download = await fetch(info.file!.url_private_download!, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''soc2.pdf");
  });

  it('refuses an upload into a channel the app is not in, and shares nothing', async () => {
    const { fake, client } = await start();
    fake.setChannel('C2', { isPrivate: false, botIsMember: false });
    expect(await slackError(client.filesUploadV2({ channel_id: 'C2', filename: 'r.md', content: 'x' }))).toBe('not_in_channel');
    expect(fake.messages()).toEqual([]);
    expect(fake.uploads).toEqual([]);
  });

  it('lets a person share a file with a comment into a thread, escaped as Slack stores typed text, and says so', async () => {
    const { fake, client } = await start({ now: () => Date.parse('2026-11-23T09:00:00Z') });
    const seen: FakeShare[] = [];
    fake.onFileShared((s) => seen.push(s));
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'Vetting: Acme' });
    const shared = fake.shareFile({ channel: 'C1', user: 'U0SAM', name: '<b>pentest</b>.pdf', content: Buffer.from('%PDF'), comment: 'Pen test <2026> & more', thread_ts: parent.ts! });
    expect(shared.message).toMatchObject({ channel: 'C1', user: 'U0SAM', thread_ts: parent.ts, text: 'Pen test &lt;2026&gt; &amp; more', upload: true });
    expect(shared.file).toMatchObject({ id: 'F1', name: '<b>pentest</b>.pdf', title: '<b>pentest</b>.pdf', user: 'U0SAM', size: 4, created: 1_795_424_400, filetype: 'pdf' });
    expect(shared.file.url_private).toMatch(/\/files-pri\/T0FAKE-F1\/%3Cb%3Epentest%3C%2Fb%3E\.pdf$/);
    expect(fake.messages({ channel: 'C1', thread_ts: parent.ts! })).toEqual([shared.message]);
    expect(seen).toEqual([{ file: shared.file, message: shared.message }]);
    expect(fake.file('F1')?.content?.toString()).toBe('%PDF');
    expect((await client.files.info({ file: 'F1' })).file).toMatchObject({ id: 'F1', user: 'U0SAM', channels: ['C1'] });

    // A file shared where the app is not does not exist for the app.
    fake.setChannel('G9', { isPrivate: true, botIsMember: false });
    fake.shareFile({ channel: 'G9', user: 'U0SAM', name: 'secret.txt', content: Buffer.from('s') });
    expect(await slackError(client.files.info({ file: 'F2' }))).toBe('file_not_found');
  });

  it('describes the files of a saved workspace on its new address, without their bytes, and gives new files new ids', async () => {
    const first = await start();
    await first.client.filesUploadV2({ channel_id: 'C1', filename: 'report.md', content: '# R' });
    const saved = JSON.parse(JSON.stringify(first.fake.messages()));
    const oldUrl = first.fake.messages()[0]!.files![0]!.url_private;
    await first.fake.close();

    const { fake, client } = await start({ messages: saved });
    const file = fake.messages()[0]!.files![0]!;
    expect(file.url_private).not.toBe(oldUrl);
    expect(file.url_private.startsWith(fake.apiUrl.replace(/\/api\/$/, ''))).toBe(true);
    expect(fake.file('F1')).toMatchObject({ file: { name: 'report.md' }, content: null });
    expect((await client.files.info({ file: 'F1' })).file).toMatchObject({ name: 'report.md', channels: ['C1'] });
    expect((await fetch(file.url_private, { headers: { authorization: 'Bearer xoxb-test' } })).status).toBe(410);
    await client.filesUploadV2({ channel_id: 'C1', filename: 'next.md', content: '# N' });
    expect(fake.messages().at(-1)!.files![0]!.id).toBe('F2');
  });
});

describe('the events of a shared file', () => {
  it('are shaped as Slack sends them: a file_share message (empty text without a comment) and file_shared', async () => {
    const { fake, client } = await start();
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'Vetting' });
    const share = fake.shareFile({ channel: 'C1', user: 'U0SAM', name: 'soc2.pdf', content: Buffer.from('%PDF'), thread_ts: parent.ts! });
    expect(fileShareEvent(share.message, 'channel', 'U0BOT')).toEqual({
      type: 'message',
      subtype: 'file_share',
      text: '',
      files: [share.file],
      upload: true,
      user: 'U0SAM',
      display_as_bot: false,
      ts: share.message.ts,
      channel: 'C1',
      channel_type: 'channel',
      event_ts: share.message.ts,
      thread_ts: parent.ts,
      parent_user_id: 'U0BOT',
    });
    expect(fileSharedEvent(share)).toEqual({ type: 'file_shared', channel_id: 'C1', file_id: 'F1', user_id: 'U0SAM', file: { id: 'F1' } });
    const inChannel = fake.shareFile({ channel: 'G1', user: 'U0SAM', name: 'a.txt', content: Buffer.from('a'), comment: 'see' });
    expect(fileShareEvent(inChannel.message, 'group')).toMatchObject({ text: 'see', channel: 'G1', channel_type: 'group' });
    expect(fileShareEvent(inChannel.message, 'group')).not.toHaveProperty('thread_ts');
  });
});

describe('fileKind', () => {
  it.each([
    ['evidence.PDF', undefined, 'pdf', 'application/pdf'],
    ['screenshot.jpeg', 'image/jpeg', 'jpg', 'image/jpeg'],
    ['notes.md', undefined, 'markdown', 'text/plain'],
    ['archive.7z', 'application/x-7z-compressed', 'binary', 'application/x-7z-compressed'],
    ['no-extension', '', 'binary', 'application/octet-stream'],
    ['odd.bin', 'text/html; charset=utf-8"><script>', 'binary', 'application/octet-stream'],
  ])('%s (%s) is %s, %s', (name, declared, filetype, mimetype) => {
    expect(fileKind(name, declared)).toMatchObject({ filetype, mimetype });
  });

  it('formats sizes as Slack shows them', () => {
    expect([0, 999, 1000, 4210, 10_000_000, 12_345_678].map(formatSize)).toEqual(['0 B', '999 B', '1.0 kB', '4.2 kB', '10.0 MB', '12.3 MB']);
  });
});
