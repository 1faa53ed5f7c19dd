// Text helpers for Slack mrkdwn. Everything a person or a bank typed goes through `esc` before it reaches mrkdwn,
// so "<!channel>", "<@U123>" or "<https://x|y>" in a vendor name or a note arrive as text, never as a ping or link,
// and "*Acme*" or "_beta_" arrive as typed, never as bold or italics. What the bot itself shows in bold or italics
// goes through `bold` or `italic` instead.
import { linkLabel, shownAddress } from '../messageText.js';

/**
 * U+200B ZERO WIDTH SPACE. mrkdwn has no backslash escape, and a marker with a space on either side neither opens
 * nor closes formatting ("a * b * c" shows its stars); an invisible space on each side does the same and shows
 * nothing. (Beside the bot's own marker it would stop that one too: see `bold`.)
 */
const MARKER_BREAK = '\u200B';

/** What mrkdwn reads as formatting: bold, italics, strike-through, code. */
const MARKERS = /[*_~`]/g;

/**
 * Look-alikes of the markers, for text inside the bot's own bold or italics: there a zero-width space beside a marker
 * would stop the bot's marker from opening or closing (a name starting with "*" showed as "**name*"), so each of the
 * typed markers is shown by a character that looks like it and formats nothing.
 */
const LOOKALIKES: Readonly<Record<string, string>> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };

function lookalikes(text: string): string {
  return escEntities(text).replace(MARKERS, (m) => LOOKALIKES[m]!);
}

/** Text a person or a bank typed, in bold: the bold is its only formatting, and it never pings or links. */
export function bold(text: string): string {
  return `*${lookalikes(text)}*`;
}

/** As `bold`, in italics. */
export function italic(text: string): string {
  return `_${lookalikes(text)}_`;
}

/** Only &, < and >: for a ``` block, where markers show as typed and joiners would break the columns' alignment. */
export function escEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function breakMarkers(text: string): string {
  return text.replace(MARKERS, (m) => `${MARKER_BREAK}${m}${MARKER_BREAK}`);
}

export function esc(text: string): string {
  return breakMarkers(escEntities(text));
}

/**
 * A sentence written by the flows: its backticks are the bot's own `/vet …` code spans, and whatever the person
 * typed (a vendor name, a time zone) is quoted in "double quotes", so only the quoted parts lose their markers.
 */
export function escSentence(text: string): string {
  return escEntities(text).replace(/"[^"\n]*"/g, breakMarkers);
}

const TYPED: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(LOOKALIKES).map(([typed, shown]) => [shown, typed]));
const SHOWN = new RegExp(`[${Object.values(LOOKALIKES).join('')}]`, 'g');

/**
 * Undoes what `esc` and `bold` add, for text a person copied from the bot's messages (a name shown in bold, a
 * `/vet …` command shown in a code span, where the joiners are invisible too) back into a command.
 */
export function withoutMarkerBreaks(text: string): string {
  return text.replaceAll(MARKER_BREAK, '').replace(SHOWN, (m) => TYPED[m]!);
}

/** Slack sends message text with &, < and > escaped; notes keep what the person actually typed. */
export { unescapeSlack } from './markup.js';

/**
 * A shared link as mrkdwn, showing its real address (host and path) as the link text, and its label beside it only
 * when the label cannot pass for another address. Anything that is not an http(s) URL is shown as text.
 */
export function addressLink(url: string, label: string | null): string {
  const shown = shownAddress(url);
  const extra = linkLabel(url, label);
  const quoted = extra ? ` (“${esc(extra)}”)` : '';
  if (!shown || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return `${esc(url)}${quoted}`;
  return `<${escEntities(url)}|${esc(shown)}>${quoted}`;
}

/** What an evaluator recorded as seen, as mrkdwn: text as typed, with any web address in it shown as its real address. */
export function seenText(seen: string): string {
  const url = /https?:\/\/[^\s<>|]+/i.exec(seen)?.[0];
  if (!url) return `“${esc(seen)}”`;
  const before = seen.slice(0, seen.indexOf(url)).trim();
  return `${before ? `${esc(before)} ` : ''}${addressLink(url, null)}`;
}

/** Slack's limit for a section's text and for a message's fallback text. */
export const MAX_SECTION_TEXT = 3000;
export const MAX_BUTTON_TEXT = 75;
export const MAX_PLAIN_HEADER = 150;

/** Cuts plain text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Joins lines into one text that stays within `max` characters; lines that do not fit are counted in a closing
 * "…and N more" line instead of being cut mid-way. `total`: how many lines there are, when only the first of them are
 * given (more than can fit, so the text is the one all of them would give).
 */
export function fitLines(lines: readonly string[], max = MAX_SECTION_TEXT, more = (n: number) => `…and ${n} more`, total = lines.length): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = total - i - 1;
    const reserve = rest > 0 ? more(rest + 1).length + 1 : 0;
    if (length + line.length + 1 + reserve > max) {
      out.push(more(total - i));
      return out.join('\n');
    }
    out.push(line);
    length += line.length + 1;
  }
  // Fewer given than there are (the caller's bound was too low): the rest are counted, in the room kept for it.
  if (total > lines.length) out.push(more(total - lines.length));
  return out.join('\n');
}

export function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

export function score(value: number | null): string {
  return value === null ? 'not rated' : `${Math.round(value)}/100`;
}

export function bullets(items: readonly string[]): string {
  return items.map((i) => `• ${esc(i)}`).join('\n');
}
