import { describe, expect, it } from 'vitest';
import { createInterviewFlow, type InterviewFlow } from '../src/flows/interview.js';
import type { QuestionView } from '../src/flows/views.js';
import type { Question } from '../src/questions/model.js';
import { selectQuestions } from '../src/questions/select.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { scoreInterview } from '../src/scoring/score.js';
import { listAnswers } from '../src/store/answers.js';
import { listAudit } from '../src/store/audit.js';
import { openDatabase, type DatabaseTarget } from '../src/store/db.js';
import { decideFlag, listFlags } from '../src/store/flags.js';
import { listNotes } from '../src/store/notes.js';
import { insertAsked, listAsked } from '../src/store/interviews.js';
import { freshTarget } from './support/database.js';
import { manualClock } from './support/temp.js';
import { createStore } from '../src/store/store.js';

/** Someone of the workspace, neither admin nor from another organisation. */
const as = (userId: string) => ({ userId, admin: false, riskOwner: false, external: false });

async function open(path: DatabaseTarget, clock = manualClock('2026-11-22T10:00:00Z')) {
  const db = await openDatabase(path);
  return { db, clock, flow: createInterviewFlow({ store: createStore(db), bank: STANDARD_BANK, clock }) };
}

/** What an evaluator says was seen when marking *Evidence shown* (a bare "shown" records, and lifts, nothing). */
const SEEN = 'the document on screen share';

/**
 * Answers the question the way a careful evaluator pair would: facts in bounds, ratings by both. Returns the
 * outcome of the first completing answer, the one that moves the interview on; the second evaluator's rating
 * lands on a question already passed, as it does when people click at their own pace.
 */
async function answerWell(flow: InterviewFlow, v: QuestionView, users: [string, string]) {
  const q = v.question;
  const base = { interviewId: v.interview.id, questionId: q.id };
  if (q.fact) {
    const value =
      q.fact.type === 'date'
        ? { type: 'date' as const, value: q.fact.isExpiry ? '2028-06-30' : '2026-06-30' }
        : q.fact.type === 'boolean'
          ? { type: 'boolean' as const, value: true }
          : q.fact.type === 'number'
            ? { type: 'number' as const, value: 24 }
            : { type: 'list' as const, value: ['Ada Lovelace', 'Grace Hopper'] };
    await flow.answer({ ...base, actor: as(users[1]), action: { kind: 'evidence', state: 'shown', seen: SEEN } });
    return flow.answer({ ...base, actor: as(users[0]), action: { kind: 'fact', value } });
  }
  if (q.evidenceRequired) await flow.answer({ ...base, actor: as(users[0]), action: { kind: 'evidence', state: 'shown', seen: SEEN } });
  const moved = await flow.answer({ ...base, actor: as(users[1]), action: { kind: 'rate', level: 2 } });
  await flow.answer({ ...base, actor: as(users[0]), action: { kind: 'rate', level: 3 } });
  return moved;
}

