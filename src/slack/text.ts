// Text helpers for Slack mrkdwn. Everything a person or a bank typed goes through `esc` before it reaches mrkdwn,
// so "<!channel>", "<@U123>" or "<https://x|y>" in a vendor name or a note arrive as text, never as a ping or link.

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack sends message text with &, < and > escaped; notes keep what the person actually typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
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
 * "…and N more" line instead of being cut mid-way.
 */
export function fitLines(lines: readonly string[], max = MAX_SECTION_TEXT, more = (n: number) => `…and ${n} more`): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = lines.length - i - 1;
    const reserve = rest > 0 ? more(rest + 1).length + 1 : 0;
    if (length + line.length + 1 + reserve > max) {
      out.push(more(lines.length - i));
      return out.join('\n');
    }
    out.push(line);
    length += line.length + 1;
  }
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
