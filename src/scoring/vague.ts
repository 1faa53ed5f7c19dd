// Judges whether an evaluator's note on a question records a vague answer, the red flag domain.md describes as
// "we follow best practices", "it depends", "usually": no names, numbers, tools or time frames.
//
// The rule is the rubric's own line between "Claimed, vague" and "Specific": a note is specific when it holds at
// least one concrete thing a reader could check, and vague otherwise. Concrete things are numbers with a unit or a
// count, dates and times, links, identifiers (tickets, PRs, clauses, files), named tools, names of people, places
// or products, a sequence of steps, evidence the evaluator saw, and an evaluator's negative finding ("no reviews at
// all", "Only 2 of 9 engineers have MFA"). What does not count: names and numbers the question itself used (an
// echo), certificate names (the compliance-checkbox illusion), cadences and role titles on their own ("annual
// training", "the security team"), which are still claims in general terms. Hedges, vague quantities, buzzwords,
// reassurances and deflections do not decide anything: a hedge beside a concrete fact is fine. They only name
// *why* a note without anything concrete is vague.

export interface NoteJudgement {
  vague: boolean;
  /** Why, in a few words for people: e.g. 'hedges ("usually") with nothing concrete', 'deflects ("we can't share that")'. Null when not vague. */
  reason: string | null;
  /** How many of the question's mature-answer points the note speaks to specifically, and how many there are. */
  pointsCovered: number;
  pointsTotal: number;
  /** The concrete things found: numbers with units, tools, artefacts, dates, people, links, steps. */
  specifics: string[];
}

interface JudgedQuestion {
  title: string;
  prompt: string;
  matureAnswer: readonly string[];
  evidence: readonly string[];
}

export function judgeNote(question: JudgedQuestion, text: string): NoteJudgement {
  const found = findConcreteThings(text, askedText(question));
  const specifics = unique(found.filter((f) => f.counts).map((f) => f.text));
  const judgement = {
    pointsCovered: countCoveredPoints(question.matureAnswer, text, found),
    pointsTotal: question.matureAnswer.length,
    specifics,
  };
  if (specifics.length > 0) return { vague: false, reason: null, ...judgement };
  return { vague: true, reason: explainVagueness(text, found), ...judgement };
}

// ---------------------------------------------------------------------------------------------------------------
// Concrete things
// ---------------------------------------------------------------------------------------------------------------

type Kind = 'link' | 'steps' | 'hearsay' | 'certificate' | 'identifier' | 'date' | 'quantity' | 'finding' | 'evidence' | 'tool' | 'name';

/** A stretch of the note; `counts` is false for echoes of the question, hearsay and certificate names, which mask only. */
interface Found {
  kind: Kind;
  text: string;
  start: number;
  end: number;
  counts: boolean;
}

type Candidate = Omit<Found, 'counts' | 'kind'>;

/** Finders in priority order: a stretch claimed by an earlier finder is not reread by a later one. */
const FINDERS: readonly [Kind, (text: string) => Candidate[]][] = [
  ['link', findLinks],
  ['steps', findSteps],
  ['hearsay', findHearsay],
  ['certificate', findCertificates],
  ['identifier', findIdentifiers],
  ['date', findDates],
  ['quantity', findQuantities],
  ['finding', findNegativeFindings],
  ['evidence', findEvidenceSeen],
  ['tool', findTools],
  ['name', findNames],
];

/** Kinds that never count by themselves: they only keep later finders from reading their stretch. */
const MASKS: ReadonlySet<Kind> = new Set(['hearsay', 'certificate']);

/** Kinds that say something new even when their words come from the question ("no branch protection at all"). */
const NEVER_ECHO: ReadonlySet<Kind> = new Set(['link', 'steps', 'finding', 'evidence']);

