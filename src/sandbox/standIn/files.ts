// files.*: the external upload flow the WebClient uses (get a URL, send the bytes, complete), and files.info.
import { BOT, type StandInState } from './state.js';
import { fail, str, type Handlers } from './wire.js';

/** The file methods; the bytes arrive at `/upload/<id>` in between (index.ts). */
export function fileHandlers(s: StandInState): Handlers {
  const { pendingFiles, files, uploads, requireMembership, channelOf, visibleFile, newFile, postFileMessage } = s;
  return {
    'files.getUploadURLExternal': (p) => {
      const filename = str(p.filename);
      const length = Number(p.length);
      if (!filename || !Number.isFinite(length)) fail('invalid_arguments');
      const fileId = s.nextFileId();
      pendingFiles.set(fileId, { filename, length });
      return { upload_url: `${s.base}/upload/${fileId}`, file_id: fileId };
    },

    // Slack shares the files in one message per conversation, the initial comment as its text (blocks only without one).
    'files.completeUploadExternal': (p) => {
      if (!Array.isArray(p.files) || p.files.length === 0) fail('invalid_arguments');
      const channelId = str(p.channel_id);
      const targets = channelId
        ? [channelId]
        : (str(p.channels)
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean) ?? []);
      const thread_ts = str(p.thread_ts);
      if (thread_ts && targets.length > 1) fail('invalid_arguments');
      for (const c of targets) requireMembership(c);
      const wanted = p.files as { id: string; title?: string }[];
      // Validate all before recording any, so a failed call leaves no half-shared upload behind.
      for (const f of wanted) if (!pendingFiles.get(f.id)?.content) fail('file_not_found');
      const initialComment = str(p.initial_comment);
      const done = wanted.map((f) => {
        const pending = pendingFiles.get(f.id)!;
        pendingFiles.delete(f.id);
        const content = pending.content!;
        const title = f.title ?? pending.filename;
        uploads.push({ fileId: f.id, filename: pending.filename, content: content.toString('utf8'), channel: targets[0], title, initialComment, threadTs: thread_ts });
        files.set(f.id, { file: newFile(f.id, { name: pending.filename, title, user: BOT.user_id, size: content.length }), content, shares: [] });
        return { id: f.id, title, name: pending.filename };
      });
      const blocks = initialComment === undefined && Array.isArray(p.blocks) ? p.blocks : undefined;
      for (const channel of targets) postFileMessage({ channel, user: BOT.user_id, ids: done.map((f) => f.id), text: initialComment ?? '', blocks, thread_ts });
      return { files: done };
    },

    'files.info': (p) => {
      const entry = visibleFile(str(p.file)) ?? fail('file_not_found');
      const where = (kind: 'channels' | 'groups' | 'ims') =>
        [...new Set(entry.shares.map((s) => s.channel))].filter((c) => (c.startsWith('D') ? 'ims' : channelOf(c).isPrivate ? 'groups' : 'channels') === kind);
      const shares: Record<string, Record<string, unknown[]>> = {};
      for (const s of entry.shares) {
        const kind = s.channel.startsWith('D') || channelOf(s.channel).isPrivate ? 'private' : 'public';
        ((shares[kind] ??= {})[s.channel] ??= []).push({ ts: s.ts, ...(s.thread_ts && { thread_ts: s.thread_ts }), channel_name: s.channel.toLowerCase(), team_id: BOT.team_id });
      }
      return {
        file: { ...entry.file, channels: where('channels'), groups: where('groups'), ims: where('ims'), shares, comments_count: 0 },
        comments: [],
        response_metadata: { next_cursor: '' },
      };
    },
  };
}
