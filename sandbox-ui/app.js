// @ts-check
// vet sandbox: a Slack-like browser front-end for the local sandbox API (/sandbox/*). Native ES modules, no
// dependencies, no build step. This one holds the app state's updates and the routing: which channel, thread or Home
// is open, the URL hash, permalinks, live updates; the others render (mrkdwn.js, blocks.js, messages.js, modal.js),
// call the server (api.js) or take input (composer.js).

import { $, h } from './dom.js';
import { act, API, ApiError, hideError, refreshWith, showError } from './api.js';
import { closeMenus, renderBlocks } from './blocks.js';
import { autosize, setAttachment, wireComposer } from './composer.js';
import { channelIntro, dayDivider, messageEl } from './messages.js';
import { closeModal, renderModal } from './modal.js';
import { S, USER_KEY, byTs, channelName, dayKey, dayLabel, humans, inChannel, isTopLevel, newestTop, repliesOf, threadEphemerals, tsKey } from './state.js';

let refreshTimer = 0;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 40);
}

async function refresh() {
  const seq = ++S.reqSeq;
  const user = S.user;
  let data;
  try {
    const res = await fetch(`${API.state}${user ? `?user=${encodeURIComponent(user)}` : ''}`, { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!res.ok) throw new ApiError(`HTTP ${res.status}`);
    data = await res.json();
  } catch (e) {
    if (seq === S.reqSeq) showError(`Cannot load the sandbox state: ${e instanceof ApiError ? e.message : 'the server cannot be reached'}`, 'conn');
    return;
  }
  if (seq < S.appliedSeq || user !== S.user) return;
  S.appliedSeq = seq;
  hideError('conn');
  apply(data);
}

function normalise(d) {
  const arr = (x) => (Array.isArray(x) ? x : []);
  return {
    team: d.team ?? { name: 'vet sandbox' },
    botUserId: d.botUserId ?? 'U0BOT',
    users: arr(d.users),
    channels: arr(d.channels),
    messages: arr(d.messages),
    ephemerals: arr(d.ephemerals),
    modal: d.modal ?? null,
    home: d.home ?? null,
  };
}

function apply(data) {
  const first = S.state === null;
  S.state = normalise(data);
  const st = S.state;

  const dirSig = JSON.stringify([st.botUserId, st.users, st.channels]);
  if (dirSig !== S.dirSig) {
    S.dirSig = dirSig;
    S.dirVersion++;
  }

  // Who acts: the remembered user if the sandbox knows them, else the first person.
  const people = humans();
  let refetch = false;
  if (!S.user || !people.some((u) => u.id === S.user)) {
    const next = people[0]?.id ?? null;
    if (next && next !== S.user) {
      S.user = next;
      localStorage.setItem(USER_KEY, next);
      refetch = true; // this state was fetched for someone else
    }
  }

  // Where we are: the route if it still exists, else the first channel.
  if (S.route?.kind === 'channel' && !st.channels.some((c) => c.id === S.route.id)) S.route = null;
  if (!S.route && st.channels.length > 0) S.route = { kind: 'channel', id: st.channels[0].id };
  if (S.thread && !st.messages.some((m) => m.channel === S.thread.channel && m.ts === S.thread.ts)) S.thread = null;

  if (first) for (const c of st.channels) S.lastSeen.set(c.id, newestTop(c.id));
  render();
  if ((first || refetch) && S.route?.kind === 'home' && S.user)
    homeOpened(); // it refetches too
  else if (refetch) refresh();
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function render() {
  renderUserSwitcher();
  renderSidebar();
  renderPanes();
  renderModal();
  updateHash();
}

function renderUserSwitcher() {
  const sel = $('#user-switcher');
  const people = humans();
  const sig = JSON.stringify(people);
  if (sig !== S.userSig) {
    S.userSig = sig;
    sel.replaceChildren(...people.map((u) => h('option', { value: u.id }, u.name)));
  }
  if (S.user && sel.value !== S.user) sel.value = S.user;
}

function renderSidebar() {
  const st = S.state;
  const selected = S.route?.kind === 'channel' ? S.route.id : null;
  if (selected) S.lastSeen.set(selected, newestTop(selected));
  const unread = st.channels.map((c) => {
    const seen = S.lastSeen.get(c.id) ?? '';
    return st.messages.some((m) => m.channel === c.id && inChannel(m) && m.user !== S.user && tsKey(m.ts) > seen);
  });
  const sig = JSON.stringify([st.channels, selected, unread, S.route?.kind]);
  $('[data-home]').classList.toggle('selected', S.route?.kind === 'home');
  if (sig === S.sidebarSig) return;
  S.sidebarSig = sig;
  $('#channel-list').replaceChildren(
    ...st.channels.map((c, i) =>
      h(
        'button',
        {
          type: 'button',
          role: 'listitem',
          class: `nav-item channel-item${c.id === selected ? ' selected' : ''}${unread[i] && c.id !== selected ? ' unread' : ''}`,
          'data-channel-id': c.id,
          'aria-current': c.id === selected ? 'page' : undefined,
          onclick: () => goChannel(c.id),
        },
        // A private channel shows only to its members, with a lock, as in Slack.
        h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, c.private ? '🔒' : '#'),
        h('span', { class: 'nav-label' }, c.name),
      ),
    ),
  );
}

function show(id, visible) {
  const el = document.getElementById(id);
  if (el.hidden === visible) el.hidden = !visible;
}

function renderPanes() {
  const route = S.route;
  const onHome = route?.kind === 'home';
  const onChannel = route?.kind === 'channel';
  show('home-pane', onHome);
  show('channel-pane', onChannel);
  show('empty-pane', !onHome && !onChannel);
  if (!onHome && !onChannel) {
    $('#empty-pane').replaceChildren(h('p', { class: 'loading' }, S.state ? 'This sandbox has no channels yet.' : 'Connecting to the sandbox…'));
  }
  if (onHome) {
    document.title = 'Home · vet sandbox';
    renderHome();
  }
  if (onChannel) {
    const name = channelName(route.id) ?? route.id;
    document.title = `#${name} · vet sandbox`;
    $('#channel-name').textContent = name;
    $('.channel-title .hash').textContent = S.state.channels.find((c) => c.id === route.id)?.private ? '🔒' : '#';
    $('#composer').placeholder = `Message #${name}`;
    renderChannel(route.id);
  } else S.renderedChannel = null; // coming back counts as opening it: a hidden pane loses its scroll position
  const threadOpen = onChannel && S.thread && S.thread.channel === route.id;
  show('thread', !!threadOpen);
  $('#layout').classList.toggle('with-thread', !!threadOpen);
  if (threadOpen) renderThread();
  else S.renderedThread = null;
}

function renderHome() {
  const st = S.state;
  const sig = JSON.stringify([st.home, S.dirVersion, S.user]);
  if (sig === S.homeSig) return;
  S.homeSig = sig;
  const ctx = {
    surface: 'home',
    dispatch: (block, action, node) => {
      act(API.action, { user: S.user, channel: null, message_ts: null, ephemeral: false, surface: 'home', block_id: block.block_id ?? '', action }, node, 'Action failed');
    },
  };
  const home = $('#home');
  const scroll = home.scrollTop;
  home.replaceChildren(st.home ? renderBlocks(st.home.blocks, ctx) : h('p', { class: 'muted home-empty' }, 'Opening the Home tab…'));
  home.scrollTop = scroll;
}

/** Messages of the open channel, keyed, so unchanged ones keep their DOM (focus, open selects, typed values). */
function renderChannel(channelId) {
  const st = S.state;
  const list = $('#messages');
  const switched = S.renderedChannel !== channelId;
  if (switched) {
    S.channelCache = new Map();
    list.replaceChildren();
  }
  const items = [
    ...st.messages.filter((m) => m.channel === channelId && inChannel(m)).map((m) => ({ kind: 'msg', m })),
    ...st.ephemerals.filter((e) => e.channel === channelId && (!e.thread_ts || e.thread_ts === e.ts)).map((e) => ({ kind: 'eph', m: e })),
  ].sort((a, b) => byTs(a.m, b.m));

  // Every message shows its avatar and author: no Slack-style grouping of consecutive messages.
  const specs = [{ key: `intro:${channelId}`, sig: JSON.stringify([channelName(channelId)]), build: () => channelIntro(channelId) }];
  let prev = null;
  for (const it of items) {
    const day = dayKey(it.m.ts);
    if (!prev || dayKey(prev.m.ts) !== day) specs.push({ key: `day:${day}`, sig: dayLabel(it.m.ts), build: () => dayDivider(it.m.ts) });
    let threadInfo = null;
    if (it.kind === 'msg' && isTopLevel(it.m)) {
      const replies = repliesOf(channelId, it.m.ts);
      const eph = threadEphemerals(channelId, it.m.ts).length;
      if (replies.length > 0 || eph > 0) threadInfo = { count: replies.length, last: replies.at(-1)?.ts ?? null, eph, repliers: [...new Set(replies.map((r) => r.user))].slice(0, 4) };
    }
    const key = `${it.kind}:${it.m.ts}`;
    specs.push({
      key,
      sig: JSON.stringify([it.m, threadInfo, S.dirVersion, S.user]),
      build: () => messageEl(it, { openThread, threadInfo, inThread: false }),
    });
    prev = it;
  }
  withScroll(list, switched || S.stickChannel, () => {
    S.channelCache = reconcile(list, specs, S.channelCache);
  });
  S.stickChannel = false;
  S.renderedChannel = channelId;
  flashPending(list);
}

function renderThread() {
  const { channel, ts } = S.thread;
  const st = S.state;
  const parent = st.messages.find((m) => m.channel === channel && m.ts === ts);
  if (!parent) return;
  const list = $('#thread-messages');
  const key = `${channel}|${ts}`;
  const switched = S.renderedThread !== key;
  if (switched) {
    S.threadCache = new Map();
    list.replaceChildren();
  }
  $('#thread-channel').textContent = `#${channelName(channel) ?? channel}`;
  const replies = repliesOf(channel, ts);
  const items = [...replies.map((m) => ({ kind: 'msg', m })), ...threadEphemerals(channel, ts).map((e) => ({ kind: 'eph', m: e }))].sort((a, b) => byTs(a.m, b.m));
  const specs = [
    { key: `parent:${ts}`, sig: JSON.stringify([parent, S.dirVersion, S.user]), build: () => messageEl({ kind: 'msg', m: parent }, { openThread, inThread: true, isParent: true }) },
    { key: 'count', sig: String(replies.length), build: () => h('div', { class: 'reply-count' }, h('span', null, replies.length === 1 ? '1 reply' : `${replies.length} replies`), h('hr')) },
  ];
  for (const it of items) specs.push({ key: `${it.kind}:${it.m.ts}`, sig: JSON.stringify([it.m, S.dirVersion, S.user]), build: () => messageEl(it, { openThread, inThread: true }) });
  withScroll(list, switched || S.stickThread, () => {
    S.threadCache = reconcile(list, specs, S.threadCache);
  });
  S.stickThread = false;
  S.renderedThread = key;
  flashPending(list);
}

function withScroll(list, toBottom, fn) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const top = list.scrollTop;
  fn();
  if (toBottom || atBottom) list.scrollTop = list.scrollHeight;
  else list.scrollTop = top;
}

