import type { Migration, MigrationProvider } from 'kysely';
import { migration as interviews } from './0001_interviews.js';
import { migration as summaryMessage } from './0002_summary_message.js';
import { migration as digests } from './0003_digests.js';
import { migration as namedEvaluators } from './0004_named_evaluators.js';
import { migration as fencedLeases } from './0005_fenced_leases.js';
import { migration as engagementDecisions } from './0006_engagement_decisions.js';
import { migration as evidence } from './0007_evidence.js';
import { migration as benchIndexes } from './0008_bench_indexes.js';
import { migration as evidenceReceipts } from './0009_evidence_receipts.js';
import { migration as claims } from './0012_claims.js';
import { migration as riskDecisions } from './0013_risk_decisions.js';
import { migration as vagueOverrides } from './0014_vague_overrides.js';
import { migration as answerChoices } from './0015_answer_choices.js';
import { migration as replyTargets } from './0018_reply_targets.js';
import { migration as interviewVendorName } from './0019_interview_vendor_name.js';
import { migration as questionPostLease } from './0020_question_post_lease.js';
import { migration as vendorChannel } from './0021_vendor_channel.js';
import { migration as scaleIndexes } from './0023_scale_indexes.js';
import { migration as answerFirstAnswered } from './0024_answer_first_answered.js';
import { migration as replyTargetChannel } from './0025_reply_target_channel.js';
import { migration as interviewRevision } from './0026_interview_revision.js';
import { migration as storedVerdicts } from './0027_stored_verdicts.js';
import { migration as rankedVerdicts } from './0028_ranked_verdicts.js';

// Migrations live in code (not files read at run time) so the compiled bot and the tests run the very same list, on
// SQLite and PostgreSQL alike. Append only: a migration that has run is never changed in what it does on an engine
// that already ran it (the SQLite DDL of 0001-0004 is what it always was; PostgreSQL came later).
const migrations: Record<string, Migration> = {
  '0001_interviews': interviews,
  '0002_summary_message': summaryMessage,
  '0003_digests': digests,
  '0004_named_evaluators': namedEvaluators,
  '0005_fenced_leases': fencedLeases,
  '0006_engagement_decisions': engagementDecisions,
  '0007_evidence': evidence,
  '0008_bench_indexes': benchIndexes,
  '0009_evidence_receipts': evidenceReceipts,
  '0012_claims': claims,
  '0013_risk_decisions': riskDecisions,
  '0014_vague_overrides': vagueOverrides,
  '0015_answer_choices': answerChoices,
  '0018_reply_targets': replyTargets,
  '0019_interview_vendor_name': interviewVendorName,
  '0020_question_post_lease': questionPostLease,
  '0021_vendor_channel': vendorChannel,
  '0023_scale_indexes': scaleIndexes,
  '0024_answer_first_answered': answerFirstAnswered,
  '0025_reply_target_channel': replyTargetChannel,
  '0026_interview_revision': interviewRevision,
  '0027_stored_verdicts': storedVerdicts,
  '0028_ranked_verdicts': rankedVerdicts,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
