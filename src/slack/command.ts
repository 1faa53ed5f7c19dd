// Parses the text after `/vet` (as Slack sends it, escaped: see commandText.ts) into a command. Pure: no Slack, no I/O.
import type { NameToken } from '../flows/names.js';
import { isFramework } from '../questions/controls/index.js';
import { ENGAGEMENT_MODELS, FRAMEWORKS, type EngagementModel, type Framework, type InterviewVariant } from '../questions/model.js';
import { tokenizeCommand, type CommandToken } from './commandText.js';

export type EvaluatorChange = { action: 'add' | 'remove'; users: string[] };

export type VetCommand =
  | { kind: 'help' }
  | { kind: 'start'; vendor: string; model: EngagementModel | null; variant: InterviewVariant; evaluators: string[]; vendorChannel: string | null }
  /** `/vet vendor-channel <vendor> #channel`: the vendor answers a running vetting in its own shared channel. */
  | { kind: 'vendor-channel'; vendor: string; channel: string }
  | { kind: 'evaluators'; vendor: string; change: EvaluatorChange | null }
  | { kind: 'status'; vendor: string }
  | { kind: 'finish'; vendor: string }
  | { kind: 'flags'; vendor: string }
  | { kind: 'evidence'; vendor: string }
  | { kind: 'list' }
  | { kind: 'compare'; names: NameToken[] }
  /** `framework`: the report shows only that framework's controls. */
  | { kind: 'report'; vendor: string; format: 'markdown' | 'csv'; framework: Framework | null }
  | { kind: 'digest'; action: 'show' | 'on' | 'off' | 'now' }
  | { kind: 'digest-schedule'; args: string[] }
  /** `/vet advise` opens the engagement-model checklist; `list` lists decisions; anything else is explained. */
  | { kind: 'advise'; action: 'open' | 'list' }
  | { kind: 'advise'; action: 'unknown'; typed: string }
  | { kind: 'error'; message: string };

type Word = Extract<CommandToken, { kind: 'word' }>;
type User = Extract<CommandToken, { kind: 'user' }>;
type Channel = Extract<CommandToken, { kind: 'channel' }>;

/** A channel where only words are read is what the person typed: `#name`. */
const asWord = (t: CommandToken): Exclude<CommandToken, Channel> => (t.kind === 'channel' ? { kind: 'word', text: `#${t.label || t.id}`, quoted: false } : t);

/** Slack clients may turn "--" into an en or em dash. */
function optionName(token: string): string | null {
  const m = /^(?:--|—|–)([a-z-]+)$/i.exec(token);
  return m ? m[1]!.toLowerCase() : null;
}

const optionOf = (t: CommandToken): string | null => (t.kind === 'word' && !t.quoted ? optionName(t.text) : null);

/**
 * What a person typed, inside the messages below: always in "double quotes" (never in a code span), where the
 * renderer keeps it from turning into formatting; a quote mark of their own becomes a curly one so the pairs hold.
 */
function typed(text: string): string {
  return `"${text.replace(/"/g, '”')}"`;
}

/** What to say about a word where only a person fits. */
function notAPerson(word: string, where: string, example: string): string {
  if (word.startsWith('@')) {
    return `${typed(word)} did not reach me as a mention of a person. Pick the person from the list Slack shows as you type @ (the name turns into a link), then send the command again.`;
  }
  return `${where} takes people only, picked from Slack's @ list; ${typed(word)} is not one. For example: ${example}`;
}

export function parseCommand(text: string): VetCommand {
  const [head, ...all] = tokenizeCommand(text.trim());
  if (head === undefined) return { kind: 'help' };
  const first = asWord(head);
  if (first.kind === 'user') return { kind: 'error', message: `I don't know the command ${typed(`@${first.label}`)}.` };
  const sub = first.text;
  const name = sub.toLowerCase();
  if (name === 'help') return { kind: 'help' };
  if (name === 'start') return parseStart(all);
  if (name === 'vendor-channel') return parseVendorChannel(all);
  const rest = all.map(asWord);
  if (name === 'evaluators') return parseEvaluators(rest);
  if (name === 'advise') return parseAdvise(rest);
  const person = rest.find((t): t is User => t.kind === 'user');
  if (person) return { kind: 'error', message: `${typed(`/vet ${name}`)} takes vendor names, not people (${typed(`@${person.label}`)}).` };
  const words = rest.filter((t): t is Word => t.kind === 'word');
  const texts = words.map((t) => t.text);
  if (name === 'digest') return parseDigest(texts);
  if (name === 'list') return rest.length === 0 ? { kind: 'list' } : { kind: 'error', message: '`/vet list` takes nothing after it.' };
  if (name === 'compare') {
    const names = words.filter((t) => t.text.trim() !== '').map((t) => ({ text: t.text, quoted: t.quoted }));
    if (names.length < 2) return { kind: 'error', message: '`/vet compare` needs 2 to 5 vendors, e.g. `/vet compare "Acme Dev" Globex`.' };
    return { kind: 'compare', names };
  }
  if (name === 'report') return parseReport(texts);
  if (name === 'status' || name === 'finish' || name === 'flags' || name === 'evidence') {
    const vendor = texts.join(' ').trim();
    if (vendor === '') return { kind: 'error', message: `\`/vet ${name}\` needs a vendor name, e.g. \`/vet ${name} Acme Dev\`.` };
    return { kind: name, vendor };
  }
  return { kind: 'error', message: `I don't know the command ${typed(sub)}.` };
}