function reconcile(container, specs, cache) {
  const next = new Map();
  const els = [];
  for (const s of specs) {
    const old = cache.get(s.key);
    const el = old && old.sig === s.sig ? old.el : s.build();
    next.set(s.key, { sig: s.sig, el });
    els.push(el);
  }
  let cur = container.firstChild;
  for (const el of els) {
    if (el === cur) {
      cur = cur.nextSibling;
      continue;
    }
    container.insertBefore(el, cur);
  }
  while (cur) {
    const n = cur.nextSibling;
    cur.remove();
    cur = n;
  }
  return next;
}

function flashPending(list) {
  const f = S.pendingFocus;
  if (!f) return;
  const el = [...list.querySelectorAll('.message')].find((x) => x.dataset.ts === f.ts && x.dataset.channel === f.channel);
  if (!el) return;
  S.pendingFocus = null;
  el.scrollIntoView({ block: 'center' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 2000);
}

// ---------------------------------------------------------------------------------------------------------------
// Navigation and commands

function saveDrafts() {
  if (S.route?.kind === 'channel') S.drafts.set(`c:${S.route.id}`, $('#composer').value);
  if (S.thread) S.drafts.set(`t:${S.thread.channel}|${S.thread.ts}`, $('#thread-composer').value);
}

function goChannel(id, { focus = true } = {}) {
  const same = S.route?.kind === 'channel' && S.route.id === id;
  if (!same) {
    saveDrafts();
    S.route = { kind: 'channel', id };
    S.thread = null;
    const ta = $('#composer');
    ta.value = S.drafts.get(`c:${id}`) ?? '';
    autosize(ta);
    // A file waiting in a composer was picked for the conversation left behind.
    setAttachment(ta, null);
    setAttachment($('#thread-composer'), null);
  }
  if (S.state) render();
  if (focus) $('#composer').focus();
}

function goHome() {
  saveDrafts();
  S.route = { kind: 'home' };
  S.thread = null;
  if (S.state) render();
  homeOpened();
}

function homeOpened() {
  if (!S.user) return;
  act(API.homeOpened, { user: S.user }, null, 'Opening Home failed');
}

function openThread(channel, ts, { focus = true } = {}) {
  if (S.state && !S.state.messages.some((m) => m.channel === channel && m.ts === ts)) return goChannel(channel, { focus });
  const key = `${channel}|${ts}`;
  if (S.thread && `${S.thread.channel}|${S.thread.ts}` === key) {
    if (focus) $('#thread-composer').focus();
    return;
  }
  saveDrafts();
  if (S.route?.kind !== 'channel' || S.route.id !== channel) {
    S.route = { kind: 'channel', id: channel };
    const ta = $('#composer');
    ta.value = S.drafts.get(`c:${channel}`) ?? '';
    autosize(ta);
    setAttachment(ta, null);
  }
  S.thread = { channel, ts };
  const tta = $('#thread-composer');
  tta.value = S.drafts.get(`t:${key}`) ?? '';
  autosize(tta);
  setAttachment(tta, null);
  if (S.state) render();
  if (focus) tta.focus();
}

function closeThread() {
  saveDrafts();
  S.thread = null;
  setAttachment($('#thread-composer'), null);
  if (S.state) render();
}

// Routes live in the URL hash so that a reload keeps the place: #/C123, #/C123/1700000000.000100, #/home.
function parseHash() {
  const parts = decodeURIComponent(location.hash.replace(/^#\/?/, '')).split('/').filter(Boolean);
  if (parts[0] === 'home') return { route: { kind: 'home' }, thread: null };
  if (parts[0]) return { route: { kind: 'channel', id: parts[0] }, thread: parts[1] ? { channel: parts[0], ts: parts[1] } : null };
  return { route: null, thread: null };
}

function updateHash() {
  let hash = '';
  if (S.route?.kind === 'home') hash = '#/home';
  else if (S.route?.kind === 'channel') hash = `#/${encodeURIComponent(S.route.id)}${S.thread ? `/${encodeURIComponent(S.thread.ts)}` : ''}`;
  if (hash && hash !== location.hash) history.replaceState(null, '', hash);
}

/** A Slack-style permalink (…/archives/C123/p1700000000000100?thread_ts=…) to a channel of this sandbox. */
function parsePermalink(href) {
  let u;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  // A file's permalink (https://team.slack.com/files/U…/F…/name) goes to the message that shared it.
  const f = /^\/files\/[A-Z0-9]+\/(F[A-Z0-9]+)(?:\/|$)/i.exec(u.pathname);
  if (f) {
    const msg = S.state.messages.find((x) => x.files?.some((file) => file.id === f[1]));
    return msg ? { channel: msg.channel, ts: msg.ts, thread_ts: msg.thread_ts && msg.thread_ts !== msg.ts ? msg.thread_ts : null } : null;
  }
  const m = /\/archives\/([A-Z0-9]+)(?:\/p(\d+)(\d{6}))?\/?$/i.exec(u.pathname);
  if (!m || !channelName(m[1])) return null;
  const ts = m[2] ? `${m[2]}.${m[3]}` : null;
  return { channel: m[1], ts, thread_ts: u.searchParams.get('thread_ts') };
}

function followPermalink(p) {
  const st = S.state;
  if (!p.ts) return goChannel(p.channel);
  const msg = st.messages.find((m) => m.channel === p.channel && m.ts === p.ts);
  const parentTs = p.thread_ts ?? (msg && !isTopLevel(msg) ? msg.thread_ts : null);
  S.pendingFocus = { channel: p.channel, ts: p.ts };
  if (parentTs) openThread(p.channel, parentTs, { focus: false });
  else if (msg && repliesOf(p.channel, p.ts).length > 0) {
    goChannel(p.channel, { focus: false });
    openThread(p.channel, p.ts, { focus: false });
  } else goChannel(p.channel, { focus: false });
}

// ---------------------------------------------------------------------------------------------------------------
// Live updates

function connectEvents() {
  const live = $('#live');
  const setLive = (on) => {
    live.classList.toggle('on', on);
    live.classList.toggle('off', !on);
    live.title = on ? 'Live: updates arrive as they happen' : 'Reconnecting to the sandbox…';
  };
  let es;
  const open = () => {
    es = new EventSource(API.events);
    es.addEventListener('change', scheduleRefresh);
    es.addEventListener('open', () => {
      setLive(true);
      scheduleRefresh(); // catch up on anything missed while disconnected
    });
    es.addEventListener('error', () => {
      setLive(false);
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        setTimeout(open, 3000);
      }
    });
  };
  open();
}

// ---------------------------------------------------------------------------------------------------------------
// Start

function start() {
  refreshWith(refresh);
  const initial = parseHash();
  S.route = initial.route;
  S.thread = initial.thread;

  $('#user-switcher').addEventListener('change', (e) => {
    const next = e.target.value;
    if (!next || next === S.user) return;
    saveDrafts();
    S.user = next;
    localStorage.setItem(USER_KEY, next);
    S.closingModal = null;
    if (S.route?.kind === 'home') homeOpened();
    else refresh();
  });
  $('[data-home]').addEventListener('click', goHome);
  $('#thread-close').addEventListener('click', closeThread);
  $('#error-banner .error-close').addEventListener('click', () => hideError());

  wireComposer($('#composer'), $('#send'), () => (S.route?.kind === 'channel' ? { channel: S.route.id } : null), $('#attach'), $('#composer-file'));
  wireComposer($('#thread-composer'), $('#thread-send'), () => (S.thread ? { channel: S.thread.channel, thread_ts: S.thread.ts } : null), $('#thread-attach'), $('#thread-composer-file'));

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target?.closest('.overflow')) closeMenus();
    const a = /** @type {HTMLAnchorElement | null} */ (target?.closest('a[href]'));
    if (a && S.state) {
      const p = parsePermalink(a.href);
      if (p) {
        e.preventDefault();
        followPermalink(p);
        return;
      }
    }
    const ref = /** @type {HTMLElement | null} */ (target?.closest('[data-channel-ref]'));
    if (ref) goChannel(ref.dataset.channelRef);
  });

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (document.querySelector('.overflow-menu:not([hidden])')) return closeMenus();
    if (S.modalUi && document.getElementById('modal')) return void closeModal(S.modalUi.id);
    if (S.thread && document.activeElement?.id === 'thread-composer') closeThread();
  });

  window.addEventListener('hashchange', () => {
    const next = parseHash();
    if (next.route?.kind === 'home' && S.route?.kind !== 'home') goHome();
    else if (next.route?.kind === 'channel') {
      if (next.thread) openThread(next.thread.channel, next.thread.ts, { focus: false });
      else goChannel(next.route.id, { focus: false });
    }
  });

  refresh();
  connectEvents();
}

start();