describe('the interview flow over a real SQLite file', () => {
  it('runs a complete lite interview with two evaluators from start to summary', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Acme  Dev', model: 'agency', variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    expect(started.kind).toBe('started');
    if (started.kind !== 'started') return;
    const expected = selectQuestions(STANDARD_BANK, 'agency', 'lite');
    expect(started.first.position).toBe(1);
    expect(started.first.question.id).toBe(expected[0]!.id);

    let current: QuestionView | null = started.first;
    let summary = null;
    const asked: string[] = [];
    while (current) {
      asked.push(current.question.id);
      const outcome = await answerWell(flow, current, ['U1', 'U2']);
      if (outcome.kind !== 'recorded') throw new Error(JSON.stringify(outcome));
      if (outcome.next) expect(outcome.next.position).toBe(asked.length + 1);
      current = outcome.next;
      summary = outcome.summary;
    }
    expect(summary).not.toBeNull();
    // The second evaluator rated the last question after the summary was made; it still counts.
    summary = await flow.summary((await flow.get(started.interview.id))!);
    expect(asked).toEqual(expected.filter((q) => !expected.some((p) => p.followUps.some((f) => f.ask === q.id))).map((q) => q.id));
    expect(summary!.interview.status).toBe('completed');
    expect(summary!.evaluators.sort()).toEqual(['U1', 'U2']);
    // The stored result is what the pure engine computes from the stored answers.
    const answers = await listAnswers(db, started.interview.id);
    const engine = scoreInterview({
      questions: started.interview.questions,
      answers: answers.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() })),
      notes: [],
      model: 'agency',
      now: summary!.interview.completedAt!,
    });
    expect(summary!.scorecard.overall.score).toBeCloseTo(engine.overall.score!, 9);
    expect(summary!.scorecard.counts.unanswered).toBe(0);
    // Ratings 2 and 3 are apart by one level: no disagreement; lower median 2 = "Specific", facts with evidence = top.
    expect(summary!.scorecard.disagreements).toEqual([]);
    expect(summary!.scorecard.tier).toBe('medium');
    expect(summary!.flags).toEqual([]);
    await db.destroy();
  });

  it('refuses a second interview of the same vendor in the same channel, whatever the spelling', async () => {
    const { db, flow } = await open(await freshTarget());
    const first = await flow.start({ vendorName: 'Acme Dev', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    const again = await flow.start({ vendorName: ' acme   DEV ', model: null, variant: 'standard', channelId: 'C1', lead: as('U2'), evaluators: [] });
    expect(again.kind).toBe('already-running');
    if (first.kind === 'started' && again.kind === 'already-running') expect(again.interview.id).toBe(first.interview.id);
    const elsewhere = await flow.start({ vendorName: 'Acme Dev', model: null, variant: 'lite', channelId: 'C2', lead: as('U1'), evaluators: ['U2'] });
    expect(elsewhere.kind).toBe('started');
    await db.destroy();
  });

  it('resumes after a restart (database closed and reopened) with every answer and note intact', async () => {
    const path = await freshTarget();
    const first = await open(path);
    const started = await first.flow.start({ vendorName: 'Globex', model: null, variant: 'standard', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    let v = started.first;
    for (let i = 0; i < 3; i++) {
      await first.flow.addNote({ interviewId: id, actor: as('U1'), text: `Note on ${v.question.id}: named owner Priya, weekly`, source: { kind: 'thread', messageTs: `100${i}` } });
      const out = await answerWell(first.flow, v, ['U1', 'U2']);
      if (out.kind !== 'recorded' || !out.next) throw new Error('no next');
      v = out.next;
    }
    const before = await first.flow.status(started.interview);
    await first.db.destroy();

    const second = await open(path);
    const interview = await second.flow.findInProgress('GLOBEX', 'C1');
    expect(interview?.id).toBe(id);
    const after = await second.flow.status(interview!);
    expect(after.current?.question.id).toBe(v.question.id);
    expect(after.current?.position).toBe(4);
    expect(after.answered).toBe(3);
    expect(after.scorecard).toEqual(before.scorecard);
    expect(await listNotes(second.db, id)).toHaveLength(3);
    const out = await answerWell(second.flow, after.current!, ['U1', 'U2']);
    expect(out.kind === 'recorded' && out.next?.position).toBe(5);
    await second.db.destroy();
  });

  it('stores the same rating delivered twice once, and a re-rating as an update with an audit entry', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Initech', model: null, variant: 'standard', channelId: 'C1', lead: as('U1'), evaluators: [] });
    if (started.kind !== 'started') throw new Error('not started');
    const rating = { interviewId: started.interview.id, questionId: started.first.question.id, actor: as('U1'), action: { kind: 'rate', level: 1 } } as const;
    const one = await flow.answer(rating);
    const two = await flow.answer(rating);
    expect(one.kind === 'recorded' && one.changed).toBe(true);
    expect(two.kind === 'recorded' && two.changed).toBe(false);
    expect(two.kind === 'recorded' && two.next).toBeNull();
    expect(await listAnswers(db, started.interview.id)).toHaveLength(1);
    await flow.answer({ ...rating, action: { kind: 'rate', level: 3 } });
    const answers = await listAnswers(db, started.interview.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.level).toBe(3);
    const audit = (await listAudit(db, started.interview.id)).map((e) => e.action);
    expect(audit).toEqual(['interview.started', 'answer.recorded', 'answer.changed']);
    // The duplicate delivery asked the next question once.
    const status = await flow.status(started.interview);
    expect(status.asked).toBe(2);
    await db.destroy();
  });

  it('stores a redelivered note once', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Hooli', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const note = { interviewId: started.interview.id, actor: as('U2'), text: 'They showed the PR list', source: { kind: 'thread', messageTs: '1700000000.000100' } } as const;
    expect((await flow.addNote(note)).kind).toBe('stored');
    expect((await flow.addNote(note)).kind).toBe('duplicate');
    expect(await listNotes(db, started.interview.id)).toHaveLength(1);
    await db.destroy();
  });

  it('raises the stale SOC 2 and the 96-hour breach-notification flags with an injected "now"', async () => {
    const clock = manualClock('2026-11-22T10:00:00Z');
    const { db, flow } = await open(await freshTarget(), clock);
    const started = await flow.start({ vendorName: 'Umbrella', model: 'managed-services', variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    const ask = async (questionId: string, value: Parameters<InterviewFlow['answer']>[0]['action']) => {
      const out = await flow.answer({ interviewId: id, questionId, actor: as('U1'), action: value });
      if (out.kind !== 'recorded') throw new Error(JSON.stringify(out));
      return out;
    };
    let v: QuestionView | null = started.first;
    while (v) {
      const q: Question = v.question;
      const out =
        q.id === 'soc2-report-period-end'
          ? await ask(q.id, { kind: 'fact', value: { type: 'date', value: '2025-09-30' } })
          : q.id === 'breach-notification-hours'
            ? await ask(q.id, { kind: 'fact', value: { type: 'number', value: 96 } })
            : q.fact
              ? await ask(q.id, { kind: 'skip' })
              : await ask(q.id, { kind: 'evidence', state: 'shown', seen: SEEN }).then(() => ask(q.id, { kind: 'rate', level: 3 }));
      v = out.next;
    }
    const flags = await listFlags(db, id);
    const rules = flags.map((f) => `${f.rule}@${f.questionId}`);
    expect(rules).toContain('certificate-stale@soc2-report-period-end');
    expect(rules).toContain('breach-notification-slow@breach-notification-hours');
    expect(flags.every((f) => f.status === 'open')).toBe(true);
    const summary = await flow.summary((await flow.get(id))!);
    // Every other answer was evidenced: the score alone would be a low risk; the open high flags raise it.
    expect(summary.scorecard.overall.score).toBeGreaterThanOrEqual(60);
    expect(summary.scorecard.tier).toBe('high');
    await db.destroy();
  });

  it('closes a flag the answers no longer justify, and keeps one flag per rule and question', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Stark', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    const first = started.first.question;
    expect(first.fact).toBeUndefined();
    await flow.answer({ interviewId: id, questionId: first.id, actor: as('U1'), action: { kind: 'rate', level: 0 } });
    const done = await flow.finish({ vendorName: 'stark', channelId: 'C1', actor: as('U1') });
    expect(done.kind).toBe('finished');
    expect((await flow.finish({ vendorName: 'stark', channelId: 'C1', actor: as('U1') })).kind).toBe('not-found');
    const raised = (await listFlags(db, id)).filter((f) => f.questionId === first.id);
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((f) => f.status === 'open')).toBe(true);
    // A later rating after the interview ended changes the picture: the low-rating flag closes by itself.
    await flow.answer({ interviewId: id, questionId: first.id, actor: as('U1'), action: { kind: 'rate', level: 2 } });
    const after = (await listFlags(db, id)).filter((f) => f.questionId === first.id);
    expect(after.map((f) => f.id).sort()).toEqual(raised.map((f) => f.id).sort());
    expect(after.every((f) => f.status === 'resolved' && f.statusBy === 'vet')).toBe(true);
    // ...and reopens, still one row per rule, when it is justified again.
    await flow.answer({ interviewId: id, questionId: first.id, actor: as('U1'), action: { kind: 'rate', level: 0 } });
    const again = (await listFlags(db, id)).filter((f) => f.questionId === first.id);
    expect(again.map((f) => f.id).sort()).toEqual(raised.map((f) => f.id).sort());
    expect(again.every((f) => f.status === 'open')).toBe(true);
    await db.destroy();
  });

  it('leaves an accepted flag accepted when a later rating no longer justifies it', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Oscorp', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    const first = started.first.question;
    await flow.answer({ interviewId: id, questionId: first.id, actor: as('U1'), action: { kind: 'rate', level: 0 } });
    await flow.finish({ vendorName: 'oscorp', channelId: 'C1', actor: as('U1') });
    const flag = (await listFlags(db, id)).find((f) => f.questionId === first.id)!;
    await decideFlag(db, 'accepted', { flagId: flag.id, by: 'U1', reason: 'Known gap', ownerId: 'U9', expiresAt: new Date('2027-01-01T00:00:00Z') }, new Date());
    await flow.answer({ interviewId: id, questionId: first.id, actor: as('U1'), action: { kind: 'rate', level: 3 } });
    expect((await listFlags(db, id)).find((f) => f.id === flag.id)).toMatchObject({ status: 'accepted', ownerId: 'U9', statusReason: 'Known gap' });
    await db.destroy();
  });

  it('keeps an interview scored from its snapshot when the bank changes later', async () => {
    const path = await freshTarget();
    const { db, flow } = await open(path);
    const started = await flow.start({ vendorName: 'Wayne', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    await flow.answer({ interviewId: started.interview.id, questionId: started.first.question.id, actor: as('U1'), action: { kind: 'rate', level: 2 } });
    const before = await flow.status(started.interview);
    const edited = { ...STANDARD_BANK, version: '2099.1', questions: STANDARD_BANK.questions.map((q) => ({ ...q, weight: 9, title: `${q.title} (edited)` })) };
    const laterFlow = createInterviewFlow({ store: createStore(db), bank: edited, clock: manualClock('2026-11-22T10:00:00Z') });
    const interview = (await laterFlow.get(started.interview.id))!;
    expect(interview.bankVersion).toBe(STANDARD_BANK.version);
    const after = await laterFlow.status(interview);
    expect(after.scorecard).toEqual(before.scorecard);
    expect(after.current?.question.title).not.toContain('(edited)');
    await db.destroy();
  });

  it('rejects answers that do not fit the question, with a message', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Cyberdyne', model: null, variant: 'standard', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const base = { interviewId: started.interview.id, questionId: started.first.question.id, actor: as('U1') };
    expect(await flow.answer({ ...base, action: { kind: 'rate', level: 7 } })).toMatchObject({ kind: 'invalid' });
    expect(await flow.answer({ ...base, action: { kind: 'fact', value: { type: 'number', value: 3 } } })).toMatchObject({ kind: 'invalid' });
    expect(await flow.answer({ ...base, questionId: 'not-asked-yet', action: { kind: 'rate', level: 1 } })).toMatchObject({ kind: 'invalid' });
    expect(await flow.start({ vendorName: '   ', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] })).toMatchObject({ kind: 'invalid' });
    expect(await listAnswers(db, started.interview.id)).toHaveLength(0);
    await db.destroy();
  });
});

