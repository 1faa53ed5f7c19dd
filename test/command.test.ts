// The text after /vet as Slack sends it with should_escape: mentions as <@U…|name>, other entities, & < > escaped.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/slack/command.js';
import { decodeCommandText, tokenizeCommand, type CommandToken } from '../src/slack/commandText.js';
import { escapeSlashText } from '../src/sandbox/slashText.js';

const word = (text: string, quoted = false): CommandToken => ({ kind: 'word', text, quoted });
const user = (id: string, label = id): CommandToken => ({ kind: 'user', id, label });

describe('tokenizeCommand', () => {
  it.each<[string, string, CommandToken[]]>([
    ['plain words', 'start Acme Dev', [word('start'), word('Acme'), word('Dev')]],
    ['straight and curly quotes keep a name whole', 'compare "Acme Dev" “Umbrella Corp” globex', [word('compare'), word('Acme Dev', true), word('Umbrella Corp', true), word('globex')]],
    ['an unclosed quote runs to the end', 'status "Acme Dev', [word('status'), word('Acme Dev', true)]],
    ['a quote inside a word is part of it', 'status Acme"s', [word('status'), word('Acme"s')]],
    ['a user mention with its name', 'x <@U0BOB|bob>', [word('x'), user('U0BOB', 'bob')]],
    ['a user mention without a name, and an Enterprise Grid id', '<@U0BOB> <@W0ENT|ent>', [user('U0BOB'), user('W0ENT', 'ent')]],
    ['a mention right after a word ends the word', 'Acme<@U0BOB|bob>', [word('Acme'), user('U0BOB', 'bob')]],
    ['a mention inside quotes is quoted text', '"Acme <@U0BOB|bob>"', [word('Acme @bob', true)]],
    ['a channel is its id and name', 'start <#C0VET|vendor-vetting> Acme', [word('start'), { kind: 'channel', id: 'C0VET', label: 'vendor-vetting' }, word('Acme')]],
    ['a channel without a name keeps its id', '<#C0VET>', [{ kind: 'channel', id: 'C0VET', label: '' }]],
    ['@here, @channel and @everyone come back as typed', '<!here> <!channel> <!everyone>', [word('@here'), word('@channel'), word('@everyone')]],
    ['a user group becomes its label', '<!subteam^S0DEV|@devs>', [word('@devs')]],
    ['a link becomes its label, or its URL', '<https://acme.example|Acme> <https://x.example/a?b=1&amp;c=2>', [word('Acme'), word('https://x.example/a?b=1&c=2')]],
    ['a mailto link becomes the address', '<mailto:ceo@acme.example|ceo@acme.example> <mailto:a@b.example>', [word('ceo@acme.example'), word('a@b.example')]],
    [
      '&amp; &lt; &gt; typed literally are unescaped after entities are read',
      'Smith &amp; Sons &lt;@U0BOSS&gt; &lt;!channel&gt;',
      [word('Smith'), word('&'), word('Sons'), word('<@U0BOSS>'), word('<!channel>')],
    ],
    ['an escaped label is unescaped once', '<https://a.example|A &amp;amp; B>', [word('A'), word('&amp;'), word('B')]],
    ['a label with spaces splits like typed words', '<https://a.example|Acme Dev>', [word('Acme'), word('Dev')]],
    ['blank text has no tokens', '   ', []],
  ])('%s', (_, text, tokens) => {
    expect(tokenizeCommand(text)).toEqual(tokens);
  });

  it('keeps plain text and mentions apart, merging the text around other entities', () => {
    expect(decodeCommandText('a <!here> b <@U1|x> c')).toEqual([
      { kind: 'text', text: 'a @here b ' },
      { kind: 'user', id: 'U1', label: 'x' },
      { kind: 'text', text: ' c' },
    ]);
  });
});