const FRAMEWORK_CHOICES = `${FRAMEWORKS.slice(0, -1).join(', ')} or ${FRAMEWORKS.at(-1)}`;

function parseReport(input: readonly string[]): VetCommand {
  // `--framework=soc2` is read as `--framework soc2`.
  const texts = input.flatMap((t) => {
    const joined = /^((?:--|—|–)framework)=(.*)$/i.exec(t);
    return joined ? [joined[1]!, joined[2]!] : [t];
  });
  const words: string[] = [];
  let csv = false;
  let framework: Framework | null = null;
  for (let i = 0; i < texts.length; i++) {
    const option = optionName(texts[i]!);
    if (option === null) words.push(texts[i]!);
    else if (option === 'csv') csv = true;
    else if (option === 'framework') {
      const value = texts[i + 1];
      if (value === undefined || value === '' || optionName(value) !== null)
        return { kind: 'error', message: `\`--framework\` needs a framework: ${FRAMEWORK_CHOICES}, e.g. \`/vet report Acme Dev --framework iso27001\`.` };
      const known = value.toLowerCase();
      if (!isFramework(known)) return { kind: 'error', message: `I don't know the framework ${typed(value)}: \`--framework\` takes ${FRAMEWORK_CHOICES}.` };
      framework = known;
      i++;
    } else return { kind: 'error', message: `Unknown option \`--${option}\`: \`/vet report\` takes \`--csv\` and \`--framework <${FRAMEWORKS.join('|')}>\`.` };
  }
  const vendor = words.join(' ').trim();
  if (vendor === '') return { kind: 'error', message: '`/vet report` needs a vendor name, e.g. `/vet report Acme Dev --csv`.' };
  return { kind: 'report', vendor, format: csv ? 'csv' : 'markdown', framework };
}

/**
 * The one example of starting a vetting, the same in README, the start-up log, the sandbox page and usage errors: the
 * sandbox's own people, so following it there gives an interview Sam and Rio can rate.
 */
export const START_COMMAND = '/vet start Acme Dev --lite --with @sam @rio';
const START_EXAMPLE = `\`${START_COMMAND}\``;
const VENDOR_CHANNEL_EXAMPLE = '`/vet start Acme Dev --vendor-channel #acme-shared`';

function parseStart(tokens: CommandToken[]): VetCommand {
  const words: string[] = [];
  const evaluators: string[] = [];
  let vendorChannel: string | null = null;
  let model: EngagementModel | null = null;
  let variant: InterviewVariant = 'standard';
  // After --with, people follow until the next option.
  let naming = false;
  let named = false;
  for (let i = 0; i < tokens.length; i++) {
    // A channel not after --vendor-channel is part of the name, as typed (a vendor may be called "Acme #dev").
    const token = asWord(tokens[i]!);
    if (token.kind === 'user') {
      if (!naming) return { kind: 'error', message: `Name the evaluators after \`--with\`, e.g. ${START_EXAMPLE}.` };
      if (!evaluators.includes(token.id)) evaluators.push(token.id);
      continue;
    }
    const option = optionOf(token);
    if (option === null) {
      if (naming) return { kind: 'error', message: notAPerson(token.text, '`--with`', `${START_EXAMPLE} (the vendor name comes first).`) };
      words.push(token.text);
      continue;
    }
    naming = false;
    if (option === 'with') {
      naming = true;
      named = true;
    } else if (option === 'lite') {
      variant = 'lite';
    } else if (option === 'vendor-channel') {
      const next = tokens[++i];
      if (next?.kind !== 'channel') {
        const what = next === undefined ? 'nothing' : typed(next.kind === 'user' ? `@${next.label}` : next.text);
        return { kind: 'error', message: `\`--vendor-channel\` needs a channel picked from Slack's # list (it turns into a link), not ${what}. For example: ${VENDOR_CHANNEL_EXAMPLE}.` };
      }
      vendorChannel = next.id;
    } else if (option === 'model') {
      const next = tokens[++i];
      const value = next?.kind === 'word' ? next.text.toLowerCase() : undefined;
      if (value === undefined) return { kind: 'error', message: `\`--model\` needs a value: ${ENGAGEMENT_MODELS.join(', ')}.` };
      const known = ENGAGEMENT_MODELS.find((m) => m === value);
      if (!known) return { kind: 'error', message: `Unknown engagement model "${value}": use one of ${ENGAGEMENT_MODELS.join(', ')}.` };
      model = known;
    } else {
      return { kind: 'error', message: `Unknown option \`--${option}\`: \`/vet start\` takes \`--model <model>\`, \`--lite\`, \`--with @people\` and \`--vendor-channel #channel\`.` };
    }
  }
  if (named && evaluators.length === 0) return { kind: 'error', message: `\`--with\` needs at least one person, e.g. ${START_EXAMPLE}.` };
  const vendor = words.join(' ').trim();
  if (vendor === '') return { kind: 'error', message: `\`/vet start\` needs a vendor name, e.g. ${START_EXAMPLE}.` };
  return { kind: 'start', vendor, model, variant, evaluators, vendorChannel };
}

