// Message text as Slack sends it in events and commands, read back into what the person typed. Neutral: the pure
// flows (which links a reply carries, its comment) and the slack layer (command arguments) read it alike.

/** Slack sends message text with &, < and > escaped; what a person typed is the text without them. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