describe('who may act, and what is recorded', () => {
  it('refuses an outsider with who leads, records nothing, and keeps their thread reply without counting it', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Acme', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    const audit = async () => (await listAudit(db, id)).map((e) => e.action);
    const before = await audit();
    const click = { interviewId: id, questionId: started.first.question.id, action: { kind: 'rate', level: 3 } } as const;
    expect(await flow.answer({ ...click, actor: as('U9') })).toEqual({ kind: 'refused', refusal: { kind: 'not-allowed', act: 'answer', vendor: 'Acme', lead: 'U1' } });
    // A named evaluator from another organisation is refused too.
    expect(await flow.answer({ ...click, actor: { userId: 'U2', admin: false, riskOwner: false, external: true } })).toEqual({ kind: 'refused', refusal: { kind: 'external', act: 'answer' } });
    expect(await flow.addNote({ interviewId: id, actor: as('U9'), text: 'x', source: { kind: 'modal', viewId: 'V1', questionId: click.questionId } })).toMatchObject({ kind: 'refused' });
    expect(await listAnswers(db, id)).toEqual([]);
    expect(await audit()).toEqual(before);
    // Their thread reply is kept (nothing said is lost) but counts for nothing.
    const vague = { interviewId: id, text: 'We follow best practices, it depends.', source: { kind: 'thread', messageTs: '1.1' } } as const;
    expect(await flow.addNote({ ...vague, actor: as('U9') })).toEqual({ kind: 'kept' });
    expect(await listNotes(db, id)).toHaveLength(1);
    expect((await flow.status(started.interview)).current?.notes).toEqual([]);
    await db.destroy();
  });

  it('audits a change after completion with the old and new values and lists it as a revision of the summary', async () => {
    const clock = manualClock('2026-11-22T10:00:00Z');
    const { db, flow } = await open(await freshTarget(), clock);
    const started = await flow.start({ vendorName: 'Stark', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    const click = { interviewId: id, questionId: started.first.question.id };
    await flow.answer({ ...click, actor: as('U1'), action: { kind: 'rate', level: 1 } });
    const finished = await flow.finish({ vendorName: 'stark', channelId: 'C1', actor: as('U1') });
    expect(finished.kind === 'finished' && finished.summary.revisions).toEqual([]);
    clock.set('2026-11-23T09:00:00Z');
    const revised = await flow.answer({ ...click, actor: as('U2'), action: { kind: 'rate', level: 3 } });
    await flow.answer({ ...click, actor: as('U2'), action: { kind: 'evidence', state: 'shown' } });
    expect(revised.kind === 'recorded' && revised.revisedSummary?.revisions).toEqual([{ by: 'U2', at: new Date('2026-11-23T09:00:00Z'), questionId: click.questionId }]);
    const entries = (await listAudit(db, id)).filter((e) => e.action.startsWith('answer.'));
    expect(entries.at(-1)!.detail).toMatchObject({
      questionId: click.questionId,
      previous: { status: 'rated', level: 3, evidence: null, fact: null },
      value: { status: 'rated', level: 3, evidence: 'shown', fact: null },
    });
    expect((await flow.summary((await flow.get(id))!)).revisions.map((r) => r.by)).toEqual(['U2', 'U2']);
    await db.destroy();
  });
});

describe('simultaneous answers', () => {
  it('moves the interview on once when several evaluators answer the current question at the same moment', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Race', model: null, variant: 'standard', channelId: 'C1', lead: as('U1'), evaluators: ['U2', 'U3', 'U4'] });
    if (started.kind !== 'started') throw new Error('not started');
    const base = { interviewId: started.interview.id, questionId: started.first.question.id };
    const outcomes = await Promise.all(['U1', 'U2', 'U3', 'U4'].map((userId, i) => flow.answer({ ...base, actor: as(userId), action: { kind: 'rate', level: i % 4 } })));
    const next = outcomes.flatMap((o) => (o.kind === 'recorded' && o.next ? [o.next.question.id] : []));
    expect(next).toHaveLength(1);
    const status = await flow.status(started.interview);
    expect(status.asked).toBe(2);
    expect(status.current?.position).toBe(2);
    expect(await listAnswers(db, started.interview.id)).toHaveLength(4);
    await db.destroy();
  });
});

