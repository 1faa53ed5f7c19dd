// The sentences people read when a flow did not do what they asked: one per reason code (flows/problems.ts). The
// switch is exhaustive, so a new code without its words does not compile.
import type { DigestNotPosted } from '../../flows/digest.js';
import type { NoteIgnored } from '../../flows/views.js';
import type { AnswerWay, Problem } from '../../flows/problems.js';

const SLOT_USAGE = 'Use `/vet digest schedule <weekday> <HH:MM> [time zone]`, e.g. `/vet digest schedule monday 09:00 Europe/Berlin`.';

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`);

/** How a question is answered, for a sentence about an answer that does not fit it. */
function answerHint(w: AnswerWay): string {
  switch (w.way) {
    case 'fact':
      return `enter the ${w.label.toLowerCase()}`;
    case 'rubric':
      return 'rate it on its rubric';
    case 'one':
      return 'choose one answer';
    case 'many':
      return 'tick the answers that apply';
    case 'text':
      return 'write the answer';
    case 'upload':
      return 'mark the evidence shown, promised or absent';
  }
}

/** Why `/vet digest now` posted nothing, as a clause of "The digest could not be posted (…)". */
export function digestNotPostedText(n: DigestNotPosted): string {
  switch (n.why) {
    case 'vendor-channel':
      return "this is a vendor's shared channel, where no digest is posted";
    case 'busy':
      return 'a digest for this channel is being posted right now';
    case 'too-slow':
      return 'preparing the digest took too long, so nothing was posted; try again';
    case 'failed':
      return n.error;
  }
}

/** Why a note was not kept, as a clause of "Your note was not saved: …". */
export function noteIgnoredText(why: NoteIgnored): string {
  switch (why) {
    case 'no-interview':
      return 'no such interview';
    case 'finished':
      return 'the interview is finished';
  }
}

export function problemText(p: Problem): string {
  switch (p.code) {
    case 'interview-gone':
      return 'This interview no longer exists.';
    case 'question-not-asked':
      return 'That question is not part of this interview.';
    case 'lead-stays':
      return 'The lead (who started the vetting) stays one of its evaluators and cannot be removed.';
    case 'vendor-name-control':
      return `The vendor name contains a control character (${p.character}), which cannot be shown or stored; type the name without it.`;
    case 'vendor-name-no-letter':
      return 'The vendor name needs at least one letter or digit.';
    case 'vendor-name-too-long':
      return `The vendor name is ${p.length} characters long; keep it to ${p.max}.`;
    case 'quick-screen-not-enough':
      return `A quick screen is not enough for this vetting, because ${p.because.join(' and ')}: start the full interview.`;
    case 'no-questions':
      return `The ${p.bank} bank has no ${p.variant} questions for ${p.model ?? 'any'} engagements.`;
    case 'note-empty':
      return 'The note is empty.';
    case 'note-too-long':
      return `The note is ${p.length} characters long; keep it to ${p.max}.`;
    case 'note-control':
      return `The note contains a control character (${p.character}), which cannot be shown or stored; write it again without it.`;
    case 'override-reason-missing':
      return 'Say why the answer is not vague: the reason is kept in the audit log.';
    case 'override-reason-too-long':
      return `The reason is ${p.length} characters long; keep it to ${p.max}.`;
    case 'not-vague':
      return 'The notes on that question are not judged vague (any more): there is nothing to override.';
    case 'none-in-progress':
      return `There is no interview of "${p.vendor}" in progress in this channel.`;
    case 'na-not-waiting':
      return `No N/A on "${p.question}" is waiting for confirmation.`;
    case 'not-vetted-here':
      return `No vetting of "${p.vendor}" ran in this channel; run the command in the channel of its interview.${p.suggestions.length > 0 ? ` Did you mean ${quoted(p.suggestions).join(' or ')}?` : ''}`;
    case 'fact-not-rating':
      return `"${p.question}" records a fact; enter the ${p.label.toLowerCase()} instead of a rating.`;
    case 'not-rated':
      return `"${p.question}" is not rated: ${answerHint(p.way)}.`;
    case 'no-rating-level':
      return `There is no rating level ${p.level} for this question.`;
    case 'unknown-evidence-state':
      return `Unknown evidence state "${p.state}".`;
    case 'seen-too-long':
      return `Keep what was seen to one line of ${p.max} characters.`;
    case 'no-text-answer':
      return `"${p.question}" takes no text answer: ${answerHint(p.way)}.`;
    case 'answer-empty':
      return 'The answer is empty: write what the vendor said.';
    case 'no-choices':
      return `"${p.question}" has no choices: ${answerHint(p.way)}.`;
    case 'unknown-choices':
      return `"${p.question}" has no choice ${quoted(p.choices).join(', ')}.`;
    case 'one-choice':
      return `"${p.question}" takes exactly one choice.`;
    case 'choice-twice':
      return 'A choice is given twice.';
    case 'na-reason-missing':
      return `Say why "${p.question}" does not apply: ${p.condition}.`;
    case 'na-reason-too-long':
      return `Keep the reason to ${p.max} characters.`;
    case 'na-after-answer':
      return `"${p.question}" was answered in this vetting, so it was examined: an N/A cannot take it out of play. Rate it (or change the rating); the audit log keeps every answer given.`;
    case 'na-not-allowed':
      return `"${p.question}" cannot be marked N/A here: the question bank does not say it may not apply${p.models ? ` (only in ${p.models.join(', ')} vettings)` : ''}. Rate it, or skip it; an unanswered question counts as not examined.`;
    case 'rating-not-fact':
      return `"${p.question}" takes a rating, not a fact.`;
    case 'fact-type':
      return `"${p.question}" expects a ${p.expected}, not a ${p.given}.`;
    case 'not-a-date':
      return `"${p.value}" is not a date (YYYY-MM-DD).`;
    case 'number-expected':
      return 'Enter a number.';
    case 'number-negative':
      return 'Enter a number of zero or more.';
    case 'names-empty':
      return 'Enter at least one name, or choose the "none" option.';
    case 'date-not-report':
      return `"${p.question}" records a date, not a report.`;
    case 'report-counts':
      return 'Counts of exceptions and findings are whole numbers, 0 or more.';
    case 'report-opinion':
      return `The opinion is one of ${p.opinions.join(', ')}.`;
    case 'too-long':
      return `Keep it to ${p.max} characters.`;
    case 'unknown-vendor':
      return `I know no vendor called "${p.name}".${p.suggestions.length > 0 ? ` Did you mean ${quoted(p.suggestions).join(' or ')}?` : ''}`;
    case 'seen-missing':
      return 'Say what was seen: a one-line description ("audit log of PR 4812 on screen share"), or accept a file or link shared in the thread.';
    case 'due-missing':
      return 'Pick the date the evidence is due.';
    case 'due-past':
      return 'Pick today or a later date: a request due in the past would be overdue at once.';
    case 'due-too-far':
      return `Pick a date within ${p.max} days: evidence that far off is not being chased.`;
    case 'asked-missing':
      return 'Say what the vendor should show.';
    case 'request-changed':
      return 'The request changed meanwhile (someone fulfilled, withdrew or made it); nothing was saved. Look at the question again.';
    case 'no-open-request':
      return 'There is no open evidence request on that question to withdraw.';
    case 'withdraw-reason-missing':
      return 'Say why the evidence is no longer needed (or will not come).';
    case 'request-closed':
      return 'That request is no longer open (it was fulfilled or withdrawn meanwhile); nothing was changed.';
    case 'item-gone':
      return 'That file or link is no longer part of a vetting.';
    case 'already-judged':
      return `That ${p.item} was already ${p.accepted ? 'accepted as evidence' : 'found not sufficient'} meanwhile; nothing was changed.`;
    case 'missing-what':
      return 'Say what is missing, so the vendor knows what to send instead.';
    case 'no-evidence-yet':
      return `"${p.vendor}" has no vetting with evidence yet.`;
    case 'flag-gone':
      return 'That red flag no longer exists.';
    case 'flag-decided':
      // Shown as a modal field error, which is plain text: no mentions.
      return `This red flag was already ${p.status} in the meantime; nothing was changed.`;
    case 'proposed-meanwhile':
      return 'Someone proposed a resolution of this flag in the meantime; nothing was changed.';
    case 'no-proposal':
      return 'No resolution of this flag is waiting for confirmation; nothing was changed.';
    case 'what-changed-missing':
      return 'Say what changed: what the vendor showed or did that settles this flag.';
    case 'why-acceptable-missing':
      return 'Say why this risk is acceptable.';
    case 'control-missing':
      return 'Name the compensating control that keeps this risk in check until the acceptance expires.';
    case 'expiry-missing':
      return 'Pick the date the acceptance expires.';
    case 'expiry-past':
      return 'Pick a date in the future: an acceptance must expire so the risk is looked at again.';
    case 'expiry-too-far':
      return `Pick a date at most ${p.months} months ahead (${p.latest} at the latest): an accepted risk is looked at again within a year.`;
    case 'link-not-http':
      return 'Use a full http(s) link, e.g. https://…';
    case 'seen-line-too-long':
      return `Keep it to one line of ${p.max} characters.`;
    case 'seen-settles-missing':
      return 'Say what was seen that settles it: a link to the file, or a one-line description ("signed DPA, clause 9.2, on screen share").';
    case 'vetting-gone':
      return 'This vetting no longer exists.';
    case 'vendor-channel-not-running':
      return 'A vendor channel can be added to a vetting in progress only.';
    case 'vendor-channel-same':
      return 'The vendor channel must be another channel than the one the vetting runs in: everything posted here would be read by the vendor.';
    case 'vendor-channel-taken':
      return p.answersThere ? 'This vetting already has a vendor channel: the vendor answers there.' : 'This vetting already has a vendor channel.';
    case 'vendor-questions-closed':
      return 'These questions are closed; thank you.';
    case 'vendor-question-done':
      return 'That question was already answered or put aside; answer any question later by starting your reply with its number, e.g. Q2:';
    case 'vendor-question-just-done':
      return 'That question was just answered or put aside.';
    case 'no-vendor-channel':
      return 'This vetting has no vendor channel to ask in.';
    case 'vendor-asked-finished':
      return 'The vetting is finished; the vendor is no longer asked in writing.';
    case 'ask-missing':
      return 'Say what to ask the vendor.';
    case 'question-not-in-vetting':
      return 'That question is not part of this vetting.';
    case 'unknown-vendors': {
      const parts = p.unknown.map((u) => `"${u.name}"${u.suggestions.length > 0 ? ` (did you mean ${quoted(u.suggestions).join(' or ')}?)` : ''}`);
      return `I know no vendor called ${parts.join(', ')}. Quote names that contain spaces, e.g. "Acme Dev".`;
    }
    case 'compare-count':
      return `Compare 2 to ${p.max} different vendors; you named ${p.named}.`;
    case 'slot-incomplete':
      return `Give a weekday and a time. ${SLOT_USAGE}`;
    case 'not-weekday':
      return `"${p.text}" is not a weekday: use monday … sunday (or mon … sun).`;
    case 'not-time':
      return `"${p.text}" is not a time: use 24-hour HH:MM, e.g. 09:00 or 16:30.`;
    case 'not-time-zone':
      return `"${p.text}" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.`;
    case 'slot-extra':
      return `Unexpected "${p.words.join(' ')}". ${SLOT_USAGE}`;
    case 'decision-gone':
      return 'That decision is no longer there; run `/vet advise` again.';
  }
}
