// Reads a slash command's text as Slack sends it with `should_escape: true`: a person picked from the @ list
// arrives as `<@U123|name>`, a channel as `<#C123|name>`, @here as `<!here>`, a link as `<url|label>`, and
// whatever was typed literally has &, < and > escaped. User mentions come out as ids; every other entity becomes
// what the person typed again, so vendor names and quotes read as they were written. Pure.
import { unescapeSlack, withoutMarkerBreaks } from './text.js';

export type CommandToken =
  /** A word, or a "quoted run of words" (straight or curly quotes, as Slack clients type them). */
  | { kind: 'word'; text: string; quoted: boolean }
  /** A person Slack recognised; `label` is the name they were shown with (the id when Slack sent none). */
  | { kind: 'user'; id: string; label: string }
  /** A channel Slack recognised (`<#C123|name>`); `label` is its name as shown ('' when Slack sent none). */
  | { kind: 'channel'; id: string; label: string };

type Part = { kind: 'text'; text: string } | { kind: 'user'; id: string; label: string } | { kind: 'channel'; id: string; label: string };

const QUOTES = new Set(['"', '“', '”']);
const USER = /^@([UW][A-Z0-9]+)(?:\|(.*))?$/s;
const CHANNEL = /^#([CG][A-Z0-9]+)(?:\|(.*))?$/s;

/** One `<…>` entity: a user mention, or the text the person typed for it. */
function readEntity(inner: string): Part {
  const [target = '', ...rest] = inner.split('|');
  const label = rest.length > 0 ? unescapeSlack(rest.join('|')) : null;
  const user = USER.exec(inner);
  if (user) return { kind: 'user', id: user[1]!, label: label ?? user[1]! };
  const channel = CHANNEL.exec(inner);
  if (channel) return { kind: 'channel', id: channel[1]!, label: label ?? '' };
  if (label !== null && target.startsWith('#')) return { kind: 'text', text: `#${label}` };
  if (label !== null) return { kind: 'text', text: label };
  // `<!here>`, `<!channel>`, `<!subteam^S123>`: typed as @here, @channel, ...
  if (target.startsWith('!')) return { kind: 'text', text: `@${target.slice(1).split('^')[0]}` };
  return { kind: 'text', text: unescapeSlack(target.replace(/^mailto:/, '')) };
}

/** The text as plain parts (entities turned back into what was typed, &amp; &lt; &gt; unescaped), user and channel mentions. */
export function decodeCommandText(escaped: string): Part[] {
  const parts: Part[] = [];
  const text = (t: string) => {
    if (t === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += t;
    else parts.push({ kind: 'text', text: t });
  };
  let at = 0;
  for (const m of escaped.matchAll(/<([^<>]*)>/g)) {
    text(unescapeSlack(escaped.slice(at, m.index)));
    const entity = readEntity(m[1]!);
    if (entity.kind === 'text') text(entity.text);
    else parts.push(entity);
    at = m.index + m[0].length;
  }
  text(unescapeSlack(escaped.slice(at)));
  return parts;
}

/**
 * Splits escaped command text into words, quoted runs and user mentions. A quote opens only at the start of a
 * word and runs to the next quote (or the end); a mention inside quotes is part of the quoted text (`@name`).
 */
export function tokenizeCommand(escaped: string): CommandToken[] {
  const tokens: CommandToken[] = [];
  let word: string | null = null;
  let quoted: string | null = null;
  const endWord = () => {
    if (word !== null) tokens.push({ kind: 'word', text: word, quoted: false });
    word = null;
  };
  // A name copied from one of the bot's messages carries the joiners that kept it from being formatted.
  for (const part of decodeCommandText(withoutMarkerBreaks(escaped))) {
    if (part.kind !== 'text') {
      const typed = part.kind === 'user' ? `@${part.label}` : `#${part.label}`;
      if (quoted !== null) quoted += typed;
      else {
        endWord();
        tokens.push(part);
      }
      continue;
    }
    for (const ch of part.text) {
      if (quoted !== null) {
        if (QUOTES.has(ch)) {
          tokens.push({ kind: 'word', text: quoted, quoted: true });
          quoted = null;
        } else quoted += ch;
      } else if (/\s/.test(ch)) endWord();
      else if (word === null && QUOTES.has(ch)) quoted = '';
      else word = (word ?? '') + ch;
    }
  }
  endWord();
  if (quoted !== null) tokens.push({ kind: 'word', text: quoted, quoted: true });
  return tokens;
}