describe('an answer racing /vet finish', () => {
  it('asks nothing after completion: a question is only ever asked while the interview is in progress', async () => {
    const { db, flow, clock } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Racer', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: [] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    expect((await flow.finish({ vendorName: 'Racer', channelId: 'C1', actor: as('U1') })).kind).toBe('finished');
    // What the click that read the interview just before the finish would do next.
    const next = selectQuestions(STANDARD_BANK, null, 'lite')[1]!;
    expect(await insertAsked(db, id, next.id, 2, clock())).toBe(false);
    expect((await listAsked(db, id)).map((a) => a.questionId)).toEqual([started.first.question.id]);
    await db.destroy();
  });

  it('judges the completed record with an answer that lands while it is being finished', async () => {
    for (let run = 0; run < 10; run++) {
      const { db, flow } = await open(await freshTarget());
      const started = await flow.start({ vendorName: 'Racer', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: [] });
      if (started.kind !== 'started') throw new Error('not started');
      const [answered, finished] = await Promise.all([
        flow.answer({ interviewId: started.interview.id, questionId: started.first.question.id, actor: as('U1'), action: { kind: 'rate', level: 0 } }),
        flow.finish({ vendorName: 'Racer', channelId: 'C1', actor: as('U1') }),
      ]);
      if (answered.kind !== 'recorded' || finished.kind !== 'finished') throw new Error(`${answered.kind} ${finished.kind}`);
      // Whichever came first, the completed record ends up judged with the answer: its flag is stored.
      expect((await listFlags(db, started.interview.id)).map((f) => f.rule)).toContain('weak-code-review');
      expect(await listAsked(db, started.interview.id)).toHaveLength(answered.next ? 2 : 1);
      await db.destroy();
    }
  });
});

