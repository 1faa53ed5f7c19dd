// An interview's revision (0026_interview_revision) and what rests on it: a click that finds the revision it knows
// under the interview's lock reads nothing again, and a question message that shows the latest revision is not read
// again after its update. So every change under an interview must move the revision on, on every instance.
import { afterEach, describe, expect, it } from 'vitest';
import { createInterviewFlow, type InterviewFlow } from '../src/flows/interview.js';
import type { AnswerAction, QuestionView } from '../src/flows/views.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { getRevision } from '../src/store/interviews.js';
import { createStore } from '../src/store/store.js';
import { freshTarget } from './support/database.js';
import { manualClock } from './support/temp.js';

const as = (userId: string) => ({ userId, admin: false, riskOwner: false, external: false });
const RATE: AnswerAction = { kind: 'rate', level: 2 };

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

/** Two instances of the interview flow, each over its own connection to one fresh database. */
async function twoInstances(): Promise<{ a: InterviewFlow; b: InterviewFlow; db: Db }> {
  const target = await freshTarget();
  const [da, db] = [await openDatabase(target), await openDatabase(target)];
  opened.push(da, db);
  const clock = manualClock('2026-12-01T10:00:00Z');
  const flow = (d: Db) => createInterviewFlow({ store: createStore(d), bank: STANDARD_BANK, clock });
  return { a: flow(da), b: flow(db), db: da };
}

async function started(flow: InterviewFlow, evaluators: string[] = ['U2'], vendorName = 'Acme', channelId = 'C1'): Promise<QuestionView> {
  const out = await flow.start({ vendorName, model: null, variant: 'lite', channelId, lead: as('U1'), evaluators });
  if (out.kind !== 'started') throw new Error(out.kind);
  return out.first;
}

/** A rating of a question that is not a fact, so the click records at once. */
async function rate(flow: InterviewFlow, q: QuestionView, userId: string) {
  const out = await flow.answer({ interviewId: q.interview.id, questionId: q.question.id, actor: as(userId), action: RATE });
  if (out.kind !== 'recorded') throw new Error(`${userId}'s rating was not recorded: ${out.kind}`);
  return out;
}

describe("an interview's revision", () => {
  it('moves on with every change to the interview or anything under it, and with nothing else', async () => {
    const { a, db } = await twoInstances();
    const q = await started(a);
    const other = await started(a, [], 'Other', 'C2');
    const id = q.interview.id;
    const seen = [(await getRevision(db, id))!];
    const moved = async (what: string) => {
      const now = (await getRevision(db, id))!;
      expect(now, what).toBeGreaterThan(seen.at(-1)!);
      seen.push(now);
    };
    await a.attachThread(id, '100.000001');
    await moved('the thread');
    await a.attachQuestionMessage(id, q.question.id, '100.000002');
    await moved('the question message');
    await a.addNote({ interviewId: id, actor: as('U2'), text: 'Named owner, weekly review', source: { kind: 'thread', messageTs: '100.000003' } });
    await moved('a note');
    await a.changeEvaluators({ interviewId: id, actor: as('U1'), add: ['U3'], remove: [] });
    await moved('an evaluator added');
    await a.answer({ interviewId: id, questionId: q.question.id, actor: as('U3'), action: { kind: 'evidence', state: 'promised' } });
    await moved('an evidence mark');
    await rate(a, q, 'U2');
    await moved('a rating');
    const before = (await getRevision(db, id))!;
    await rate(a, other, 'U1');
    await a.attachQuestionMessage(other.interview.id, other.question.id, '200.000001');
    expect(await getRevision(db, id), 'another interview changed').toBe(before);
    await a.finish({ vendorName: 'Acme', channelId: 'C1', actor: as('U1') });
    await moved('the interview completed');
  });

  it('tells a question message that it shows the latest, until another instance changes the interview', async () => {
    const { a, b } = await twoInstances();
    const q = await started(a);
    const out = await rate(a, q, 'U2');
    expect(out.question.revision).not.toBeNull();
    expect(await a.questionSince(q.interview.id, q.question.id, out.question.revision)).toBe('unchanged');
    await rate(b, q, 'U1');
    const now = await a.questionSince(q.interview.id, q.question.id, out.question.revision);
    expect(now).not.toBe('unchanged');
    expect(now !== 'unchanged' && now?.answers.map((x) => x.evaluatorId).sort()).toEqual(['U1', 'U2']);
  });
});

describe('an instance that keeps what it read', () => {
  it('refuses the click of an evaluator another instance removed meanwhile, and records nothing', async () => {
    const { a, b } = await twoInstances();
    const q = await started(a, ['U2', 'U3']);
    // A knows the interview from U2's click on the first question (U3's question is the next one).
    const first = await rate(a, q, 'U2');
    const second = first.next!;
    await b.changeEvaluators({ interviewId: q.interview.id, actor: as('U1'), add: [], remove: ['U3'] });
    const refused = await a.answer({ interviewId: q.interview.id, questionId: second.question.id, actor: as('U3'), action: RATE });
    expect(refused.kind).toBe('refused');
    const shown = await b.currentQuestion(q.interview.id, second.question.id);
    expect(shown?.answers).toEqual([]);
  });

  it("moves the interview on once when two instances' evaluators answer the same question, whichever kept what", async () => {
    const { a, b } = await twoInstances();
    const q = await started(a, ['U2']);
    // Both instances know the interview at the same revision.
    await a.currentQuestion(q.interview.id, q.question.id);
    await b.currentQuestion(q.interview.id, q.question.id);
    const viaA = await rate(a, q, 'U1');
    const viaB = await rate(b, q, 'U2');
    expect(viaA.next).not.toBeNull();
    expect(viaB.next).toBeNull();
    // B's view counts A's rating too: it read the interview again under the lock.
    expect(viaB.question.answers.map((x) => x.evaluatorId).sort()).toEqual(['U1', 'U2']);
    const status = await b.status(q.interview);
    expect(status.asked).toBe(2);
  });
});
