// @ts-check
// A message as Slack shows it: author, time, blocks or text, files, thread summary, ephemeral note.

import { h } from './dom.js';
import { act, API } from './api.js';
import { mrkdwn } from './mrkdwn.js';
import { renderBlocks } from './blocks.js';
import { S, hhmm, isBot, isTopLevel, userName, channelName, dayLabel, tsDate } from './state.js';

const AVATAR_COLOURS = ['#e8912d', '#2bac76', '#1264a3', '#e01e5a', '#4a154b', '#36c5f0', '#9b59b6', '#d4892b', '#0b8a8a'];

export function timeEl(ts) {
  const d = tsDate(ts);
  return h('time', { class: 'msg-time', datetime: Number.isNaN(d.getTime()) ? undefined : d.toISOString(), title: Number.isNaN(d.getTime()) ? undefined : d.toLocaleString() }, hhmm(ts));
}

export function channelIntro(channelId) {
  const name = channelName(channelId) ?? channelId;
  return h(
    'div',
    { class: 'channel-intro' },
    h('h2', null, '#', name),
    h('p', null, 'This is the very beginning of ', h('strong', null, `#${name}`), '. Everything here stays on this machine.'),
    h(
      'p',
      { class: 'muted' },
      'Try ',
      h('code', { class: 'inline-code' }, '/vet help'),
      ' or ',
      h('code', { class: 'inline-code' }, '/vet start Acme Dev --lite --with @sam @rio'),
      ' (as Alex; Sam and Rio then rate).',
    ),
  );
}

export function dayDivider(ts) {
  return h('div', { class: 'day-divider', role: 'separator' }, h('span', null, dayLabel(ts)));
}

