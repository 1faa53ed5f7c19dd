// Kysely table types. Timestamps are ISO-8601 UTC text in TypeScript: SQLite stores that text, PostgreSQL a
// timestamptz that the pool's parser hands back as the same text (src/store/db.ts). Columns holding a closed set of
// values carry the domain's type, so the compiler checks what is written and nothing is cast when read.
import type { Generated } from 'kysely';
import type { DecisionVisibility, InterviewStatus, VendorQuestionStatus, Weekday } from '../model.js';
import type { EngagementModel, EvidenceState, InterviewVariant, Severity } from '../questions/model.js';
import type { AnswerStatus } from '../scoring/types.js';

export interface VendorTable {
  id: Generated<number>;
  name: string;
  /** Lower-cased, whitespace-collapsed name: the identity used for lookups. */
  name_key: string;
  created_at: string;
}

export interface InterviewTable {
  id: Generated<number>;
  vendor_id: number;
  channel_id: string;
  thread_ts: string | null;
  model: EngagementModel | null;
  variant: InterviewVariant;
  bank_id: string;
  bank_version: string;
  /** The questions as they were asked (JSON Question[]), so later bank edits never rewrite history. */
  questions_json: string;
  status: InterviewStatus;
  started_by: string;
  started_at: string;
  completed_at: string | null;
  completed_by: string | null;
  /** The Slack message carrying the scored summary, once posted. */
  summary_ts: Generated<string | null>;
  /** The engagement-model decision (`/vet advise`) the vetting was started from, if any. */
  decision_id: Generated<number | null>;
  /** The vendor's name as this vetting's starter typed it: what this vetting shows (0019_interview_vendor_name). */
  vendor_name: string;
  /** Changes to the interview and everything under it, counted by triggers (0026_interview_revision). */
  revision: Generated<number>;
}

/**
 * A completed interview's verdict as kept (0027_stored_verdicts; store/verdicts.ts): what `/vet list` orders by.
 * `version` is null when none is kept; any write to what it is scored from drops it.
 */
export interface InterviewVerdictTable {
  interview_id: number;
  /** Moves on with every write to what the verdict is scored from. */
  rev: Generated<number>;
  /** The scoring rules' version it was scored by: another version's verdict counts as missing. */
  version: number | null;
  tier: string | null;
  vetting_order: number | null;
  score: number | null;
  /** The named team it records (JSON string[]), or null: what a re-vet compares. */
  team_json: string | null;
  /** The span it holds in: time alone changes it when an open evidence request crosses the overdue line. Null: open. */
  valid_from: string | null;
  until: string | null;
}

/** The scorecard of a kept verdict: it counts only while `rev` is its verdict's. */
export interface InterviewScorecardTable {
  interview_id: number;
  rev: number;
  scorecard_json: string;
}

export interface InterviewEvaluatorTable {
  interview_id: number;
  user_id: string;
  joined_at: string;
  /** Who named them; null for those who joined by clicking, before evaluators were named. */
  added_by: string | null;
}

/** One row per question posted in an interview: its position and the Slack message that carries it. */
export interface InterviewQuestionTable {
  interview_id: number;
  question_id: string;
  position: number;
  asked_at: string;
  message_ts: string | null;
  /** Who posts a question never shown holds it until then (0020_question_post_lease). */
  post_lease_until: Generated<string | null>;
}

