// Reading what the bot posted, the way the end-to-end tests need it.

/** Fallback text and blocks as one searchable string. */
export const allText = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}`;

/** What Slack parses for mentions and links: the fallback text and every mrkdwn text object (plain_text shows as typed). */
export function mrkdwnTexts(m: { text?: unknown; blocks?: unknown; view?: { blocks?: unknown } }): string[] {
  const out: string[] = typeof m.text === 'string' ? [m.text] : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(m.blocks ?? []);
  walk(m.view?.blocks ?? []);
  return out;
}

/** The interactive elements of a message's actions blocks. */
export const elements = (m: { blocks?: any[] }): any[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
export const actionIds = (m: { blocks?: any[] }) => elements(m).map((e) => e.action_id as string);
/** A question message: it carries rating or fact controls. */
export const isQuestion = (m: { blocks?: any[] }) => actionIds(m).some((id) => /^vet\.(rate|fact)/.test(id));
