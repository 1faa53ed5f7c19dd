// @ts-check
// Slack's text formats as DOM: mrkdwn (the bot's and people's messages), plain_text, rich_text, emoji codes.

import { h, safeUrl } from './dom.js';
import { S, channelName, userName } from './state.js';

/** The emoji shortcodes the bot uses; any other :shortcode: stays as text. */
export const EMOJI = {
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  white_circle: '⚪',
  white_check_mark: '✅',
  warning: '⚠️',
  no_entry: '⛔',
  x: '❌',
  bell: '🔔',
  heavy_minus_sign: '➖',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  mag: '🔍',
  bust_in_silhouette: '👤',
  lock: '🔒',
  twisted_rightwards_arrows: '🔀',
  inbox_tray: '📥',
  incoming_envelope: '📨',
  link: '🔗',
  page_facing_up: '📄',
  paperclip: '📎',
  speech_balloon: '💬',
  wave: '👋',
};

// ---------------------------------------------------------------------------------------------------------------
// Text: mrkdwn and plain_text

export function decodeEntities(s) {
  return String(s).replace(/&(lt|gt|amp);/g, (_, e) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}

/** plain_text as-is, with the known emoji shortcodes turned into emoji. */
export function plainNodes(text) {
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
export function textObj(t, cls = '') {
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
export function mrkdwn(text, { trusted = true } = {}) {
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

export function linkEl(url, label) {
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

export function richText(b) {
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

/** Text with the known emoji shortcodes replaced, for places that only take a string (<option>). */
export function emojiText(text) {
  return String(text ?? '').replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] ?? all);
}
