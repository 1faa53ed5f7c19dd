// vet sandbox: a Slack-like browser front-end for the local sandbox API (/sandbox/*).
// Plain ES module, no dependencies, no build step.
//
// Security rule for this file: nothing that came from the API is ever parsed as HTML. Every node is built with
// createElement / textContent (see `h`), and an href is only ever an absolute http(s) URL (see `safeUrl`).

const API = {
  state: '/sandbox/state',
  events: '/sandbox/events',
  send: '/sandbox/send',
  share: '/sandbox/share',
  action: '/sandbox/action',
  viewSubmit: '/sandbox/view_submit',
  viewClose: '/sandbox/view_close',
  homeOpened: '/sandbox/home_opened',
  ephemeralDismiss: '/sandbox/ephemeral_dismiss',
};

const USER_KEY = 'vet-sandbox-user';

/** The emoji shortcodes the bot uses; any other :shortcode: stays as text. */
const EMOJI = {
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  white_circle: '⚪',
  white_check_mark: '✅',
  warning: '⚠️',
  bell: '🔔',
  heavy_minus_sign: '➖',
  hourglass_flowing_sand: '⏳',
  inbox_tray: '📥',
  information_source: 'ℹ️',
  link: '🔗',
  page_facing_up: '📄',
  paperclip: '📎',
  x: '❌',
};

const AVATAR_COLOURS = ['#e8912d', '#2bac76', '#1264a3', '#e01e5a', '#4a154b', '#36c5f0', '#9b59b6', '#d4892b', '#0b8a8a'];

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers

const $ = (sel) => document.querySelector(sel);

