// @ts-check
// The page's state: the last /sandbox/state answer, who acts, where they are, and lookups over it.

export const USER_KEY = 'vet-sandbox-user';

export const S = {
  state: null, // last /sandbox/state answer, normalised
  user: localStorage.getItem(USER_KEY) || null,
  route: null, // { kind: 'channel', id } | { kind: 'home' }
  thread: null, // { channel, ts }
  pendingFocus: null, // { channel, ts } message to scroll to and flash
  drafts: new Map(),
  lastSeen: new Map(), // channel id -> ts key of the newest top-level message seen
  reqSeq: 0,
  appliedSeq: 0,
  dirSig: '',
  dirVersion: 0,
  userSig: '',
  sidebarSig: '',
  homeSig: '',
  channelCache: new Map(),
  threadCache: new Map(),
  renderedChannel: null,
  renderedThread: null,
  stickChannel: false,
  stickThread: false,
  modalUi: null,
  closingModal: null,
  bannerKind: null,
  bannerTimer: 0,
};

export const isBot = (id) => !!S.state && id === S.state.botUserId;

export function userName(id) {
  if (!S.state) return null;
  if (id === S.state.botUserId) return 'vet';
  return S.state.users.find((u) => u.id === id)?.name ?? null;
}

export function channelName(id) {
  return S.state?.channels.find((c) => c.id === id)?.name ?? null;
}

export function humans() {
  return S.state ? S.state.users.filter((u) => u.id !== S.state.botUserId) : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Timestamps

/** A sortable key for a Slack ts "seconds.micro". */
export function tsKey(ts) {
  const [s = '0', u = ''] = String(ts ?? '').split('.');
  return `${s.padStart(12, '0')}.${u.padEnd(6, '0')}`;
}

export const byTs = (a, b) => (tsKey(a.ts) < tsKey(b.ts) ? -1 : tsKey(a.ts) > tsKey(b.ts) ? 1 : 0);

export function tsDate(ts) {
  const [s = '0', u = '0'] = String(ts ?? '').split('.');
  return new Date(Number(s) * 1000 + Math.floor(Number(u.padEnd(6, '0').slice(0, 6)) / 1000));
}

const pad2 = (n) => String(n).padStart(2, '0');

export function hhmm(ts) {
  const d = tsDate(ts);
  return Number.isNaN(d.getTime()) ? '' : `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export function dayKey(ts) {
  const d = tsDate(ts);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

export function dayLabel(ts) {
  const d = tsDate(ts);
  if (Number.isNaN(d.getTime())) return '';
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(ts) === dayKey(today.getTime() / 1000)) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return d.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: d.getFullYear() === today.getFullYear() ? undefined : 'numeric' });
}

// ---------------------------------------------------------------------------------------------------------------
// Indexes over the state

export const isTopLevel = (m) => !m.thread_ts || m.thread_ts === m.ts;
/** Shown in the channel: top-level messages and thread replies also sent to the channel (reply_broadcast). */
export const inChannel = (m) => isTopLevel(m) || m.broadcast === true;

export function newestTop(channelId) {
  let best = '';
  for (const m of S.state.messages) if (m.channel === channelId && inChannel(m) && tsKey(m.ts) > best) best = tsKey(m.ts);
  return best;
}

export function repliesOf(channel, ts) {
  return S.state.messages.filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts).sort(byTs);
}

export function threadEphemerals(channel, ts) {
  return S.state.ephemerals.filter((e) => e.channel === channel && e.thread_ts === ts && e.ts !== ts);
}
