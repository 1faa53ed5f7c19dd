// Action, block and callback ids shared by the renderers and the listeners: one place, so they cannot drift.

export const ACTION = {
  rate: 'vet.rate',
  evidence: 'vet.evidence',
  na: 'vet.na',
  skip: 'vet.skip',
  note: 'vet.note',
  factDate: 'vet.fact.date',
  factBool: 'vet.fact.bool',
  factNone: 'vet.fact.none',
  factOpen: 'vet.fact.open',
} as const;

export const CALLBACK = {
  note: 'vet.note',
  fact: 'vet.fact',
} as const;

export const INPUT = {
  note: 'note',
  link: 'link',
  number: 'number',
  list: 'list',
} as const;

/** A question's interactive blocks carry the interview and question they belong to: `vet|<interview>|<question>|<n>`. */
export function questionBlockId(interviewId: number, questionId: string, n: number): string {
  return `vet|${interviewId}|${questionId}|${n}`;
}

export function parseQuestionBlockId(blockId: string | undefined): { interviewId: number; questionId: string } | null {
  const m = /^vet\|(\d+)\|([a-z0-9-]+)\|\d+$/.exec(blockId ?? '');
  return m ? { interviewId: Number(m[1]), questionId: m[2]! } : null;
}

/** Modal metadata: which question of which interview, and the message to refresh afterwards. */
export interface ModalMeta {
  interviewId: number;
  questionId: string;
  channelId: string;
  messageTs: string | null;
}

export function encodeMeta(m: ModalMeta): string {
  return JSON.stringify(m);
}

export function decodeMeta(s: string | undefined): ModalMeta | null {
  try {
    const m = JSON.parse(s ?? '') as Partial<ModalMeta>;
    return typeof m.interviewId === 'number' && typeof m.questionId === 'string' && typeof m.channelId === 'string'
      ? { interviewId: m.interviewId, questionId: m.questionId, channelId: m.channelId, messageTs: m.messageTs ?? null }
      : null;
  } catch {
    return null;
  }
}