describe('parseCommand on escaped text', () => {
  it.each<[string, string, ReturnType<typeof parseCommand>]>([
    ['a start without evaluators', 'start Acme Dev --lite', { kind: 'start', vendor: 'Acme Dev', model: null, variant: 'lite', evaluators: [], vendorChannel: null }],
    [
      'evaluators named with --with, duplicates once',
      'start "Acme Dev" --model agency --with <@U0ALICE|alice> <@U0BOB|bob> <@U0ALICE|alice> --lite',
      { kind: 'start', vendor: 'Acme Dev', model: 'agency', variant: 'lite', evaluators: ['U0ALICE', 'U0BOB'], vendorChannel: null },
    ],
    ['a dash a Slack client made of --', 'start Acme —with <@U0BOB|bob>', { kind: 'start', vendor: 'Acme', model: null, variant: 'standard', evaluators: ['U0BOB'], vendorChannel: null }],
    ['a vendor name with & and quotes', 'start “Smith &amp; Sons” --lite', { kind: 'start', vendor: 'Smith & Sons', model: null, variant: 'lite', evaluators: [], vendorChannel: null }],
    [
      'the vendor channel, as Slack escapes it',
      'start Acme --vendor-channel <#C0SHARED|acme-shared> --lite',
      { kind: 'start', vendor: 'Acme', model: null, variant: 'lite', evaluators: [], vendorChannel: 'C0SHARED' },
    ],
    ['a vendor channel added later', 'vendor-channel Acme Dev <#C0SHARED|acme-shared>', { kind: 'vendor-channel', vendor: 'Acme Dev', channel: 'C0SHARED' }],
    [
      'a vendor name with a channel and a link in it',
      'start <https://acme.example|Acme> <#C1|dev>',
      { kind: 'start', vendor: 'Acme #dev', model: null, variant: 'standard', evaluators: [], vendorChannel: null },
    ],
    ['listing the evaluators', 'evaluators Acme Dev', { kind: 'evaluators', vendor: 'Acme Dev', change: null }],
    ['adding evaluators', 'evaluators Acme Dev add <@U0BOB|bob> <@U0CAROL|carol>', { kind: 'evaluators', vendor: 'Acme Dev', change: { action: 'add', users: ['U0BOB', 'U0CAROL'] } }],
    ['removing one, the action in any case', 'evaluators Acme REMOVE <@U0BOB|bob>', { kind: 'evaluators', vendor: 'Acme', change: { action: 'remove', users: ['U0BOB'] } }],
    ['a vendor whose name contains "add", quoted', 'evaluators "Add Co" add <@U0BOB|bob>', { kind: 'evaluators', vendor: 'Add Co', change: { action: 'add', users: ['U0BOB'] } }],
    ['the last add ends the vendor name', 'evaluators Add Co add <@U0BOB|bob>', { kind: 'evaluators', vendor: 'Add Co', change: { action: 'add', users: ['U0BOB'] } }],
    ['advise alone opens the checklist', 'advise', { kind: 'advise', action: 'open' }],
    ['advise list, in any case', 'ADVISE List', { kind: 'advise', action: 'list' }],
    ['advise with anything else is explained', 'advise freelancers for <@U0BOB|bob>', { kind: 'advise', action: 'unknown', typed: 'freelancers for @bob' }],
    ['advise with a quoted "list" is not the list', 'advise "list"', { kind: 'advise', action: 'unknown', typed: 'list' }],
    ['advise list with more after it', 'advise list all', { kind: 'advise', action: 'unknown', typed: 'list all' }],
    ['the evidence register of a vendor', 'evidence “Acme Dev”', { kind: 'evidence', vendor: 'Acme Dev' }],
    ['the evidence register, unquoted', 'EVIDENCE Acme Dev', { kind: 'evidence', vendor: 'Acme Dev' }],
    ['a report limited to one framework', 'report Acme Dev --framework ISO27001', { kind: 'report', vendor: 'Acme Dev', format: 'markdown', framework: 'iso27001' }],
    ['--framework=<name> as one word', 'report Acme --framework=soc2', { kind: 'report', vendor: 'Acme', format: 'markdown', framework: 'soc2' }],
    ['a CSV for one framework, options before the name', 'report —csv --framework ccm “Acme Dev”', { kind: 'report', vendor: 'Acme Dev', format: 'csv', framework: 'ccm' }],
  ])('%s', (_, text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each<[string, string, string]>([
    ['a plain @name Slack did not turn into a mention', 'start Acme --with @bob', 'did not reach me as a mention'],
    ['@here is not a person', 'start Acme --with <!here>', '"@here" did not reach me as a mention'],
    ['a word after --with', 'start --with <@U0BOB|bob> Acme', '"Acme" is not one'],
    ['--with and nobody', 'start Acme --with', 'needs at least one person'],
    ['a mention outside --with', 'start Acme <@U0BOB|bob>', 'after `--with`'],
    ['an unknown start option', 'start Acme --team x', '`--with @people`'],
    ['add with a plain @name', 'evaluators Acme add @bob', '"@bob" did not reach me as a mention'],
    ['add with nobody', 'evaluators Acme add', 'Say whom to add'],
    // What was typed is quoted, never put in a code span a backtick of its own would end early.
    ['a backtick in the vendor name', 'evaluators Ac`me *x* add', 'Say whom to add for "Ac`me *x*", e.g. `/vet evaluators <vendor> add @sam`.'],
    ['a quote mark in an unknown command', 'fr"ob', 'I don\'t know the command "fr”ob".'],
    ['people before the action', 'evaluators Acme <@U0BOB|bob>', 'before the people'],
    ['no vendor', 'evaluators', 'needs a vendor name'],
    ['a person where a vendor is expected', 'status <@U0BOB|bob>', '"/vet status" takes vendor names, not people ("@bob")'],
    ['a vendor channel typed as a plain #name', 'start Acme --vendor-channel #acme-shared', "`--vendor-channel` needs a channel picked from Slack's # list"],
    ['a vendor channel added with no channel', 'vendor-channel Acme', "Name the vendor's shared channel last"],
    ['the evidence register without a vendor', 'evidence', '`/vet evidence` needs a vendor name, e.g. `/vet evidence Acme Dev`.'],
    ['an unknown framework', 'report Acme --framework nist', 'I don\'t know the framework "nist": `--framework` takes iso27001, soc2, ssdf or ccm.'],
    ['--framework without a framework', 'report Acme --framework', '`--framework` needs a framework: iso27001, soc2, ssdf or ccm'],
    ['--framework= without a framework', 'report Acme --framework=', '`--framework` needs a framework'],
    ['--framework followed by another option', 'report Acme --framework --csv', '`--framework` needs a framework'],
    ['an unknown report option', 'report Acme --pdf', 'Unknown option `--pdf`: `/vet report` takes `--csv` and `--framework <iso27001|soc2|ssdf|ccm>`.'],
  ])('refuses %s with a specific message', (_, text, message) => {
    const parsed = parseCommand(text);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain(message);
  });
});

describe('the sandbox escapes the composer as Slack does with should_escape', () => {
  const people = [
    { id: 'U0ALEX', handle: 'alex' },
    { id: 'U0SAM', handle: 'sam' },
  ];
  const channels = [{ id: 'C0VENDORS', handle: 'vendor-vetting' }];

  it.each<[string, string]>([
    ['start Acme Dev --lite --with @sam @Alex', 'start Acme Dev --lite --with <@U0SAM|sam> <@U0ALEX|alex>'],
    ['start AT&T <Labs> @nobody', 'start AT&amp;T &lt;Labs&gt; @nobody'],
    ['start x @here #vendor-vetting #elsewhere', 'start x <!here> <#C0VENDORS|vendor-vetting> #elsewhere'],
    ['report https://acme.example/a?b=1&c=2', 'report <https://acme.example/a?b=1&amp;c=2>'],
    ['start ceo@acme.example', 'start ceo@acme.example'],
  ])('%s', (typed, sent) => {
    expect(escapeSlashText(typed, people, channels)).toBe(sent);
  });

  it('reads back, through the parser, as what was typed, with the people as ids', () => {
    expect(parseCommand(escapeSlashText('start “Smith & Sons <EU>” --lite --with @sam', people, channels))).toEqual({
      kind: 'start',
      vendor: 'Smith & Sons <EU>',
      model: null,
      variant: 'lite',
      evaluators: ['U0SAM'],
      vendorChannel: null,
    });
  });
});