/**
 * createElement with properties. Strings always become text nodes; `on*` keys must be functions; `href` goes
 * through safeUrl and is dropped when it is not http(s).
 */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k.startsWith('on')) {
        if (typeof v === 'function') el.addEventListener(k.slice(2), v);
      } else if (k === 'href') {
        const url = safeUrl(v);
        if (url) el.setAttribute('href', url);
      } else if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'selected' || k === 'multiple') el[k] = Boolean(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An absolute http(s) URL, normalised, or null. */
function safeUrl(u) {
  if (typeof u !== 'string' || u.trim() === '') return null;
  try {
    const p = new URL(u.trim());
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
  } catch {
    return null;
  }
}

function openExternal(url) {
  const safe = safeUrl(url);
  if (safe) window.open(safe, '_blank', 'noopener,noreferrer');
}

// ---------------------------------------------------------------------------------------------------------------
// App state

const S = {
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

const isBot = (id) => !!S.state && id === S.state.botUserId;

function userName(id) {
  if (!S.state) return null;
  if (id === S.state.botUserId) return 'vet';
  return S.state.users.find((u) => u.id === id)?.name ?? null;
}

function channelName(id) {
  return S.state?.channels.find((c) => c.id === id)?.name ?? null;
}

function humans() {
  return S.state ? S.state.users.filter((u) => u.id !== S.state.botUserId) : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Timestamps

/** A sortable key for a Slack ts "seconds.micro". */
function tsKey(ts) {
  const [s = '0', u = ''] = String(ts ?? '').split('.');
  return `${s.padStart(12, '0')}.${u.padEnd(6, '0')}`;
}

const byTs = (a, b) => (tsKey(a.ts) < tsKey(b.ts) ? -1 : tsKey(a.ts) > tsKey(b.ts) ? 1 : 0);

function tsDate(ts) {
  const [s = '0', u = '0'] = String(ts ?? '').split('.');
  return new Date(Number(s) * 1000 + Math.floor(Number(u.padEnd(6, '0').slice(0, 6)) / 1000));
}

const pad2 = (n) => String(n).padStart(2, '0');

function hhmm(ts) {
  const d = tsDate(ts);
  return Number.isNaN(d.getTime()) ? '' : `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function dayKey(ts) {
  const d = tsDate(ts);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function dayLabel(ts) {
  const d = tsDate(ts);
  if (Number.isNaN(d.getTime())) return '';
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(ts) === dayKey(today.getTime() / 1000)) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return d.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: d.getFullYear() === today.getFullYear() ? undefined : 'numeric' });
}

function timeEl(ts) {
  const d = tsDate(ts);
  return h('time', { class: 'msg-time', datetime: Number.isNaN(d.getTime()) ? undefined : d.toISOString(), title: Number.isNaN(d.getTime()) ? undefined : d.toLocaleString() }, hhmm(ts));
}

// ---------------------------------------------------------------------------------------------------------------
// Text: mrkdwn and plain_text

function decodeEntities(s) {
  return String(s).replace(/&(lt|gt|amp);/g, (_, e) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}

/** plain_text as-is, with the known emoji shortcodes turned into emoji. */
function plainNodes(text) {
  const s = String(text ?? '');
  const out = [];
  let last = 0;
  for (const m of s.matchAll(/:([a-z0-9_+-]+):/g)) {
    if (!EMOJI[m[1]]) continue;
    if (m.index > last) out.push(s.slice(last, m.index));
    out.push(h('span', { class: 'emoji', title: m[0] }, EMOJI[m[1]]));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

/** A Slack text object (plain_text or mrkdwn) as a node. */
function textObj(t, cls = '') {
  if (t === undefined || t === null) return null;
  if (typeof t === 'string') return h('span', { class: `plain ${cls}` }, plainNodes(t));
  if (t.type === 'mrkdwn') {
    const el = mrkdwn(t.text ?? '', { trusted: true });
    if (cls) el.classList.add(...cls.split(' ').filter(Boolean));
    return el;
  }
  return h('span', { class: `plain ${cls}` }, plainNodes(t.text ?? ''));
}

/** Splits text on ```code blocks```; an unclosed ``` stays as text. */
function splitCodeBlocks(text) {
  const out = [];
  let i = 0;
  for (;;) {
    const a = text.indexOf('```', i);
    if (a < 0) break;
    const b = text.indexOf('```', a + 3);
    if (b < 0) break;
    out.push({ code: false, text: text.slice(i, a) });
    out.push({
      code: true,
      text: text
        .slice(a + 3, b)
        .replace(/^\n/, '')
        .replace(/\n$/, ''),
    });
    i = b + 3;
  }
  out.push({ code: false, text: text.slice(i) });
  return out;
}

/**
 * Slack mrkdwn as DOM. `trusted` (the bot's text) honours <…> control sequences (links, mentions, @channel);
 * untrusted text (what a person typed) shows them literally.
 */
function mrkdwn(text, { trusted = true } = {}) {
  const root = h('div', { class: 'mrkdwn' });
  const parts = splitCodeBlocks(String(text ?? ''));
  parts.forEach((part, p) => {
    if (part.code) {
      root.append(h('pre', { class: 'code-block' }, decodeEntities(part.text)));
      return;
    }
    let t = part.text;
    if (p > 0 && parts[p - 1].code) t = t.replace(/^[ \t]*\n/, '');
    if (p < parts.length - 1 && parts[p + 1].code) t = t.replace(/\n[ \t]*$/, '');
    if (t === '' && parts.length > 1) return;
    let quote = null;
    for (const line of t.split('\n')) {
      const q = /^(?:>|&gt;) ?(.*)$/.exec(line);
      if (q) {
        if (!quote) root.append((quote = h('blockquote', { class: 'quote' })));
        quote.append(lineEl(q[1], trusted));
      } else {
        quote = null;
        root.append(lineEl(line, trusted));
      }
    }
  });
  return root;
}

function lineEl(line, trusted) {
  if (line.trim() === '') return h('div', { class: 'line empty' }, h('br'));
  const li = /^(\s*)([•◦▪-]) +(.*)$/.exec(line);
  if (li) {
    const depth = Math.min(4, Math.floor(li[1].replace(/\t/g, '    ').length / 2));
    return h(
      'div',
      { class: `line li depth-${depth}` },
      h('span', { class: 'bullet', 'aria-hidden': 'true' }, li[2] === '-' ? '•' : li[2]),
      h('span', { class: 'li-text' }, inline(li[3], trusted, 0)),
    );
  }
  return h('div', { class: 'line' }, inline(line, trusted, 0));
}

const WORDCHAR = /[\p{L}\p{N}]/u;
// A zero-width space beside a marker counts as a space, as the bot relies on in Slack: it puts one on each side of
// the *, _, ~ and ` in names people typed, so they show as typed rather than as formatting.
const SPACE = /[\s\u200B]/;

function canOpen(s, i) {
  const next = s[i + 1];
  if (next === undefined || SPACE.test(next) || next === s[i]) return false;
  return i === 0 || !WORDCHAR.test(s[i - 1]);
}

function findClose(s, i) {
  const c = s[i];
  let j = s.indexOf(c, i + 2);
  while (j > 0) {
    const before = s[j - 1];
    const after = s[j + 1];
    if (!SPACE.test(before) && (after === undefined || !WORDCHAR.test(after))) return j;
    j = s.indexOf(c, j + 1);
  }
  return -1;
}

function inline(s, trusted, depth) {
  const out = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push(...textRun(buf));
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '`') {
      const j = s.indexOf('`', i + 1);
      // A backtick with a zero-width space inside, as the bot writes one that was typed, opens no code span.
      if (j > i + 1 && s[i + 1] !== '\u200B' && s[j - 1] !== '\u200B') {
        flush();
        out.push(h('code', { class: 'inline-code' }, decodeEntities(s.slice(i + 1, j))));
        i = j + 1;
        continue;
      }
    } else if (c === '<' && trusted) {
      const j = s.indexOf('>', i + 1);
      if (j > i + 1) {
        const node = controlSequence(s.slice(i + 1, j));
        if (node) {
          flush();
          out.push(node);
          i = j + 1;
          continue;
        }
      }
    } else if ((c === '*' || c === '_' || c === '~') && depth < 4 && canOpen(s, i)) {
      const j = findClose(s, i);
      if (j > 0) {
        flush();
        const tag = c === '*' ? 'strong' : c === '_' ? 'em' : 's';
        out.push(h(tag, null, inline(s.slice(i + 1, j), trusted, depth + 1)));
        i = j + 1;
        continue;
      }
    } else if (c === ':') {
      const m = /^:([a-z0-9_+-]+):/.exec(s.slice(i, i + 64));
      if (m && EMOJI[m[1]]) {
        flush();
        out.push(h('span', { class: 'emoji', title: m[0] }, EMOJI[m[1]]));
        i += m[0].length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

/** Decoded text, with bare http(s) URLs made into links. */
function textRun(raw) {
  const s = decodeEntities(raw);
  const out = [];
  let last = 0;
  for (const m of s.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    let url = m[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const safe = safeUrl(url);
    if (!safe) continue;
    if (m.index > last) out.push(document.createTextNode(s.slice(last, m.index)));
    out.push(linkEl(safe, url));
    last = m.index + url.length;
  }
  if (last < s.length) out.push(document.createTextNode(s.slice(last)));
  return out;
}

function linkEl(url, label) {
  return h('a', { class: 'link', href: url, target: '_blank', rel: 'noopener noreferrer' }, label);
}

/** <…> in the bot's mrkdwn: mentions, @channel, links. null = not a control sequence: shown literally. */
function controlSequence(inner) {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : null;
  if (/^@[A-Z0-9]+$/i.test(target)) {
    const id = target.slice(1);
    return h('span', { class: `mention${id === S.user ? ' mention-me' : ''}`, 'data-user-id': id }, `@${userName(id) ?? label ?? id}`);
  }
  if (/^#[A-Z0-9]+$/i.test(target)) {
    const id = target.slice(1);
    const name = channelName(id);
    return h('span', { class: 'mention channel-mention', 'data-channel-ref': name ? id : undefined, role: name ? 'link' : undefined }, `#${name ?? label ?? id}`);
  }
  if (target.startsWith('!')) {
    const cmd = target.slice(1);
    if (cmd === 'channel' || cmd === 'here' || cmd === 'everyone') return h('span', { class: 'mention broadcast' }, `@${cmd}`);
    if (cmd.startsWith('subteam^')) return h('span', { class: 'mention' }, label ?? '@group');
    if (cmd.startsWith('date^')) return document.createTextNode(label ?? cmd);
    return null;
  }
  const url = decodeEntities(target);
  const safe = safeUrl(url);
  if (safe) return linkEl(safe, label ?? url);
  // Another scheme (mailto:, javascript:, …): text only, never a link.
  if (/^[a-z][a-z0-9+.-]*:\S/i.test(url)) return document.createTextNode(label ?? url);
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// rich_text blocks (what Slack clients send for typed messages; not used by the bot, rendered for completeness)

function richInline(e) {
  let node;
  switch (e.type) {
    case 'text':
      node = document.createTextNode(e.text ?? '');
      break;
    case 'link': {
      const safe = safeUrl(e.url);
      node = safe ? linkEl(safe, e.text || e.url) : document.createTextNode(e.text || e.url || '');
      break;
    }
    case 'user':
      node = h('span', { class: 'mention' }, `@${userName(e.user_id) ?? e.user_id}`);
      break;
    case 'channel':
      node = h('span', { class: 'mention channel-mention' }, `#${channelName(e.channel_id) ?? e.channel_id}`);
      break;
    case 'broadcast':
      node = h('span', { class: 'mention broadcast' }, `@${e.range}`);
      break;
    case 'emoji':
      node = EMOJI[e.name] ? h('span', { class: 'emoji' }, EMOJI[e.name]) : document.createTextNode(`:${e.name}:`);
      break;
    default:
      node = document.createTextNode('');
  }
  const st = e.style ?? {};
  if (st.code) node = h('code', { class: 'inline-code' }, node);
  if (st.bold) node = h('strong', null, node);
  if (st.italic) node = h('em', null, node);
  if (st.strike) node = h('s', null, node);
  return node;
}

function richText(b) {
  const root = h('div', { class: 'mrkdwn rich' });
  for (const el of b.elements ?? []) {
    const kids = (el.elements ?? []).map((x) => (x.type === 'rich_text_section' ? h('span', null, (x.elements ?? []).map(richInline)) : richInline(x)));
    if (el.type === 'rich_text_preformatted') root.append(h('pre', { class: 'code-block' }, kids));
    else if (el.type === 'rich_text_quote') root.append(h('blockquote', { class: 'quote' }, h('div', { class: 'line' }, kids)));
    else if (el.type === 'rich_text_list')
      root.append(
        h(
          el.style === 'ordered' ? 'ol' : 'ul',
          { class: 'rich-list' },
          kids.map((k) => h('li', null, k)),
        ),
      );
    else root.append(h('div', { class: 'line' }, kids));
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------------
// Block Kit

/**
 * ctx: { surface: 'message' | 'home' | 'modal', dispatch?(block, action, node), collect?(input), errorSlot?(blockId, el) }
 * dispatch is set where interactions POST at once (messages, home); collect is set for a modal's input blocks.
 */
function renderBlocks(blocks, ctx) {
  const wrap = h('div', { class: 'blocks' });
  (Array.isArray(blocks) ? blocks : []).forEach((b, index) => {
    try {
      const el = renderBlock(b, ctx, index);
      if (el) wrap.append(el);
    } catch (e) {
      console.error('block render failed', b, e);
      wrap.append(h('div', { class: 'b-unknown' }, `[this ${b?.type ?? 'unknown'} block could not be shown]`));
    }
  });
  return wrap;
}

function renderBlock(b, ctx, index) {
  if (!b || typeof b !== 'object') return null;
  const attrs = (cls) => ({ class: cls, 'data-block-id': b.block_id });
  switch (b.type) {
    case 'header':
      return h('div', attrs('b-header'), plainNodes(b.text?.text ?? ''));
    case 'section': {
      const main = h('div', { class: 'b-section-main' });
      if (b.text) main.append(textObj(b.text));
      if (Array.isArray(b.fields) && b.fields.length > 0)
        main.append(
          h(
            'div',
            { class: 'b-fields' },
            b.fields.map((f) => h('div', { class: 'b-field' }, textObj(f))),
          ),
        );
      const sec = h('div', attrs('b-section'), main);
      if (b.accessory && b.accessory.type !== 'image') sec.append(h('div', { class: 'b-accessory' }, renderElement(b.accessory, b, ctx)));
      return sec;
    }
    case 'context':
      return h(
        'div',
        attrs('b-context'),
        (b.elements ?? []).map((e) => (e.type === 'image' ? h('span', { class: 'ctx-image', title: e.alt_text ?? '' }, '🖼') : textObj(e))),
      );
    case 'divider':
      return h('hr', attrs('b-divider'));
    case 'actions':
      return h(
        'div',
        attrs('b-actions'),
        (b.elements ?? []).map((e) => renderElement(e, b, ctx)),
      );
    case 'input':
      return inputBlock(b, ctx, index);
    case 'image':
      return h('div', attrs('b-image'), h('span', { class: 'b-image-icon', 'aria-hidden': 'true' }, '🖼'), h('span', null, b.title?.text ? `${b.title.text}: ` : '', b.alt_text ?? 'image'));
    case 'rich_text':
      return richText(b);
    default:
      return h('div', attrs('b-unknown'), `[${b.type ?? 'unknown'} block]`);
  }
}

function inputBlock(b, ctx, index) {
  const blockId = b.block_id ?? `block-${index}`;
  const inputId = `in-${Math.random().toString(36).slice(2, 10)}`;
  const errorEl = h('div', { class: 'input-error', role: 'alert', hidden: true });
  const wrap = h('div', { class: 'b-input', 'data-block-id': blockId });
  add(wrap, [
    h('label', { class: 'input-label', for: inputId }, plainNodes(b.label?.text ?? ''), b.optional ? h('span', { class: 'optional' }, ' (optional)') : null),
    renderElement(b.element ?? {}, { ...b, block_id: blockId }, ctx, { inInput: true, inputId }),
    b.hint ? h('div', { class: 'input-hint' }, plainNodes(b.hint.text ?? '')) : null,
    errorEl,
  ]);
  ctx.errorSlot?.(blockId, { wrap, errorEl });
  return wrap;
}

function placeholderText(el, fallback) {
  return el.placeholder?.text ?? fallback;
}

function optionsOf(el) {
  if (Array.isArray(el.option_groups)) return el.option_groups.flatMap((g) => g.options ?? []);
  return Array.isArray(el.options) ? el.options : [];
}

/** Text with the known emoji shortcodes replaced, for places that only take a string (<option>). */
function emojiText(text) {
  return String(text ?? '').replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] ?? all);
}

const optionText = (o) => (typeof o?.text === 'string' ? o.text : (o?.text?.text ?? String(o?.value ?? '')));
const optionPayload = (o) => (o ? { text: o.text, value: o.value } : null);

/**
 * One interactive element. In messages and the home tab it POSTs an action when used; in a modal's input block
 * it only registers a reader with ctx.collect; elsewhere in a modal it is shown but inert.
 */
function renderElement(el, block, ctx, opts = {}) {
  const blockId = block.block_id;
  const actionId = el.action_id ?? '';
  const collecting = !!opts.inInput && ctx.surface === 'modal';
  const live = !collecting && typeof ctx.dispatch === 'function';
  const fire = (action, node) => {
    if (live) ctx.dispatch(block, { block_id: blockId, action_id: actionId, ...action }, node);
  };
  const base = { 'data-action-id': actionId, id: opts.inputId };
  const register = (read, snapshot, restore) => {
    if (collecting) ctx.collect?.({ block_id: blockId, action_id: actionId, read, snapshot, restore });
  };

  switch (el.type) {
    case 'button': {
      const url = safeUrl(el.url);
      const btn = h(
        'button',
        { type: 'button', class: `btn${el.style === 'primary' ? ' btn-primary' : el.style === 'danger' ? ' btn-danger' : ''}`, ...base, title: url ?? undefined },
        plainNodes(el.text?.text ?? ''),
        url ? h('span', { class: 'ext', 'aria-hidden': 'true' }, ' ↗') : null,
      );
      if (!live) {
        btn.disabled = ctx.surface === 'modal';
        if (btn.disabled) btn.title = 'Not available in the sandbox';
      }
      btn.addEventListener('click', () => {
        if (url) openExternal(url);
        fire({ type: 'button', value: el.value, text: el.text }, btn);
      });
      return btn;
    }

    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      let items;
      let initial;
      if (el.type === 'users_select') {
        items = humans().map((u) => ({ value: u.id, label: u.name }));
        initial = el.initial_user;
      } else if (el.type === 'conversations_select' || el.type === 'channels_select') {
        items = (S.state?.channels ?? []).map((c) => ({ value: c.id, label: `#${c.name}` }));
        initial = el.type === 'channels_select' ? el.initial_channel : el.initial_conversation;
      } else {
        initial = el.initial_option?.value;
        items = null;
      }
      const sel = h('select', { class: 'select', ...base });
      const ph = h('option', { value: '', disabled: true }, placeholderText(el, el.type === 'users_select' ? 'Select a user' : 'Select an item'));
      sel.append(ph);
      if (items) {
        for (const it of items) sel.append(h('option', { value: it.value }, it.label));
      } else if (Array.isArray(el.option_groups)) {
        for (const g of el.option_groups)
          sel.append(
            h(
              'optgroup',
              { label: optionText({ text: g.label }) },
              (g.options ?? []).map((o) => h('option', { value: o.value ?? '' }, emojiText(optionText(o)))),
            ),
          );
      } else {
        for (const o of optionsOf(el)) sel.append(h('option', { value: o.value ?? '' }, emojiText(optionText(o))));
      }
      if (initial !== undefined && initial !== null && [...sel.options].some((o) => o.value === initial && !o.disabled)) sel.value = initial;
      else ph.selected = true;
      const read = () => {
        const v = sel.value || null;
        if (el.type === 'users_select') return { type: el.type, selected_user: v };
        if (el.type === 'channels_select') return { type: el.type, selected_channel: v };
        if (el.type === 'conversations_select') return { type: el.type, selected_conversation: v };
        return { type: el.type, selected_option: optionPayload(optionsOf(el).find((o) => o.value === v)) };
      };
      sel.addEventListener('change', () => fire(read(), sel));
      register(
        read,
        () => sel.value,
        (v) => {
          if ([...sel.options].some((o) => o.value === v)) sel.value = v;
        },
      );
      return sel;
    }

    case 'multi_static_select':
    case 'multi_users_select': {
      const isUsers = el.type === 'multi_users_select';
      const items = isUsers ? humans().map((u) => ({ value: u.id, label: u.name })) : optionsOf(el).map((o) => ({ value: o.value ?? '', label: optionText(o) }));
      const initial = new Set(isUsers ? (el.initial_users ?? []) : (el.initial_options ?? []).map((o) => o.value));
      const sel = h(
        'select',
        { class: 'select multi', multiple: true, size: Math.min(5, Math.max(2, items.length)), ...base },
        items.map((it) => h('option', { value: it.value, selected: initial.has(it.value) }, emojiText(it.label))),
      );
      const read = () => {
        const vals = [...sel.selectedOptions].map((o) => o.value);
        return isUsers
          ? { type: el.type, selected_users: vals }
          : {
              type: el.type,
              selected_options: optionsOf(el)
                .filter((o) => vals.includes(o.value))
                .map(optionPayload),
            };
      };
      sel.addEventListener('change', () => fire(read(), sel));
      register(
        read,
        () => [...sel.selectedOptions].map((o) => o.value),
        (vals) => {
          for (const o of sel.options) o.selected = vals.includes(o.value);
        },
      );
      return sel;
    }

    case 'overflow': {
      const wrap = h('div', { class: 'overflow' });
      const trigger = h('button', { type: 'button', class: 'btn overflow-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'More options', ...base }, '⋯');
      const menu = h('div', { class: 'overflow-menu', role: 'menu', hidden: true });
      const close = () => {
        menu.hidden = true;
        trigger.setAttribute('aria-expanded', 'false');
      };
      for (const o of optionsOf(el)) {
        menu.append(
          h(
            'button',
            {
              type: 'button',
              role: 'menuitem',
              class: 'overflow-item',
              'data-value': o.value ?? '',
              onclick: (e) => {
                e.stopPropagation();
                close();
                if (o.url) openExternal(o.url);
                fire({ type: 'overflow', selected_option: optionPayload(o) }, trigger);
              },
            },
            plainNodes(optionText(o)),
          ),
        );
      }
      trigger.addEventListener('click', (e) => {
        e.stopPropagation();
        const opening = menu.hidden;
        closeMenus();
        if (opening && live) {
          menu.hidden = false;
          trigger.setAttribute('aria-expanded', 'true');
        }
      });
      if (!live) trigger.disabled = true;
      wrap.append(trigger, menu);
      return wrap;
    }

    case 'datepicker':
    case 'timepicker': {
      const isDate = el.type === 'datepicker';
      const input = h('input', {
        type: isDate ? 'date' : 'time',
        class: 'text-input date-input',
        title: placeholderText(el, isDate ? 'Select a date' : 'Select a time'),
        'aria-label': placeholderText(el, isDate ? 'Select a date' : 'Select a time'),
        ...base,
      });
      const initial = isDate ? el.initial_date : el.initial_time;
      if (initial) input.value = initial;
      const read = () => (isDate ? { type: el.type, selected_date: input.value || null } : { type: el.type, selected_time: input.value || null });
      input.addEventListener('change', () => {
        if (input.value) fire(read(), input);
      });
      register(
        read,
        () => input.value,
        (v) => {
          input.value = v;
        },
      );
      return input;
    }

    case 'plain_text_input':
    case 'number_input':
    case 'url_text_input':
    case 'email_text_input': {
      const multiline = el.type === 'plain_text_input' && el.multiline;
      const common = { class: multiline ? 'text-input textarea' : 'text-input', placeholder: el.placeholder?.text, ...base };
      let input;
      if (multiline) input = h('textarea', { ...common, rows: 4 });
      else if (el.type === 'number_input') {
        input = h('input', {
          ...common,
          type: 'number',
          step: el.is_decimal_allowed ? 'any' : '1',
          inputmode: el.is_decimal_allowed ? 'decimal' : 'numeric',
          min: el.min_value,
          max: el.max_value,
        });
      } else input = h('input', { ...common, type: el.type === 'url_text_input' ? 'url' : el.type === 'email_text_input' ? 'email' : 'text' });
      if (el.type === 'plain_text_input') {
        if (Number.isFinite(el.max_length)) input.maxLength = el.max_length;
        if (Number.isFinite(el.min_length)) input.minLength = el.min_length;
      }
      if (el.initial_value !== undefined && el.initial_value !== null) input.value = String(el.initial_value);
      const read = () => ({ type: el.type, value: input.value === '' ? null : input.value });
      if (!multiline) {
        input.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && !e.isComposing && live) {
            e.preventDefault();
            fire(read(), input);
          }
        });
      }
      register(
        read,
        () => input.value,
        (v) => {
          input.value = v;
        },
      );
      if (multiline && Number.isFinite(el.max_length)) {
        const counter = h('div', { class: 'char-count' });
        const update = () => {
          const left = el.max_length - input.value.length;
          counter.textContent = left < 100 ? `${left} characters left` : '';
        };
        input.addEventListener('input', update);
        update();
        return h('div', { class: 'textarea-wrap' }, input, counter);
      }
      return input;
    }

    case 'checkboxes':
    case 'radio_buttons': {
      const isRadio = el.type === 'radio_buttons';
      const name = `g-${Math.random().toString(36).slice(2, 10)}`;
      const initial = new Set(isRadio ? (el.initial_option ? [el.initial_option.value] : []) : (el.initial_options ?? []).map((o) => o.value));
      const group = h('div', { class: `choice-group ${isRadio ? 'radios' : 'checkboxes'}`, role: isRadio ? 'radiogroup' : 'group', ...base, id: undefined });
      const inputs = [];
      for (const o of optionsOf(el)) {
        const box = h('input', { type: isRadio ? 'radio' : 'checkbox', name, value: o.value ?? '', checked: initial.has(o.value), id: inputs.length === 0 ? opts.inputId : undefined });
        inputs.push(box);
        group.append(h('label', { class: 'choice' }, box, h('span', { class: 'choice-text' }, textObj(o.text), o.description ? h('span', { class: 'choice-desc' }, textObj(o.description)) : null)));
      }
      const read = () => {
        const checked = optionsOf(el).filter((_o, i) => inputs[i]?.checked);
        return isRadio ? { type: el.type, selected_option: optionPayload(checked[0]) } : { type: el.type, selected_options: checked.map(optionPayload) };
      };
      for (const box of inputs) box.addEventListener('change', () => fire(read(), group));
      register(
        read,
        () => inputs.map((i) => i.checked),
        (vals) =>
          inputs.forEach((i, n) => {
            i.checked = !!vals[n];
          }),
      );
      return group;
    }

    case 'image':
      return null;

    default:
      return h('span', { class: 'b-unknown' }, `[${el.type ?? 'unknown'} element]`);
  }
}

function closeMenus() {
  for (const m of document.querySelectorAll('.overflow-menu:not([hidden])')) {
    m.hidden = true;
    m.previousElementSibling?.setAttribute('aria-expanded', 'false');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// API

class ApiError extends Error {}

async function post(path, body) {
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('the sandbox server cannot be reached');
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok || (data && data.ok === false)) {
    const detail = data && data.error ? String(data.error) : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    throw new ApiError(detail);
  }
  return data ?? { ok: true };
}

/** POST, show a failure in the banner, mark `node` busy meanwhile, refetch the state afterwards. */
async function act(path, body, node, what) {
  node?.classList.add('pending');
  if (node && 'disabled' in node) node.disabled = true;
  try {
    return await post(path, body);
  } catch (e) {
    showError(`${what}: ${e.message}`);
    return null;
  } finally {
    node?.classList.remove('pending');
    if (node && 'disabled' in node) node.disabled = false;
    await refresh();
  }
}

function showError(message, kind = 'api') {
  const banner = $('#error-banner');
  banner.querySelector('.error-text').textContent = message;
  banner.hidden = false;
  S.bannerKind = kind;
  clearTimeout(S.bannerTimer);
  if (kind === 'api') S.bannerTimer = setTimeout(hideError, 12000);
}

function hideError(kind) {
  if (kind && S.bannerKind !== kind) return;
  $('#error-banner').hidden = true;
  S.bannerKind = null;
}

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
// Indexes over the state

const isTopLevel = (m) => !m.thread_ts || m.thread_ts === m.ts;
/** Shown in the channel: top-level messages and thread replies also sent to the channel (reply_broadcast). */
const inChannel = (m) => isTopLevel(m) || m.broadcast === true;

function newestTop(channelId) {
  let best = '';
  for (const m of S.state.messages) if (m.channel === channelId && inChannel(m) && tsKey(m.ts) > best) best = tsKey(m.ts);
  return best;
}

function repliesOf(channel, ts) {
  return S.state.messages.filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts).sort(byTs);
}

function threadEphemerals(channel, ts) {
  return S.state.ephemerals.filter((e) => e.channel === channel && e.thread_ts === ts && e.ts !== ts);
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
      build: () => messageEl(it, { threadInfo, inThread: false }),
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
    { key: `parent:${ts}`, sig: JSON.stringify([parent, S.dirVersion, S.user]), build: () => messageEl({ kind: 'msg', m: parent }, { inThread: true, isParent: true }) },
    { key: 'count', sig: String(replies.length), build: () => h('div', { class: 'reply-count' }, h('span', null, replies.length === 1 ? '1 reply' : `${replies.length} replies`), h('hr')) },
  ];
  for (const it of items) specs.push({ key: `${it.kind}:${it.m.ts}`, sig: JSON.stringify([it.m, S.dirVersion, S.user]), build: () => messageEl(it, { inThread: true }) });
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

function channelIntro(channelId) {
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

function dayDivider(ts) {
  return h('div', { class: 'day-divider', role: 'separator' }, h('span', null, dayLabel(ts)));
}

function avatarColour(id) {
  let n = 0;
  for (const ch of String(id)) n = (n * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[n % AVATAR_COLOURS.length];
}

function avatarEl(userId, name) {
  const bot = isBot(userId);
  const el = h('div', { class: `avatar${bot ? ' avatar-bot' : ''}`, 'aria-hidden': 'true' }, (name || '?').trim().charAt(0).toUpperCase() || '?');
  if (!bot) el.style.backgroundColor = avatarColour(userId);
  return el;
}

function messageEl(item, { threadInfo = null, inThread = false, isParent = false }) {
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

// ---------------------------------------------------------------------------------------------------------------
// Files

/** The largest file the sandbox takes: MAX_FILE_BYTES in src/sandbox/server.ts. */
const MAX_FILE_BYTES = 10_000_000;

/** As Slack's clients show sizes: 812 B, 4.2 kB, 3.1 MB (the same as formatSize in src/sandbox/fileTypes.ts). */
function formatSize(bytes) {
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

/** The file waiting in each composer (by its textarea's id), shared with the next Send. */
const attachments = new Map();

/** The chip's remove button: the composer is left with no file, ready to type. */
function removeAttachment(ta) {
  setAttachment(ta, null);
  ta.focus();
}

function setAttachment(ta, file) {
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
// Modal

function renderModal() {
  const m = S.state?.modal;
  const existing = document.getElementById('modal');
  if (!m || !m.view || m.id === S.closingModal) {
    if (existing) existing.remove();
    S.modalUi = null;
    return;
  }
  const sig = JSON.stringify([m.id, m.view, S.dirVersion, S.user]);
  if (existing && S.modalUi?.sig === sig) return;

  // The same view updated (views.update): keep what was typed in inputs that are still there, as Slack does.
  let saved = null;
  let scroll = 0;
  if (existing && S.modalUi?.id === m.id) {
    saved = new Map(S.modalUi.inputs.map((i) => [`${i.block_id}\u0000${i.action_id}`, i.snapshot()]));
    scroll = existing.querySelector('.modal-body')?.scrollTop ?? 0;
  }

  const ui = { id: m.id, sig, inputs: [], slots: new Map(), submitting: false };
  const ctx = { surface: 'modal', collect: (i) => ui.inputs.push(i), errorSlot: (blockId, slot) => ui.slots.set(blockId, slot) };
  const v = m.view;
  const hasInputs = (v.blocks ?? []).some((b) => b?.type === 'input');
  const generalError = h('div', { class: 'modal-error', role: 'alert', hidden: true });
  const cancel = h('button', { type: 'button', id: 'modal-cancel', class: 'btn', onclick: () => closeModal(m.id) }, plainNodes(v.close?.text ?? 'Cancel'));
  const submit =
    v.submit || hasInputs ? h('button', { type: 'button', id: 'modal-submit', class: 'btn btn-primary', onclick: () => submitModal(ui, m.id) }, plainNodes(v.submit?.text ?? 'Submit')) : null;
  ui.submitBtn = submit;
  ui.generalError = generalError;
  const body = h('div', { class: 'modal-body' }, renderBlocks(v.blocks, ctx), generalError);
  const overlay = h(
    'div',
    { id: 'modal', class: 'modal-overlay', 'data-view-id': m.id },
    h(
      'div',
      { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title' },
      h(
        'div',
        { class: 'modal-header' },
        h('h2', { id: 'modal-title' }, plainNodes(v.title?.text ?? '')),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close', onclick: () => closeModal(m.id) }, '×'),
      ),
      body,
      h('div', { class: 'modal-footer' }, cancel, submit),
    ),
  );
  if (existing) existing.replaceWith(overlay);
  else document.body.append(overlay);
  S.modalUi = ui;

  if (saved) {
    for (const i of ui.inputs) {
      const k = `${i.block_id}\u0000${i.action_id}`;
      if (saved.has(k)) i.restore(saved.get(k));
    }
    body.scrollTop = scroll;
  } else {
    const first = overlay.querySelector('.modal-body input:not([type=hidden]), .modal-body textarea, .modal-body select');
    (first ?? submit ?? cancel).focus();
  }
}

async function closeModal(viewId) {
  S.closingModal = viewId;
  renderModal();
  await act(API.viewClose, { user: S.user, view_id: viewId }, null, 'Closing the dialog failed');
  // act() has refetched the state: a view the server still has open (the close failed) shows again.
  if (S.closingModal === viewId) {
    S.closingModal = null;
    renderModal();
  }
}

async function submitModal(ui, viewId) {
  if (ui.submitting) return;
  for (const { wrap, errorEl } of ui.slots.values()) {
    errorEl.hidden = true;
    errorEl.textContent = '';
    wrap.classList.remove('has-error');
  }
  ui.generalError.hidden = true;
  const values = {};
  for (const i of ui.inputs) (values[i.block_id] ??= {})[i.action_id] = i.read();
  ui.submitting = true;
  ui.submitBtn?.classList.add('pending');
  if (ui.submitBtn) ui.submitBtn.disabled = true;
  try {
    const res = await post(API.viewSubmit, { user: S.user, view_id: viewId, values });
    const errors = res && typeof res.errors === 'object' && res.errors !== null ? res.errors : null;
    if (errors && Object.keys(errors).length > 0) {
      const unplaced = [];
      let firstSlot = null;
      for (const [blockId, message] of Object.entries(errors)) {
        const slot = ui.slots.get(blockId);
        if (!slot) {
          unplaced.push(String(message));
          continue;
        }
        slot.errorEl.textContent = String(message);
        slot.errorEl.hidden = false;
        slot.wrap.classList.add('has-error');
        firstSlot ??= slot;
      }
      if (unplaced.length > 0) {
        ui.generalError.textContent = unplaced.join(' ');
        ui.generalError.hidden = false;
      }
      firstSlot?.wrap.scrollIntoView({ block: 'nearest' });
      firstSlot?.wrap.querySelector('input, textarea, select')?.focus();
    }
  } catch (e) {
    ui.generalError.textContent = `Submitting failed: ${e.message}`;
    ui.generalError.hidden = false;
  } finally {
    ui.submitting = false;
    ui.submitBtn?.classList.remove('pending');
    if (ui.submitBtn) ui.submitBtn.disabled = false;
    await refresh();
  }
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

async function dismissEphemeral(m, el) {
  if (el) el.hidden = true;
  await act(API.ephemeralDismiss, { user: S.user, ts: m.ts }, null, 'Dismissing failed');
  if (el) el.hidden = false; // the refetch removes it for good; if it did not, it comes back
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

function autosize(ta) {
  ta.style.height = 'auto';
  ta.style.height = `${Math.min(ta.scrollHeight, 220)}px`;
}

function wireComposer(ta, btn, target, attach, picker) {
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
    const a = target?.closest('a[href]');
    if (a && S.state) {
      const p = parsePermalink(a.href);
      if (p) {
        e.preventDefault();
        followPermalink(p);
        return;
      }
    }
    const ref = target?.closest('[data-channel-ref]');
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
