// Parses the text after `/vet` into a command. Pure: no Slack, no I/O.
import type { NameToken } from '../flows/names.js';
import { ENGAGEMENT_MODELS, type EngagementModel, type InterviewVariant } from '../questions/model.js';

export type VetCommand =
  | { kind: 'help' }
  | { kind: 'start'; vendor: string; model: EngagementModel | null; variant: InterviewVariant }
  | { kind: 'status'; vendor: string }
  | { kind: 'finish'; vendor: string }
  | { kind: 'flags'; vendor: string }
  | { kind: 'list' }
  | { kind: 'compare'; names: NameToken[] }
  | { kind: 'report'; vendor: string; format: 'markdown' | 'csv' }
  | { kind: 'digest'; action: 'show' | 'on' | 'off' | 'now' }
  | { kind: 'digest-schedule'; args: string[] }
  | { kind: 'error'; message: string };

/** Splits on spaces, keeping "quoted names" (straight or curly quotes, as Slack clients type them) whole. */
export function tokenizeQuoted(text: string): NameToken[] {
  const tokens: NameToken[] = [];
  const re = /["“”]([^"“”]*)["“”]?|(\S+)/g;
  for (const m of text.matchAll(re)) tokens.push(m[1] !== undefined ? { text: m[1], quoted: true } : { text: m[2]!, quoted: false });
  return tokens;
}

export function tokenize(text: string): string[] {
  return tokenizeQuoted(text).map((t) => t.text);
}

/** Slack clients may turn "--" into an en or em dash. */
function optionName(token: string): string | null {
  const m = /^(?:--|—|–)([a-z-]+)$/i.exec(token);
  return m ? m[1]!.toLowerCase() : null;
}

export function parseCommand(text: string): VetCommand {
  const tokens = tokenize(text.trim());
  const [sub, ...rest] = tokens;
  if (sub === undefined || sub.toLowerCase() === 'help') return { kind: 'help' };
  const name = sub.toLowerCase();
  if (name === 'start') return parseStart(rest);
  if (name === 'digest') return parseDigest(rest);
  if (name === 'list') return rest.length === 0 ? { kind: 'list' } : { kind: 'error', message: '`/vet list` takes nothing after it.' };
  if (name === 'compare') {
    const names = tokenizeQuoted(text.trim()).slice(1).filter((t) => t.text.trim() !== '');
    if (names.length < 2) return { kind: 'error', message: '`/vet compare` needs 2 to 5 vendors, e.g. `/vet compare "Acme Dev" Globex`.' };
    return { kind: 'compare', names };
  }
  if (name === 'report') {
    const csv = rest.some((t) => optionName(t) === 'csv');
    const unknown = rest.map(optionName).find((o) => o !== null && o !== 'csv');
    if (unknown) return { kind: 'error', message: `Unknown option \`--${unknown}\`: \`/vet report\` takes \`--csv\`.` };
    const vendor = rest.filter((t) => optionName(t) === null).join(' ').trim();
    if (vendor === '') return { kind: 'error', message: '`/vet report` needs a vendor name, e.g. `/vet report Acme Dev --csv`.' };
    return { kind: 'report', vendor, format: csv ? 'csv' : 'markdown' };
  }
  if (name === 'status' || name === 'finish' || name === 'flags') {
    const vendor = rest.join(' ').trim();
    if (vendor === '') return { kind: 'error', message: `\`/vet ${name}\` needs a vendor name, e.g. \`/vet ${name} Acme Dev\`.` };
    return { kind: name, vendor };
  }
  return { kind: 'error', message: `I don't know \`/vet ${sub}\`.` };
}

function parseStart(tokens: string[]): VetCommand {
  const words: string[] = [];
  let model: EngagementModel | null = null;
  let variant: InterviewVariant = 'standard';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const option = optionName(token);
    if (option === null) {
      words.push(token);
    } else if (option === 'lite') {
      variant = 'lite';
    } else if (option === 'model') {
      const value = tokens[++i]?.toLowerCase();
      if (value === undefined) return { kind: 'error', message: `\`--model\` needs a value: ${ENGAGEMENT_MODELS.join(', ')}.` };
      if (!(ENGAGEMENT_MODELS as readonly string[]).includes(value)) {
        return { kind: 'error', message: `Unknown engagement model "${value}": use one of ${ENGAGEMENT_MODELS.join(', ')}.` };
      }
      model = value as EngagementModel;
    } else {
      return { kind: 'error', message: `Unknown option \`--${option}\`: \`/vet start\` takes \`--model <model>\` and \`--lite\`.` };
    }
  }
  const vendor = words.join(' ').trim();
  if (vendor === '') return { kind: 'error', message: '`/vet start` needs a vendor name, e.g. `/vet start Acme Dev --model agency`.' };
  return { kind: 'start', vendor, model, variant };
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
  return { kind: 'error', message: `I don't know \`/vet digest ${action}\`: use \`schedule <weekday> <HH:MM> [time zone]\`, \`on\`, \`off\` or \`now\`.` };
}