/** `/vet vendor-channel <vendor> #channel`: the channel comes last, picked from Slack's # list. */
function parseVendorChannel(tokens: CommandToken[]): VetCommand {
  const example = '`/vet vendor-channel Acme Dev #acme-shared`';
  const last = tokens.at(-1);
  if (last?.kind !== 'channel') return { kind: 'error', message: `Name the vendor's shared channel last, picked from Slack's # list (it turns into a link), e.g. ${example}.` };
  const words = tokens.slice(0, -1);
  if (words.some((t) => t.kind !== 'word')) return { kind: 'error', message: `Give the vendor name, then one channel, e.g. ${example}.` };
  const vendor = words
    .map((t) => (t.kind === 'word' ? t.text : ''))
    .join(' ')
    .trim();
  if (vendor === '') return { kind: 'error', message: `\`/vet vendor-channel\` needs a vendor name, e.g. ${example}.` };
  return { kind: 'vendor-channel', vendor, channel: last.id };
}

/** `/vet evaluators <vendor> [add|remove @person …]`: the last "add" or "remove" ends the vendor name. */
function parseEvaluators(tokens: Exclude<CommandToken, Channel>[]): VetCommand {
  const actionOf = (t: CommandToken): 'add' | 'remove' | null => {
    const word = t.kind === 'word' && !t.quoted ? t.text.toLowerCase() : null;
    return word === 'add' || word === 'remove' ? word : null;
  };
  // Index 0 is never the action: the vendor name comes first.
  let at = tokens.length - 1;
  while (at > 0 && actionOf(tokens[at]!) === null) at--;
  const action = at > 0 ? actionOf(tokens[at]!) : null;
  const vendorTokens = action ? tokens.slice(0, at) : tokens;
  const example = '`/vet evaluators Acme Dev add @sam`';
  const vendorWords = vendorTokens.filter((t): t is Word => t.kind === 'word');
  if (vendorWords.length < vendorTokens.length) {
    return { kind: 'error', message: `Say \`add\` or \`remove\` after the vendor name and before the people, e.g. ${example}.` };
  }
  const vendor = vendorWords
    .map((t) => t.text)
    .join(' ')
    .trim();
  if (vendor === '') return { kind: 'error', message: `\`/vet evaluators\` needs a vendor name, e.g. \`/vet evaluators Acme Dev\` to list them or ${example}.` };
  if (!action) return { kind: 'evaluators', vendor, change: null };
  const users: string[] = [];
  for (const t of tokens.slice(at + 1)) {
    if (t.kind === 'word') return { kind: 'error', message: notAPerson(t.text, `\`/vet evaluators … ${action}\``, `${example}.`) };
    if (!users.includes(t.id)) users.push(t.id);
  }
  if (users.length === 0) return { kind: 'error', message: `Say whom to ${action} for ${typed(vendor)}, e.g. \`/vet evaluators <vendor> ${action} @sam\`.` };
  return { kind: 'evaluators', vendor, change: { action, users } };
}

function parseAdvise(tokens: Exclude<CommandToken, Channel>[]): VetCommand {
  if (tokens.length === 0) return { kind: 'advise', action: 'open' };
  const [only] = tokens;
  if (tokens.length === 1 && only?.kind === 'word' && !only.quoted && only.text.toLowerCase() === 'list') return { kind: 'advise', action: 'list' };
  return { kind: 'advise', action: 'unknown', typed: tokens.map((t) => (t.kind === 'user' ? `@${t.label}` : t.text)).join(' ') };
}

function parseDigest(tokens: string[]): VetCommand {
  const [action, ...args] = tokens.map((t) => t.trim());
  const a = action?.toLowerCase();
  if (a === undefined) return { kind: 'digest', action: 'show' };
  if (a === 'on' || a === 'off' || a === 'now') {
    if (args.length > 0) return { kind: 'error', message: `\`/vet digest ${a}\` takes nothing after it.` };
    return { kind: 'digest', action: a };
  }
  if (a === 'schedule') return { kind: 'digest-schedule', args };
  return { kind: 'error', message: `I don't know ${typed(action ?? '')} after \`/vet digest\`: use \`schedule <weekday> <HH:MM> [time zone]\`, \`on\`, \`off\` or \`now\`.` };
}