function avatarColour(id) {
  let n = 0;
  for (const ch of String(id)) n = (n * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[n % AVATAR_COLOURS.length];
}

export function avatarEl(userId, name) {
  const bot = isBot(userId);
  const el = h('div', { class: `avatar${bot ? ' avatar-bot' : ''}`, 'aria-hidden': 'true' }, (name || '?').trim().charAt(0).toUpperCase() || '?');
  if (!bot) el.style.backgroundColor = avatarColour(userId);
  return el;
}

/**
 * One message. `openThread(channel, ts)` opens a thread (routing is app.js's, which renders the messages).
 * @param {{ kind: 'msg' | 'eph', m: any }} item
 * @param {{ openThread: (channel: string, ts: string) => void, threadInfo?: any, inThread?: boolean, isParent?: boolean }} opts
 */
export function messageEl(item, { openThread, threadInfo = null, inThread = false, isParent = false }) {
  const m = item.m;
  const eph = item.kind === 'eph';
  const author = eph ? S.state.botUserId : m.user;
  const bot = isBot(author);
  const name = bot ? 'vet' : (userName(author) ?? author ?? 'unknown');

  const ctx = {
    surface: 'message',
    dispatch: (block, action, node) => {
      const body = { user: S.user, channel: m.channel, message_ts: m.ts, ephemeral: eph, block_id: block.block_id ?? '', action };
      if (m.thread_ts) body.thread_ts = m.thread_ts;
      act(API.action, body, node, 'Action failed');
    },
  };

  const files = Array.isArray(m.files) ? m.files : [];
  // A file shared with no comment is a message with no text: only the file shows.
  const body = Array.isArray(m.blocks) && m.blocks.length > 0 ? renderBlocks(m.blocks, ctx) : files.length > 0 && !m.text ? null : mrkdwn(m.text ?? '', { trusted: bot });
  body?.classList.add('msg-body');

  const content = h('div', { class: 'msg-content' });
  if (!eph && m.broadcast === true && !isTopLevel(m)) {
    content.append(
      inThread
        ? h('div', { class: 'broadcast-note' }, 'Also sent to the channel')
        : h(
            'div',
            { class: 'broadcast-note' },
            'replied to a thread · ',
            h('button', { type: 'button', class: 'link-btn thread-link', onclick: () => openThread(m.channel, m.thread_ts) }, 'View thread'),
          ),
    );
  }
  if (eph) content.append(h('div', { class: 'eph-note' }, h('span', { class: 'eye', 'aria-hidden': 'true' }, '👁'), ' Only visible to you'));
  content.append(h('div', { class: 'msg-meta' }, h('span', { class: 'author' }, name), bot ? h('span', { class: 'badge' }, 'APP') : null, timeEl(m.ts)));
  if (body) content.append(body);
  if (files.length > 0) content.append(h('div', { class: 'files' }, files.map(fileEl)));
  if (m.edited) content.append(h('span', { class: 'edited' }, '(edited)'));
  if (eph) {
    content.append(h('button', { type: 'button', class: 'link-btn dismiss', 'data-dismiss': m.ts, onclick: (e) => dismissEphemeral(m, e.currentTarget.closest('.message')) }, 'Dismiss message'));
  }
  if (threadInfo && !inThread) {
    const label = threadInfo.count > 0 ? (threadInfo.count === 1 ? '1 reply' : `${threadInfo.count} replies`) : 'View thread';
    content.append(
      h(
        'div',
        { class: 'thread-summary' },
        threadInfo.repliers.map((u) => avatarEl(u, userName(u) ?? u)),
        h('button', { type: 'button', class: 'link-btn replies', 'data-open-thread': m.ts, onclick: () => openThread(m.channel, m.ts) }, label),
        threadInfo.eph > 0 ? h('span', { class: 'muted small' }, `${threadInfo.eph} only visible to you`) : null,
        threadInfo.last ? h('span', { class: 'muted small' }, `Last reply ${hhmm(threadInfo.last)}`) : null,
      ),
    );
  }

  const gutter = h('div', { class: 'msg-gutter' }, avatarEl(author, name));
  const el = h('div', { class: `message${eph ? ' ephemeral' : ''}${isParent ? ' thread-parent' : ''}`, 'data-ts': m.ts, 'data-channel': m.channel }, gutter, content);
  if (!eph && !inThread && isTopLevel(m)) {
    el.append(
      h(
        'div',
        { class: 'msg-actions' },
        h('button', { type: 'button', class: 'icon-btn', title: 'Reply in thread', 'aria-label': 'Reply in thread', 'data-reply-thread': m.ts, onclick: () => openThread(m.channel, m.ts) }, '💬'),
      ),
    );
  }
  return el;
}

/** As Slack's clients show sizes: 812 B, 4.2 kB, 3.1 MB (the same as formatSize in src/sandbox/fileTypes.ts). */
export function formatSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

const FILE_ICONS = { pdf: '📕', png: '🖼️', jpg: '🖼️', gif: '🖼️', svg: '🖼️', csv: '📊', tsv: '📊', xls: '📊', xlsx: '📊', zip: '🗜️', gzip: '🗜️', tar: '🗜️' };

/** A shared file in a message: what it is, how big, and a download link served by the sandbox. Names are text only. */
function fileEl(f) {
  const titled = typeof f.title === 'string' && f.title !== '' && f.title !== f.name;
  const href = typeof f.download === 'string' ? new URL(f.download, location.href).href : null;
  return h(
    'div',
    { class: 'file', 'data-file-id': f.id },
    h('span', { class: 'file-icon', 'aria-hidden': 'true' }, FILE_ICONS[f.filetype] ?? '📄'),
    h(
      'div',
      { class: 'file-info' },
      h('span', { class: 'file-name', title: f.name }, titled ? f.title : f.name),
      h('span', { class: 'file-meta' }, [titled ? f.name : null, f.pretty_type, formatSize(f.size)].filter(Boolean).join(' · ')),
    ),
    f.available && href
      ? h('a', { class: 'file-download link-btn', href, download: f.name, title: `Download ${f.name}` }, 'Download')
      : h('span', { class: 'file-gone muted small', title: 'The sandbox keeps a file only while it runs' }, 'Gone since the sandbox restarted'),
  );
}

async function dismissEphemeral(m, el) {
  if (el) el.hidden = true;
  await act(API.ephemeralDismiss, { user: S.user, ts: m.ts }, null, 'Dismissing failed');
  if (el) el.hidden = false; // the refetch removes it for good; if it did not, it comes back
}