export interface AnswerTable {
  id: Generated<number>;
  interview_id: number;
  question_id: string;
  evaluator_id: string;
  status: AnswerStatus;
  level: number | null;
  evidence: EvidenceState | null;
  /** JSON FactValue. */
  fact_json: string | null;
  /** JSON list of the choice ids chosen (choice and yes/no questions). */
  choices_json: string | null;
  /** The free-text answer (text questions). */
  answer_text: string | null;
  na_reason: string | null;
  na_confirmed_by: string | null;
  na_confirmed_at: string | null;
  evidence_seen: string | null;
  /** When this evaluator first rated or answered the question; kept through a later skip or N/A. */
  first_answered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NoteTable {
  id: Generated<number>;
  interview_id: number;
  question_id: string;
  author_id: string;
  text: string;
  link: string | null;
  /** Where the note came from (`msg:<ts>` for a thread reply, `view:<id>` for a modal): one note per source. */
  source_key: string;
  created_at: string;
  /** 1 when an evaluator of the interview wrote it (decided then); 0 for what others wrote, kept but never judged. */
  counts: Generated<number>;
}

export type FlagStatus = 'open' | 'resolved' | 'accepted';

export interface RedFlagTable {
  id: Generated<number>;
  interview_id: number;
  rule: string;
  /** '' for interview-wide flags, so the unique key holds on every engine. */
  question_id: string;
  severity: Severity;
  message: string;
  status: FlagStatus;
  status_by: string | null;
  status_at: string | null;
  status_reason: string | null;
  status_link: string | null;
  owner_id: string | null;
  accept_expires_at: string | null;
  compensating_control: string | null;
  status_seen: string | null;
  proposed_by: string | null;
  proposed_at: string | null;
  proposed_reason: string | null;
  proposed_link: string | null;
  proposed_seen: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  interview_id: number | null;
  detail_json: string;
}

export interface ProcessedEventTable {
  key: string;
  at: string;
}

/** A modal's response URL, kept server-side (migration 0018). */
export interface ReplyTargetTable {
  id: string;
  user_id: string;
  response_url: string;
  /** The channel the modal answers in, for the modals that post there. */
  channel_id: string | null;
  created_at: string;
}

export interface DigestScheduleTable {
  channel_id: string;
  weekday: Weekday;
  /** `HH:MM` wall-clock time in `time_zone`. */
  time: string;
  time_zone: string;
  enabled: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export type DigestRunStatus = 'claimed' | 'posted' | 'failed';

export interface DigestRunTable {
  id: Generated<number>;
  channel_id: string;
  /** The slot's instant (ISO) for scheduled digests, `now:<ISO>` for `/vet digest now`. */
  period: string;
  status: DigestRunStatus;
  attempts: number;
  /** Fencing token: taken anew by every claim (0005_fenced_leases). */
  fence: Generated<number>;
  /** A claimed run whose lease ran out (the poster died) may be claimed again. */
  lease_until: string | null;
  next_attempt_at: string | null;
  posted_at: string | null;
  message_ts: string | null;
  error: string | null;
  created_at: string;
}

/** One `/vet advise` checklist answered, with the recommendation it got (kept as it was given). */
export interface EngagementDecisionTable {
  id: Generated<number>;
  /** Where it was asked: the recommendation is shown there. */
  channel_id: string;
  asked_by: string;
  asked_at: string;
  /** `asker`: shown only to the person who asked, and listed only to them. */
  visibility: DecisionVisibility;
  /** JSON ChecklistAnswers. */
  answers_json: string;
  recommended: EngagementModel;
  runner_up: EngagementModel;
  /** JSON Recommendation: the reasons, conflicts and key questions as given. */
  result_json: string;
  /** The channel message carrying it, when it was posted there. */
  message_ts: string | null;
}

export type EvidenceRequestStatus = 'open' | 'fulfilled' | 'withdrawn';

/** One evidence request per interview x question; asking again reopens it (its history is in the audit log). */
export interface EvidenceRequestTable {
  id: Generated<number>;
  interview_id: number;
  question_id: string;
  asked: string;
  chaser_id: string;
  vendor_contact: string | null;
  /** The due date as a calendar day (YYYY-MM-DD). */
  due_on: string;
  /** When it becomes overdue: the start of the day after due_on in the team's time zone. */
  due_at: string;
  status: EvidenceRequestStatus;
  requested_by: string;
  requested_at: string;
  updated_at: string;
  closed_by: string | null;
  closed_at: string | null;
  close_reason: string | null;
  fulfilled_item_id: number | null;
}

export type EvidenceItemKind = 'file' | 'link';
export type EvidenceVerdict = 'accepted' | 'not_sufficient';

/** Files and links shared in a thread, one row per message x file (or URL): a redelivered event is stored once. */
export interface EvidenceItemTable {
  id: Generated<number>;
  interview_id: number;
  question_id: string;
  kind: EvidenceItemKind;
  /** The file id or the URL: with source_ts, what makes a row unique. */
  ref: string;
  file_id: string | null;
  name: string | null;
  file_type: string | null;
  url: string | null;
  shared_by: string;
  by_evaluator: number;
  shared_at: string;
  source_ts: string;
  reply_ts: string | null;
  /** While the answer under the file is being posted (reply_ts still null): until when that poster holds it. */
  receipt_lease_until: string | null;
  comment: string | null;
  verdict: EvidenceVerdict | null;
  verdict_by: string | null;
  verdict_at: string | null;
  verdict_reason: string | null;
}

export type ReminderStatus = 'claimed' | 'sent' | 'failed';

/** One row per request x reminder day: claiming it is what makes a reminder go out at most once. */
export interface EvidenceReminderTable {
  id: Generated<number>;
  request_id: number;
  /** The reminder's calendar day (the due date, then every 7 days); `vendor:<day>` for its chase in a vendor channel. */
  slot: string;
  status: ReminderStatus;
  attempts: number;
  lease_until: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  error: string | null;
  created_at: string;
}

/** The vendor's own Slack Connect channel of a vetting, and the thread the bot asks the vendor in. */
export interface VendorChannelTable {
  interview_id: number;
  channel_id: string;
  thread_ts: string | null;
  attached_by: string;
  attached_at: string;
}

/** A question put to the vendor in its channel: its number there, its message, and whether it was answered. */
export interface VendorQuestionTable {
  interview_id: number;
  question_id: string;
  position: number;
  message_ts: string | null;
  status: VendorQuestionStatus;
  asked_at: string;
  updated_at: string;
}

/** What someone of the vendor wrote in the vendor thread, one row per message. */
export interface VendorAnswerTable {
  id: Generated<number>;
  interview_id: number;
  question_id: string;
  source_ts: string;
  user_id: string;
  /** Their organisation's Slack team, as the event named it; null when Slack did not say. */
  team_id: string | null;
  text: string;
  created_at: string;
}

/** An evaluator's decision that a question's notes are not vague, with why; the latest per question stands. */
export interface VagueOverrideTable {
  id: Generated<number>;
  interview_id: number;
  question_id: string;
  by_user: string;
  reason: string;
  created_at: string;
}

export interface Database {
  vendors: VendorTable;
  interviews: InterviewTable;
  interview_evaluators: InterviewEvaluatorTable;
  interview_verdicts: InterviewVerdictTable;
  interview_scorecards: InterviewScorecardTable;
  interview_questions: InterviewQuestionTable;
  answers: AnswerTable;
  notes: NoteTable;
  red_flags: RedFlagTable;
  audit_log: AuditLogTable;
  processed_events: ProcessedEventTable;
  reply_targets: ReplyTargetTable;
  digest_schedules: DigestScheduleTable;
  digest_runs: DigestRunTable;
  engagement_decisions: EngagementDecisionTable;
  evidence_requests: EvidenceRequestTable;
  evidence_items: EvidenceItemTable;
  evidence_reminders: EvidenceReminderTable;
  vendor_channels: VendorChannelTable;
  vendor_questions: VendorQuestionTable;
  vendor_answers: VendorAnswerTable;
  vague_overrides: VagueOverrideTable;
}
