// The Store: what the flows persist through. One typed repository per aggregate module of src/store, over one
// connection, and `transaction`, which hands the work a Store whose repositories all run in one transaction. Built
// once in wiring.ts from the opened database; SQL, the Kysely handle and the engine never leave src/store.
import { answersRepository } from './answers.js';
import { auditRepository } from './audit.js';
import { inTransaction, type Db } from './db.js';
import { decisionsRepository } from './decisions.js';
import { digestsRepository } from './digests.js';
import { eventsRepository } from './events.js';
import { evidenceRepository } from './evidence.js';
import { flagsRepository } from './flags.js';
import { interviewsRepository, rememberedQuestionLists, type QuestionLists } from './interviews.js';
import { notesRepository } from './notes.js';
import { replyTargetsRepository } from './replyTargets.js';
import { vagueOverridesRepository } from './vagueOverrides.js';
import { vendorChannelRepository } from './vendorChannel.js';
import { vendorsRepository } from './vendors.js';
import { verdictsRepository } from './verdicts.js';

function repositories(db: Db, lists: QuestionLists) {
  return {
    answers: answersRepository(db),
    audit: auditRepository(db),
    decisions: decisionsRepository(db),
    digests: digestsRepository(db),
    events: eventsRepository(db),
    evidence: evidenceRepository(db),
    flags: flagsRepository(db),
    interviews: interviewsRepository(db, lists),
    notes: notesRepository(db),
    replyTargets: replyTargetsRepository(db),
    vagueOverrides: vagueOverridesRepository(db),
    vendorChannel: vendorChannelRepository(db),
    vendors: vendorsRepository(db),
    verdicts: verdictsRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;

export interface Store extends Repositories {
  /**
   * Runs `work` in one transaction: every repository of the Store it is given writes in it, and all of it commits or
   * none does. Inside a transaction already, `work` joins it (a flow step that runs inside another's transaction).
   */
  transaction<T>(work: (trx: Store) => Promise<T>): Promise<T>;
}

/** `lists`: the question lists decoded so far, shared by the Store and the transactions it starts. */
export function createStore(db: Db, lists: QuestionLists = rememberedQuestionLists()): Store {
  const store: Store = {
    ...repositories(db, lists),
    transaction: (work) => inTransaction(db, (trx) => work(trx === db ? store : createStore(trx, lists))),
  };
  return store;
}
