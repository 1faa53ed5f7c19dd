// The JSON columns are decoded with zod (src/store/columns.ts), on both engines: what vet wrote reads back as it was
// written, and a row that holds something else fails naming the table, the column and the row, not as a wrong type.
import { describe, expect, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { listAnswers } from '../src/store/answers.js';
import { listAudit } from '../src/store/audit.js';
import { openDatabase } from '../src/store/db.js';
import { getInterview } from '../src/store/interviews.js';
import { createStore } from '../src/store/store.js';
import { freshTarget } from './support/database.js';
import { manualClock } from './support/temp.js';

const lead = { userId: 'U1', external: false, admin: false, riskOwner: false };

async function started() {
  const db = await openDatabase(await freshTarget());
  const flow = createInterviewFlow({ store: createStore(db), bank: STANDARD_BANK, clock: manualClock('2026-11-22T10:00:00Z') });
  const s = await flow.start({ vendorName: 'Acme', model: null, variant: 'standard', channelId: 'C1', lead, evaluators: [] });
  if (s.kind !== 'started') throw new Error(s.kind);
  return { db, flow, interviewId: s.interview.id, first: s.first.question.id };
}

describe('store: JSON columns', () => {
  it('reads back the questions, a fact and the audit detail as written', async () => {
    const { db, interviewId } = await started();
    const interview = (await getInterview(db, interviewId))!;
    // Conditions are kept with their text and read back with the same parsed tree.
    expect(interview.questions).toEqual(JSON.parse(JSON.stringify(STANDARD_BANK.questions.filter((q) => interview.questions.some((x) => x.id === q.id)))));
    expect((await listAudit(db, interviewId))[0]!.detail).toMatchObject({ vendor: 'Acme' });
    await db.destroy();
  });

  it('fails naming the column and the row when a row holds something else', async () => {
    const { db, interviewId, first, flow } = await started();
    await flow.answer({ interviewId, questionId: first, actor: lead, action: { kind: 'rate', level: 2 } });
    await db.updateTable('answers').set({ choices_json: '[1, 2]' }).execute();
    await expect(listAnswers(db, interviewId)).rejects.toThrow(/answers\.choices_json of answer \d+ does not hold what vet stores there/);
    await db.updateTable('interviews').set({ questions_json: '[{"id":"q1"}]' }).execute();
    await expect(getInterview(db, interviewId)).rejects.toThrow(/interviews\.questions_json of interview \d+ does not hold what vet stores there[\s\S]*dimension/);
    await db.updateTable('audit_log').set({ detail_json: 'not json' }).execute();
    await expect(listAudit(db, interviewId)).rejects.toThrow(/audit_log\.detail_json of entry \d+ is not JSON/);
    await db.destroy();
  });

  it("the Store decodes an interview's question list once, its transactions share it, and each Store keeps its own", async () => {
    const { db, interviewId } = await started();
    const store = createStore(db);
    const first = (await store.interviews.getInterview(interviewId))!;
    const again = (await store.interviews.getInterview(interviewId))!;
    const inTransaction = await store.transaction(async (trx) => (await trx.interviews.getInterview(interviewId))!);
    expect(again).not.toBe(first);
    expect(again.questions).toBe(first.questions);
    expect(inTransaction.questions).toBe(first.questions);
    // Another Store (another instance's) decodes for itself; a statement called on its own decodes every time.
    expect((await createStore(db).interviews.getInterview(interviewId))!.questions).not.toBe(first.questions);
    expect((await getInterview(db, interviewId))!.questions).not.toBe(first.questions);
    expect((await getInterview(db, interviewId))!.questions).toEqual(first.questions);
    await db.destroy();
  });
});