describe('whose notes count', () => {
  it('is decided when a note is written: naming its author later, or removing them, changes nothing already written', async () => {
    const { db, flow } = await open(await freshTarget());
    const started = await flow.start({ vendorName: 'Notes', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error('not started');
    const id = started.interview.id;
    const note = (who: string, ts: string, text: string) => flow.addNote({ interviewId: id, actor: as(who), text, source: { kind: 'thread', messageTs: ts } });
    // Not yet an evaluator: a specific note, kept but not counted. The evaluator's note is vague.
    expect((await note('U9', '1.1', 'Two approvals on every PR in GitHub, branch protection since 2024-03.')).kind).toBe('kept');
    expect((await note('U2', '1.2', 'We follow best practices, usually.')).kind).toBe('stored');
    const judged = async () => (await flow.status((await flow.get(id))!)).scorecard.questions.find((r) => r.questionId === started.first.question.id)!.notes;
    expect(await judged()).toMatchObject({ vague: true });
    expect((await flow.changeEvaluators({ interviewId: id, actor: as('U1'), add: ['U9'], remove: ['U2'] })).kind).toBe('changed');
    expect((await listNotes(db, id)).map((n) => [n.authorId, n.counts])).toEqual([
      ['U9', false],
      ['U2', true],
    ]);
    // Had U9's note started to count, the answer would no longer be vague (not every note would be).
    expect(await judged()).toMatchObject({ vague: true });
    await db.destroy();
  });
});
