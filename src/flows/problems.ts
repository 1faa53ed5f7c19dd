// Why the flows did not do what was asked, as reason codes with the data a sentence needs. The words people read
// are src/slack's (slack/wording/problems.ts): a flow says what is wrong, never how to say it.

/** How a question is answered, for a problem with an answer that does not fit it. */
export type AnswerWay = { way: 'fact'; label: string } | { way: 'rubric' | 'one' | 'many' | 'text' | 'upload' };

export type Problem =
  // An interview, and what is done in it.
  | { code: 'interview-gone' }
  | { code: 'question-not-asked' }
  | { code: 'lead-stays' }
  | { code: 'vendor-name-control'; character: string }
  | { code: 'vendor-name-no-letter' }
  | { code: 'vendor-name-too-long'; length: number; max: number }
  | { code: 'quick-screen-not-enough'; because: readonly string[] }
  | { code: 'no-questions'; bank: string; variant: string; model: string | null }
  | { code: 'note-empty' }
  | { code: 'note-too-long'; length: number; max: number }
  | { code: 'note-control'; character: string }
  | { code: 'override-reason-missing' }
  | { code: 'override-reason-too-long'; length: number; max: number }
  | { code: 'not-vague' }
  | { code: 'none-in-progress'; vendor: string }
  | { code: 'na-not-waiting'; question: string }
  | { code: 'not-vetted-here'; vendor: string; suggestions: readonly string[] }
  // An answer that does not fit its question.
  | { code: 'fact-not-rating'; question: string; label: string }
  | { code: 'not-rated'; question: string; way: AnswerWay }
  | { code: 'no-rating-level'; level: number }
  | { code: 'unknown-evidence-state'; state: string }
  | { code: 'seen-too-long'; max: number }
  | { code: 'no-text-answer'; question: string; way: AnswerWay }
  | { code: 'answer-empty' }
  | { code: 'no-choices'; question: string; way: AnswerWay }
  | { code: 'unknown-choices'; question: string; choices: readonly string[] }
  | { code: 'one-choice'; question: string }
  | { code: 'choice-twice' }
  | { code: 'na-reason-missing'; question: string; condition: string }
  | { code: 'na-reason-too-long'; max: number }
  | { code: 'na-after-answer'; question: string }
  | { code: 'na-not-allowed'; question: string; models: readonly string[] | null }
  | { code: 'rating-not-fact'; question: string }
  | { code: 'fact-type'; question: string; expected: string; given: string }
  | { code: 'not-a-date'; value: string }
  | { code: 'number-expected' }
  | { code: 'number-negative' }
  | { code: 'names-empty' }
  | { code: 'date-not-report'; question: string }
  | { code: 'report-counts' }
  | { code: 'report-opinion'; opinions: readonly string[] }
  // Any free text kept with a step.
  | { code: 'too-long'; max: number }
  // Vendors by name.
  | { code: 'unknown-vendor'; name: string; suggestions: readonly string[] }
  // Evidence: requests, verdicts, the register.
  | { code: 'seen-missing' }
  | { code: 'due-missing' }
  | { code: 'due-past' }
  | { code: 'due-too-far'; max: number }
  | { code: 'asked-missing' }
  | { code: 'request-changed' }
  | { code: 'no-open-request' }
  | { code: 'withdraw-reason-missing' }
  | { code: 'request-closed' }
  | { code: 'item-gone' }
  | { code: 'already-judged'; item: 'file' | 'link'; accepted: boolean }
  | { code: 'missing-what' }
  | { code: 'no-evidence-yet'; vendor: string }
  // Red flags: deciding them.
  | { code: 'flag-gone' }
  | { code: 'flag-decided'; status: string }
  | { code: 'proposed-meanwhile' }
  | { code: 'no-proposal' }
  | { code: 'what-changed-missing' }
  | { code: 'why-acceptable-missing' }
  | { code: 'control-missing' }
  | { code: 'expiry-missing' }
  | { code: 'expiry-past' }
  | { code: 'expiry-too-far'; months: number; latest: string }
  | { code: 'link-not-http' }
  | { code: 'seen-line-too-long'; max: number }
  | { code: 'seen-settles-missing' }
  // The vendor's channel.
  | { code: 'vetting-gone' }
  | { code: 'vendor-channel-not-running' }
  | { code: 'vendor-channel-same' }
  | { code: 'vendor-channel-taken'; answersThere: boolean }
  | { code: 'vendor-questions-closed' }
  | { code: 'vendor-question-done' }
  | { code: 'vendor-question-just-done' }
  | { code: 'no-vendor-channel' }
  | { code: 'vendor-asked-finished' }
  | { code: 'ask-missing' }
  | { code: 'question-not-in-vetting' }
  // Comparing vendors.
  | { code: 'unknown-vendors'; unknown: readonly { name: string; suggestions: readonly string[] }[] }
  | { code: 'compare-count'; max: number; named: number }
  // A digest's slot, as typed.
  | { code: 'slot-incomplete' }
  | { code: 'not-weekday'; text: string }
  | { code: 'not-time'; text: string }
  | { code: 'not-time-zone'; text: string }
  | { code: 'slot-extra'; words: readonly string[] }
  // Engagement advice.
  | { code: 'decision-gone' };
