// @ts-check
// The two composers (channel and thread): typed messages and /commands, and a file waiting to be shared.

import { h } from './dom.js';
import { act, API, ApiError, hideError, showError } from './api.js';
import { formatSize } from './messages.js';
import { S } from './state.js';

/** The largest file the sandbox takes: MAX_FILE_BYTES in src/sandbox/server.ts. */
const MAX_FILE_BYTES = 10_000_000;

/** The file waiting in each composer (by its textarea's id), shared with the next Send. */
const attachments = new Map();

/** The chip's remove button: the composer is left with no file, ready to type. */
function removeAttachment(ta) {
  setAttachment(ta, null);
  ta.focus();
}

export function setAttachment(ta, file) {
  const chip = document.getElementById(`${ta.id}-attachment`);
  if (!file) {
    attachments.delete(ta.id);
    chip.replaceChildren();
    chip.hidden = true;
    return;
  }
  attachments.set(ta.id, file);
  chip.replaceChildren(
    h('span', { class: 'file-icon', 'aria-hidden': 'true' }, '📄'),
    h('span', { class: 'attachment-name' }, file.name),
    h('span', { class: 'attachment-size muted small' }, formatSize(file.size)),
    h('button', { type: 'button', class: 'icon-btn attachment-remove', title: 'Remove', 'aria-label': `Remove ${file.name}`, onclick: () => removeAttachment(ta) }, '×'),
  );
  chip.hidden = false;
}

/** A file chosen in the picker waits in the composer, with whatever is typed as its comment, until Send. */
function pickFile(ta, input) {
  const file = input.files?.[0];
  input.value = ''; // so picking the same file again is a change too
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) return showError(`"${file.name}" is ${formatSize(file.size)}: the sandbox takes files up to ${formatSize(MAX_FILE_BYTES)}.`);
  if (file.size === 0) return showError(`"${file.name}" is empty: Slack does not share empty files.`);
  hideError();
  setAttachment(ta, file);
  ta.focus();
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new ApiError(`cannot read "${file.name}"`));
    reader.readAsDataURL(file);
  });
}

/** Shares the composer's file with its text as the comment; both stay in the composer if it fails. */
async function shareFrom(ta, btn, target, file, comment) {
  if (btn.disabled) return; // already on its way
  btn.disabled = true;
  let data;
  try {
    data = await readBase64(file);
  } catch (e) {
    btn.disabled = false;
    return showError(`Sharing failed: ${e.message}`);
  }
  const body = { user: S.user, channel: target.channel, name: file.name, type: file.type, comment, data };
  if (target.thread_ts) {
    body.thread_ts = target.thread_ts;
    S.stickThread = true;
  } else S.stickChannel = true;
  const res = await act(API.share, body, btn, 'Sharing the file failed');
  if (!res) return;
  if (attachments.get(ta.id) === file) setAttachment(ta, null);
  if (ta.value.trim() === comment) {
    ta.value = '';
    autosize(ta);
  }
}

async function sendFrom(ta, btn, target) {
  const text = ta.value.trim();
  const file = attachments.get(ta.id);
  if ((!text && !file) || !S.user || !target?.channel) return;
  if (file) return shareFrom(ta, btn, target, file, text);
  ta.value = '';
  autosize(ta);
  const body = { user: S.user, channel: target.channel, text };
  if (target.thread_ts) {
    body.thread_ts = target.thread_ts;
    S.stickThread = true;
  } else S.stickChannel = true;
  const res = await act(API.send, body, btn, text.startsWith('/') ? 'Command failed' : 'Sending failed');
  if (!res && ta.value === '') {
    ta.value = text;
    autosize(ta);
  }
}

export function autosize(ta) {
  ta.style.height = 'auto';
  ta.style.height = `${Math.min(ta.scrollHeight, 220)}px`;
}

export function wireComposer(ta, btn, target, attach, picker) {
  attach.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => pickFile(ta, picker));
  ta.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendFrom(ta, btn, target());
    }
  });
  ta.addEventListener('input', () => autosize(ta));
  btn.addEventListener('click', () => {
    sendFrom(ta, btn, target());
    ta.focus();
  });
}