function findConcreteThings(text: string, asked: string): Found[] {
  const found: Found[] = [];
  for (const [kind, find] of FINDERS) {
    for (const c of find(text)) {
      if (found.some((f) => c.start < f.end && f.start < c.end)) continue;
      const counts = !MASKS.has(kind) && (NEVER_ECHO.has(kind) || !isEcho(c.text, asked));
      found.push({ ...c, kind, counts });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What the evaluator was asked about: repeating it back ("SOC 2 Type II", "in six weeks") adds nothing. */
function askedText(q: JudgedQuestion): string {
  return ` ${[q.title, q.prompt, ...q.evidence]
    .join(' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')} `;
}

function isEcho(thing: string, asked: string): boolean {
  const words = thing
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
  return words.length > 0 && asked.includes(` ${words} `);
}

function matchesOf(re: RegExp, text: string, group = 0): Candidate[] {
  return [...text.matchAll(re)].flatMap((m) => {
    const t = m[group];
    if (t === undefined || m.index === undefined) return [];
    const start = m.index + m[0].indexOf(t);
    return [{ text: t.trim(), start, end: start + t.length }];
  });
}

function findLinks(text: string): Candidate[] {
  return matchesOf(/\b(?:https?:\/\/|www\.)[^\s)>\]]+[^\s)>\].,;:!?'"]/gi, text);
}

/** "PR -> 2 approvals -> CI green -> deploy": two arrows, or "first ... then ... then", is a described sequence. */
function findSteps(text: string): Candidate[] {
  return [...matchesOf(/[^.;\n]*?(?:->|→|=>)[^.;\n]*?(?:->|→|=>)[^.;\n]*/g, text), ...matchesOf(/\bfirst\b[^.;\n]*\bthen\b[^.;\n]*\bthen\b[^.;\n]*/gi, text)];
}

/**
 * Words around a claim that name where it came from or how it came across, not what the practice is: the call it
 * was said in ("Met Dana on Tuesday"), its source ("Per their CISO,"), an impression ("Kenji seemed confident"), a
 * track record offered as reassurance ("never had a breach in 10 years"), an absolute figure ("100% compliance").
 * The names, dates and numbers inside them are not facts about the team, so they are masked, not counted.
 */
function findHearsay(text: string): Candidate[] {
  return [
    // At the start of a clause only: "the people we met in sales" is about the team.
    ...matchesOf(/(?:^|(?<=[.;!?]\s*))(?:(?:I|we)\s+)?(?:met|spoke (?:to|with)|talked (?:to|with)|(?:a |the )?call with|(?:a |the )?meeting with)\b[^.;,]*/gim, text),
    ...matchesOf(/\b(?:according to|as per|per)\s+(?!cent\b)[^.;,]{1,40},/gi, text),
    ...matchesOf(/\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?=\s+(?:seemed|seems|sounded|sounds|looked|looks|came across|comes across|appeared|appears|felt)\b)/g, text),
    ...matchesOf(
      /\b(?:never (?:had|seen|suffered)|(?:have|has)(?:n't| not) had|no (?:\w+ )?(?:breach(?:es)?|incidents?|outages?|problems?|issues?|complaints?))\b[^.;]*?\b(?:in|for|over) (?:the (?:last|past) )?\S+ (?:years?|months?)\b/gi,
      text,
    ),
    // "100% compliance", "coverage is 100%": a figure for a whole practice; "100%" as one person's allocation counts.
    ...matchesOf(/(?<![\w.,])(?:100|0) ?%(?= ?[a-z])|(?<=\b(?:is|are|was|were)\s)(?:100|0) ?%|\b(?:100|hundred) percent\b/gi, text),
  ];
}

/** A certificate's name proves the vendor *can* be compliant, not that the team is: it never counts by itself. */
function findCertificates(text: string): Candidate[] {
  return matchesOf(/\b(?:SOC ?[123](?: Type (?:II|I|1|2)\b)?|Type (?:II|I)\b|ISO(?:\/IEC)? ?\d{4,5}(?::\d{4})?|PCI[- ]?DSS|HIPAA|GDPR|CMMI(?: (?:level|ML) ?\d)?)/gi, text);
}

function findIdentifiers(text: string): Candidate[] {
  return [
    // Tickets and records: INC-2291, SEC-123, ADR-014.
    ...matchesOf(/\b[A-Z][A-Z0-9]{1,9}-\d+\b/g, text),
    // Pull requests and issues: PR #88, #412, MR 17.
    ...matchesOf(/(?:\b(?:PRs?|MRs?|issue|ticket)\s*)?#\d+\b|\b(?:PR|MR)\s+\d+\b/gi, text),
    // Channels, tags and handles: #sec-incident, @quarantine.
    ...matchesOf(/(?<![\w@#])[#@][a-z][\w-]+/gi, text),
    // Files and paths: .gitlab-ci.yml, .env, CODEOWNERS, /infra.
    ...matchesOf(/(?<![\w/])\.?[\w-]+\.(?:ya?ml|md|json|env|tf|sh|py|ts|js|pdf|docx?|xlsx?|csv|txt)\b|(?<![\w.])\.env\b|\b(?:CODEOWNERS|Dockerfile|Makefile|Jenkinsfile)\b/g, text),
    ...matchesOf(/(?<![\w./])\/[a-z0-9_-]+(?:\/[\w.-]+)*/g, text),
    // A folder named by its trailing slash: "a PR to adr/", "docs/".
    ...matchesOf(/(?<![\w./])[a-z][\w.-]*\/(?=[\s.,;:)]|$)/g, text),
    // Contract references: clause 9.2, section 4, § 12.
    ...matchesOf(/(?:\b(?:clause|section|article|annex)|§)\s*\d+(?:\.\d+)*/gi, text),
  ];
}

const MONTH = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';

function findDates(text: string): Candidate[] {
  return [
    ...matchesOf(/\b\d{4}-\d{2}(?:-\d{2})?\b/g, text),
    ...matchesOf(new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:${MONTH}|May)\\b(?: \\d{4})?`, 'g'), text),
    ...matchesOf(new RegExp(`\\b(?:${MONTH}|May)(?:\\s*[-–]\\s*(?:${MONTH}|May))? \\d{1,4}\\b`, 'g'), text),
    // Month names are capitalised to be dates ("in March", not "march"); "May" only where it cannot be the verb.
    ...matchesOf(new RegExp(`\\b(?:${MONTH})\\b`, 'g'), text),
    ...matchesOf(/\b(?:in|since|by|from|until|of|last|early|late|mid) (May)\b/g, text, 1),
    ...matchesOf(/\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b/g, text),
    ...matchesOf(/\bQ[1-4](?: \d{4})?\b/g, text),
    ...matchesOf(/\b(?:19[89]\d|20[0-4]\d)\b/g, text),
    ...matchesOf(/\b\d{1,2}:\d{2}\b(?: ?(?:UTC|CET|CEST|GMT))?/g, text),
    ...matchesOf(/\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g, text),
    ...matchesOf(/\b(?:last (?:week|month|quarter|year|night)|yesterday)\b/gi, text),
    // A stated time bound, though not a date: "revoked the same day", "by the next business day".
    ...matchesOf(/\b(?:the )?same[- ]day\b|\bnext (?:business |working )?day\b|\bend of (?:the )?day\b/gi, text),
  ];
}

const NUMBER_WORDS = 'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen';
/** Words that label a number as an identifier: "sprint 41", "week 5", "day 3". */
const NUMBER_LABELS = new Set(['pr', 'mr', 'sprint', 'week', 'day', 'release', 'version', 'step', 'level', 'phase', 'iteration', 'incident', 'ticket', 'issue']);
/** Words after a number that are not what it counts ("the other 5 never were"). */
const NOT_COUNTED = new Set(['never', 'always', 'ago', 'later', 'earlier', 'before', 'after']);

/**
 * A number is concrete with a unit ("4h", "48 hours", "99.5%"), as a count of something ("3 PRs", "two juniors"),
 * as a ratio ("2 of 9") or as a label ("sprint 41"). A bare number, and a marketing "top 1%", is not.
 */
function findQuantities(text: string): Candidate[] {
  const number = String.raw`(?:[~≈<>]\s?)?(?:\d+(?:[.,]\d+)*(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)*)?(?:%|\+|h\d*|hrs?|mins?|d|w|k|x)?(?![\w%])|\b(?:${NUMBER_WORDS})\b)`;
  const ratio = String.raw`(?:\s+of(?:\s+the)?\s+(?:\d+|${NUMBER_WORDS})\b)?`;
  const re = new RegExp(`(?<![\\w.,])(${number}${ratio})(?:\\s+([a-z][\\w-]*))?(?:\\s+([a-z][\\w-]*s)\\b)?`, 'gi');
  const found: Candidate[] = [];
  for (const m of text.matchAll(re)) {
    const [all, amount, next, plural] = m;
    if (m.index === undefined || amount === undefined) continue;
    const before = text.slice(0, m.index).toLowerCase();
    if (/\btop\s*$/.test(before)) continue;
    const hasUnit = /\d(?:%|\+|h\d*|hrs?|mins?|d|w|k|x)$/i.test(amount) || /\bof\b/i.test(amount);
    const counted = next !== undefined && !FUNCTION_WORDS.has(next.toLowerCase()) && !NOT_COUNTED.has(next.toLowerCase());
    const label = before.match(/([a-z]+)\s*#?\s*$/)?.[1];
    const labelled = label !== undefined && NUMBER_LABELS.has(label);
    if (!hasUnit && !counted && !labelled) continue;
    const shown = counted ? (plural !== undefined && !next.endsWith('s') ? all : `${amount} ${next}`) : amount;
    found.push({ text: labelled ? `${label} ${shown}` : shown, start: m.index, end: m.index + shown.length });
  }
  return [
    ...found,
    // A bound is a number even without a unit ("minimum team 3"); "one" only with a time unit ("one month notice").
    ...matchesOf(/\b(?:minimum|maximum|min|max|at least|at most|up to)\b(?:\s+[a-z]+){0,2}\s+\d+\b/gi, text),
    ...matchesOf(/\bone (?:minute|hour|day|business day|working day|week|month|quarter|year|sprint)s?\b/gi, text),
  ];
}

/** Objects of "no ..." that make it a reassurance or a verdict on the answer, not a finding about the practice. */
const NOT_A_FINDING = new Set(
  (
    'problem problems issue issues concern concerns incident incidents risk risks dependency dependencies gap gaps leak leaks ' +
    'breach breaches complaint complaints delay delays downtime surprise surprises detail details specific specifics example ' +
    'examples answer idea comment doubt way matter one longer more less extra further need undue real serious major material significant'
  ).split(' '),
);

/**
 * An evaluator's concrete negative finding is specific: "no reviews at all", "never rotated", "they don't track
 * it", "could not show the log", "out of scope". "No serious incidents" or "no dependencies" is the vendor's
 * reassurance, and "no details" the evaluator's verdict that the answer was vague: neither is a finding.
 */
function findNegativeFindings(text: string): Candidate[] {
  const noThing = [...text.matchAll(/\b(?:no|zero|without(?: any)?|none(?: of(?: the)?)?)\b((?:\s+[\w/'-]+){0,3})/gi)].flatMap((m) => {
    if (m.index === undefined) return [];
    const object = nounPhrase(m[1] ?? '');
    if (object.some((w) => NOT_A_FINDING.has(w.toLowerCase()))) return [];
    if (object.length === 0 && !/^none/i.test(m[0])) return [];
    const t = trimTrailingFunctionWords(m[0]);
    return [{ text: t, start: m.index, end: m.index + t.length }];
  });
  return [
    ...noThing,
    // "was never rotated" is a finding; "code is never shared" states a policy, a claim like any other.
    ...matchesOf(/(?<!\b(?:is|are|gets|get)\s+)\bnever (?:been )?(?!(?:happened|occurred|failed|had|needed)\b)(?:\w+ed|shown|done|seen|run|written|were|was)\b/gi, text),
    ...matchesOf(
      /\b(?:do not|does not|did not|don't|doesn't|didn't)\s+(?:have|track|use|run|keep|measure|review|rotate|enforce|log|record|test|scan|monitor|require|check|sign)\b(?:\s+[\w-]+){0,2}/gi,
      text,
    ),
    ...matchesOf(/\b(?:couldn't|could not|unable to|failed to)\s+(?:show|produce|provide|find|open|demonstrate)\b(?:\s+[\w-]+){0,3}/gi, text),
    ...matchesOf(/\b(?:out of scope|not in scope|not covered)\b/gi, text),
    // "nobody reviewed it" is a finding; "nobody really bypasses it", "nobody is a single point of failure" reassure.
    ...matchesOf(/\b(?:nobody|no one|no-one)\s+(?!(?:complained|noticed|cares|really|ever|is|are|would|will|can|should|needs?|has to)\b)[\w-]+(?:\s+[\w-]+)?/gi, text),
    // Turning down a named term is a finding ("refused an exit clause"); "refused to comment" is a deflection.
    ...matchesOf(/\b(?:refused|declined|rejected)\s+(?:an?|the|our|any)\s+[\w-]+(?:\s+[\w-]+)?/gi, text),
    ...findRiskyPractices(text),
  ];
}

/**
 * The practices domain.md names as failures (personal laptops, shared accounts, self-approved changes, standing
 * admin rights, secrets in plain text, production data on laptops) are concrete when an evaluator reports them; a
 * sentence that only denies them ("no personal laptops are allowed") is the vendor's claim.
 */
function findRiskyPractices(text: string): Candidate[] {
  const practices = matchesOf(
    /\bpersonal (?:laptops?|devices?|machines?|macbooks?|pcs?|computers?|accounts?|(?:google )?drives?|e-?mail|gmail)\b|\bshared (?:accounts?|passwords?|credentials|logins?|admin(?: accounts?)?)\b|\bself-?(?:approved|merged)\b|\bstanding (?:admin|access|root)\b|\bplain[- ]?text\b|\bforce[- ]push(?:ed|es)?\b|\bprod(?:uction)? (?:dumps?|data(?:bases?)?|backups?)\b(?=[^.;]*\b(?:locally|laptops?|at home)\b)/gi,
    text,
  );
  return practices.filter((p) => !/\b(?:no|never|not|forbidden|banned|prohibited)\b/i.test(text.slice(clauseStart(text, p.start), p.start)));
}

function clauseStart(text: string, at: number): number {
  const before = text.slice(0, at);
  return Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf('\n')) + 1;
}

/** What the evaluator saw with their own eyes ("showed the Vault audit log", "list shown") is concrete. */
function findEvidenceSeen(text: string): Candidate[] {
  return [
    // Active voice only: "they showed the log" is something seen, "PRs are opened live" is a claim.
    ...matchesOf(/(?<!\b(?:is|are|was|were|be|been|being|get|gets|got)\s+)\b(?:showed|opened|demoed|screen-?shared|saw|checked|verified|inspected)\b(?:\s+(?:us\s+)?[\w.'#/-]+){1,4}/gi, text).map(
      (c) => {
        const t = trimTrailingFunctionWords(c.text);
        return { ...c, text: t, end: c.start + t.length };
      },
    ),
    ...matchesOf(/\b(?!(?:be|been|being|not|never)\b)\w+\s+shown\b/gi, text),
  ];
}

/** Tool names that are never ordinary words, so they count in any case ("github", "Jira"). */
const TOOL_NAMES = [
  'github(?: actions| enterprise)?',
  'gitlab(?: ci)?',
  'bitbucket',
  'jira',
  'confluence',
  'jenkins',
  'circleci',
  'argo ?cd',
  'argo rollouts',
  'terraform',
  'helm',
  'docker',
  'kubernetes',
  'k8s',
  'aws',
  'gcp',
  'azure(?: devops)?',
  'cloudflare',
  'hashicorp vault',
  '1password',
  'bitwarden',
  'lastpass',
  'okta',
  'entra(?: id)?',
  'intune',
  'jamf',
  'kandji',
  'citrix',
  'zscaler',
  'netskope',
  'crowdstrike',
  'sentinelone',
  'snyk',
  'sonarqube',
  'sonarcloud',
  'dependabot',
  'trivy',
  'semgrep',
  'gitleaks',
  'trufflehog',
  'vanta',
  'drata',
  'knowbe4',
  'datadog',
  'splunk',
  'pagerduty',
  'opsgenie',
  'grafana',
  'servicenow',
  'launchdarkly',
  'playwright',
  'cypress',
  'eslint',
  'prettier',
  'testcontainers',
  'slack',
  'google drive',
  'onedrive',
  'dropbox',
];
const TOOLS = new RegExp(`\\b(?:${TOOL_NAMES.join('|')})\\b`, 'gi');

function findTools(text: string): Candidate[] {
  return matchesOf(TOOLS, text);
}

/**
 * A capitalised word in mid-sentence is a name (person, place, company, product: "Lena Vogt", "Porto", "Vault"),
 * unless it is one people capitalise for emphasis or as a job title ("Best Practices", "Senior Engineers", "Agile").
 * Sentence-initial words are skipped: capitals there say nothing.
 */
function findNames(text: string): Candidate[] {
  const names: Candidate[] = [];
  for (const m of text.matchAll(/\b[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)*/g)) {
    if (m.index === undefined) continue;
    let offset = m.index;
    let opening: Candidate | null = null;
    for (const word of m[0].split(/(\s+)/)) {
      const start = offset;
      offset += word.length;
      const bare = word.replace(/['’]s$/, '');
      if (word.trim() === '' || NOT_A_NAME.has(bare.toLowerCase())) continue;
      const here = { text: bare, start, end: start + bare.length };
      // A capitalised first word is only a name when a second one follows it: "Maria Lopez", not "Rotation".
      if (isSentenceStart(text, start)) {
        opening = here;
        continue;
      }
      const last = names.at(-1) ?? opening;
      if (last && text.slice(last.end, start) === ' ') {
        if (last === opening) names.push(last);
        names[names.length - 1] = { text: `${last.text} ${bare}`, start: last.start, end: here.end };
      } else names.push(here);
      opening = null;
    }
  }
  return names;
}

function isSentenceStart(text: string, at: number): boolean {
  return /(?:^|[.!?]["”’']?\s+|\n\s*(?:[-*•]\s*)?|(?:^|\s)["“‘'])$/.test(text.slice(0, at));
}

// ---------------------------------------------------------------------------------------------------------------
// Mature-answer points
// ---------------------------------------------------------------------------------------------------------------

/**
 * A point is covered when one sentence of the note both shares its content words and holds something concrete.
 * Sharing means two word stems, or one stem no other point of the question uses (it singles this point out).
 */
function countCoveredPoints(points: readonly string[], text: string, found: readonly Found[]): number {
  const pointStems = points.map(contentStems);
  const sentences = splitSentences(text).filter((s) => found.some((f) => f.counts && f.start < s.end && s.start < f.end));
  const sentenceStems = sentences.map((s) => contentStems(s.text));
  return pointStems.filter((stems, i) =>
    sentenceStems.some((note) => {
      const shared = stems.filter((p) => note.some((n) => sameStem(p, n)));
      const distinctive = shared.some((p) => pointStems.every((other, j) => j === i || !other.some((o) => sameStem(p, o))));
      return shared.length >= 2 || distinctive;
    }),
  ).length;
}

function splitSentences(text: string): { text: string; start: number; end: number }[] {
  return [...text.matchAll(/[^\n]+?(?:[.!?;](?=\s|$)|$)/gm)].flatMap((m) => (m.index === undefined ? [] : [{ text: m[0], start: m.index, end: m.index + m[0].length }]));
}

/** Words that carry no content for matching a note to a point, beside the function words. */
const GENERIC_WORDS = new Set(
  (
    'client clients vendor vendors team teams engagement project projects not only every each any ' +
    'show shows shown give gives describe describes state states real recent last actual concrete specific clear'
  ).split(' '),
);

function contentStems(text: string): string[] {
  const spelledUnits = text
    .toLowerCase()
    .replace(/(\d)\s*(?:h|hrs?)\b/g, '$1 hours')
    .replace(/(\d)\s*mins?\b/g, '$1 minutes')
    .replace(/(\d)\s*d\b/g, '$1 days')
    .replace(/(\d)\s*w\b/g, '$1 weeks');
  const words = spelledUnits.match(/[a-z][a-z0-9']*/g) ?? [];
  return unique(
    words
      .map((w) => w.replace(/'s?$/, ''))
      .filter((w) => w.length > 2 && !FUNCTION_WORDS.has(w) && !GENERIC_WORDS.has(w))
      .map(stem),
  );
}

/** A light suffix stripper: enough for "approvals"/"approved", "rotation"/"rotated", "reviewers"/"reviews". */
function stem(word: string): string {
  for (const suffix of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 's', 'ly']) {
    const base = word.slice(0, -suffix.length);
    if (word.endsWith(suffix) && base.length >= (suffix === 's' ? 3 : 4)) return suffix === 'ies' || suffix === 'ied' ? `${base}y` : base;
  }
  return word;
}

/** Same word up to a short ending the stripper missed ("rotat"/"rotate", "review"/"reviewable"), not "time"/"timestamp". */
function sameStem(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short === long || (short.length >= 4 && long.startsWith(short) && long.length - short.length <= 4);
}

// ---------------------------------------------------------------------------------------------------------------
// Why a note is vague
// ---------------------------------------------------------------------------------------------------------------

/** Each way of saying nothing, with how the reason reads; the first that matches explains the note. */
const VAGUENESS: readonly { says: (phrase: string) => string; patterns: readonly RegExp[] }[] = [
  {
    says: (p) => `deflects ("${p}")`,
    patterns: [
      /\b(?:we |they )?(?:can't|cannot|can not|won't|unable to|not able to)\s+(?:share|disclose|discuss|comment|say|tell)\b[^.;,]*/i,
      /\bconfidential\b/i,
      /\bit depends\b[^.;,]*|\bdepend(?:s|ing)? on\b[^.;,]*/i,
      /\bcase[- ]by[- ]case\b|\bit varies\b|\bvaries\b/i,
      /\b(?:handled|managed|kept|owned|taken care of|dealt with) by (?:our|the|their|a) [\w ]{0,20}?(?:team|department|dept|hr|legal|it|management)\b/i,
      /\b(?:team|department|legal|hr|it) (?:handles|would handle|takes care|would take care|deals with)\b[^.;,]*/i,
      /\bwith (?:legal|hr|management|procurement)\b/i,
      /\b(?:need|needs|have|has|'d have|'d need|would have|would need) to (?:check|ask|confirm|verify|look into|find out)\b[^.;,]*/i,
      /\bget back to (?:you|us)\b|\b(?:send|share|provide)\b[^.;]{0,25}\blater\b|\bon request\b|\bto be (?:discussed|confirmed|defined|agreed|decided)\b[^.;,]*/i,
      /\btake care of it\b|\bsort it out\b/i,
      /\b(?:refused|declined|wouldn't|would not) to\b[^.;,]*|\b(?:refused|declined)\b[^.;,]*/i,
    ],
  },
  {
    says: (p) => `reassures ("${p}") without evidence`,
    patterns: [
      /\b(?:never|not|isn't|is not) (?:a|an|really a) (?:problem|issue|concern)\b/i,
      /\b(?:no|haven't had any|never had (?:a|an|any)) (?:serious |major |real )?(?:problems?|issues?|incidents?|dependencies|risks?|gaps?|leaks?|breaches|complaints?)\b/i,
      /\brarely happens\b|\bnothing (?:material |major |significant )?(?:changed|happened)\b|\ball good\b|\bunder control\b|\b(?:very|extremely) seriously\b/i,
    ],
  },
  {
    says: (p) => `the evaluator found nothing specific ("${p}")`,
    patterns: [
      /\bnothing (?:specific|concrete|more|else)\b[^.;,]*/i,
      /\bno (?:specifics|details|examples?|names|numbers|figures)\b/i,
      /\bcould(?:n't| not) (?:recall|remember|say|name|tell)\b[^.;,]*/i,
      /\b(?:wasn't|was not|weren't|were not) (?:said|specified|named|clear)\b|\bnot sure\b|\bno idea\b|\b(?:don't|doesn't|didn't|do not|does not|did not) know\b/i,
    ],
  },
  {
    says: (p) => `vague quantity ("${p}") with nothing concrete`,
    patterns: [
      /\ba (?:couple|few) (?:of )?\w+|\b(?:several|many|lots of|a lot of|a bit)\b(?: \w+)?/i,
      /\bregularly\b|\b(?:on )?a regular basis\b|\bperiodically\b|\bfrom time to time\b|\b(?:often|frequently|occasionally|sometimes|rarely)\b/i,
      /\basap\b|\bas soon as possible\b|\bin a timely (?:manner|fashion)\b|\bwithout undue delay\b|\b(?:quickly|fast|promptly|immediately|swiftly|soon|later)\b/i,
      /\bwithin reason\b|\breasonable\b|\bat any given time\b/i,
    ],
  },
  {
    says: (p) => `buzzwords ("${p}") with nothing concrete`,
    patterns: [
      /\bbest[- ]practices?\b|\bindustry[- ](?:standards?|leading|best)\b|\bbest[- ]in[- ]class\b|\bworld[- ]class\b|\bstate[- ]of[- ]the[- ]art\b|\bcutting[- ]edge\b|\benterprise[- ]grade\b/i,
      /\btop \d+ ?%(?: \w+)?|\b(?:robust|rigorous|comprehensive|top[- ]notch|seamless(?:ly)?|proven|mature|highly skilled|very experienced|experienced professionals|seasoned)\b/i,
      /\bfully (?:compliant|automated)\b|\bcontinuous(?:ly)? improv\w*|\bpart of our dna\b|\bbuilt into every\b[^.;,]*|\bsecurely\b|\bneed[- ]to[- ]know\b|\bleast privilege\b/i,
      /\bbest (?:available )?(?:people|engineers|talent)\b|\bstrong team\b|\bcarefully selected\b|\b(?:very )?(?:flexible|responsive|engaged)\b|\b\w+-aligned\b|\bcompliant\b/i,
    ],
  },
  {
    says: (p) => `hedges ("${p}") with nothing concrete`,
    patterns: [
      /\b(?:usually|generally|typically|normally|mostly|in most cases|in general|as needed|when needed|if needed|as appropriate|as required|when necessary|whenever necessary|if necessary)\b/i,
      /\b(?:we try to|try to|should be|more or less|i think|we think|(?:we|they|i) believe|as far as (?:we|they|i) know|probably|possibly|maybe|might|sort of|kind of|fairly|pretty|basically|ideally|hopefully|in principle|in theory|always|whatever)\b/i,
    ],
  },
];

function explainVagueness(text: string, found: readonly Found[]): string {
  for (const { says, patterns } of VAGUENESS) {
    for (const re of patterns) {
      const phrase = re.exec(text)?.[0];
      if (phrase !== undefined) return says(shorten(phrase.trim()));
    }
  }
  const certificate = found.find((f) => f.kind === 'certificate');
  if (certificate) return `cites a certificate ("${certificate.text}") with nothing concrete about the team`;
  const echo = found.find((f) => !f.counts);
  if (echo) return `repeats the question ("${echo.text}") with nothing concrete`;
  return 'a claim in general terms: no names, numbers, tools or dates';
}

function shorten(phrase: string): string {
  return phrase.length <= 40 ? phrase : `${phrase.slice(0, 39).trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------------------------

const FUNCTION_WORDS = new Set(
  (
    'a an the and or but nor so yet of to in on at by for with from into onto over under about after before during than then ' +
    "that this these those there here it its it's is are was were be been being am do does did done has have had having " +
    'will would can could should must may might shall we our ours us they their them he his him she her i my me you your ' +
    'who whom whose which what when where why how all any both each few more most other some such no not only own same ' +
    'too very just also as because while until up down out off again once per via if whether either neither'
  ).split(/\s+/),
);

/** The words before the first function word: "no SAST or dependency scanning" is about "SAST". */
function nounPhrase(words: string): string[] {
  const all = words
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const end = all.findIndex((w) => FUNCTION_WORDS.has(w.toLowerCase()));
  return end < 0 ? all : all.slice(0, end);
}

function trimTrailingFunctionWords(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  while (
    words.length > 1 &&
    FUNCTION_WORDS.has(
      words
        .at(-1)
        ?.toLowerCase()
        .replace(/[^a-z']/g, '') ?? '',
    )
  )
    words.pop();
  return words.join(' ').replace(/[.,;:!?]+$/, '');
}

/** Capitalised words that are not names: capitalised for emphasis, job titles, methods, and ordinary words. */
const NOT_A_NAME = new Set([
  ...FUNCTION_WORDS,
  ...(
    'best practice practices industry standard standards leading class senior seniors junior juniors lead engineer engineers engineering ' +
    'developer developers architect architects manager managers team teams security quality process processes agile scrum kanban lean ' +
    'waterfall devops devsecops cloud enterprise excellence expert experts professional professionals talent management client clients ' +
    'vendor vendors partner partners policy policies compliance company customer customers service services support operations sprint ' +
    'sprints retro retros definition done product owner master delivery director executive sponsor account head chief officer ' +
    'yes ok okay note notes answer question none nothing everyone everybody someone anyone usually generally typically normally always ' +
    'never sometimes often regularly only also'
  ).split(/\s+/),
]);

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
