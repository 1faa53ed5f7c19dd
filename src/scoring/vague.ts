// Detects the deflecting answers domain.md warns about: a hedge ("best practices", "it depends", "usually")
// with nothing concrete beside it (no names, numbers, tools or time frames).

const HEDGES = [
  'best practice',
  'best practices',
  'industry standard',
  'it depends',
  'depends on',
  'usually',
  'generally',
  'typically',
  'normally',
  'in most cases',
  'as needed',
  'when needed',
  'we try to',
  'should be',
  'more or less',
  'case by case',
  'case-by-case',
  'standard process',
  'of course',
] as const;

const TIME_WORDS =
  /\b(hours?|days?|weeks?|months?|years?|minutes?|daily|weekly|monthly|quarterly|annually|yearly|sprints?|yesterday|today|last (week|month|quarter|year)|mon|tue|wed|thu|fri|january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

const TOOLS =
  /\b(github|gitlab|bitbucket|jira|linear|confluence|notion|jenkins|circleci|actions|argo|terraform|vault|1password|bitwarden|okta|entra|azure|aws|gcp|iam|kms|sso|mfa|saml|intune|jamf|kandji|crowdstrike|sentinelone|snyk|sonarqube|sonar|dependabot|renovate|trivy|semgrep|gitleaks|trufflehog|datadog|splunk|pagerduty|opsgenie|sentry|grafana|kubernetes|k8s|docker|soc ?2|iso ?27001|cmmi|pentest|owasp)\b/i;

/** Capitalised words not at the start of a sentence: a cheap stand-in for names of people, teams, products. */
const PROPER_NOUN = /(?<![.!?]\s|^)\b[A-Z][a-z]+[A-Z]?\w*/;

export function findHedge(text: string): string | null {
  const lower = text.toLowerCase();
  for (const hedge of HEDGES) {
    const at = lower.indexOf(hedge);
    if (at >= 0 && isWordBoundary(lower, at, hedge.length)) return hedge;
  }
  return null;
}

export function hasSpecifics(text: string): boolean {
  return /\d/.test(text) || TIME_WORDS.test(text) || TOOLS.test(text) || PROPER_NOUN.test(text.trim());
}

/** The hedge that makes the note vague, or null when the note is specific enough or hedges nothing. */
export function vagueHedge(text: string): string | null {
  const hedge = findHedge(text);
  if (hedge === null) return null;
  return hasSpecifics(text) ? null : hedge;
}

function isWordBoundary(s: string, at: number, length: number): boolean {
  const before = at === 0 ? ' ' : s[at - 1]!;
  const after = at + length >= s.length ? ' ' : s[at + length]!;
  return !/\w/.test(before) && !/\w/.test(after);
}
