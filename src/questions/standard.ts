// The built-in question bank: scenario questions an experienced security and delivery auditor would ask about
// the team assigned to the client, not about the vendor company in general.
//
// Conventions:
// - Main questions come first within their topic; a follow-up sits right after its parent, is asked only when
//   its condition holds on the parent's answers, is never lite and has no follow-ups of its own.
// - Every question uses STANDARD_RUBRIC. Fact questions record a typed value instead of a rating.
// - Weight 3 marks the most decisive questions, 1 the supporting ones.

import { ENGAGEMENT_MODELS, STANDARD_RUBRIC, type EngagementModel, type QuestionBank } from './model.js';

const ALL_MODELS: EngagementModel[] = [...ENGAGEMENT_MODELS];

export const STANDARD_BANK: QuestionBank = {
  id: 'standard',
  version: '2026.11.2',
  questions: [
    // ---------------------------------------------------------------------------------------------------------
    // Technical craftsmanship
    // ---------------------------------------------------------------------------------------------------------
    {
      id: 'code-review-threads',
      dimension: 'technical',
      title: 'Review threads of the last three merged PRs',
      prompt:
        'Show us the review threads of the last three merged pull requests of the team that would work with us. ' +
        'Who reviewed each one, what did the reviewers push back on, how long did the change wait for review, ' +
        'and was anything merged without an approval? Tell us what happens to review when a deadline is tight.',
      matureAnswer: [
        'Opens the actual pull requests live, from a repository the proposed team works in, not a curated showcase.',
        'Every merge has at least one approval from someone other than the author, enforced by branch protection.',
        'Threads contain substantive comments (design, tests, edge cases), not only "LGTM", and authors respond to them.',
        'Can state a typical review turnaround in hours and explains what is done when reviews queue up.',
        'Review is not skipped under deadline; emergency exceptions are logged and reviewed after the fact.',
      ],
      evidence: [
        'The last three merged pull requests with their full review threads (sanitised if needed)',
        'Branch-protection or merge-rule settings of the repository',
        'Review turnaround statistics for the team over the last month',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['technical-interview-trap', 'compliance-checkbox'],
      redFlags: [
        {
          rule: 'weak-code-review',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'The team could not show real review threads: code may reach our main branch unreviewed, so the quality we saw in interviews is not guaranteed by any process.',
        },
      ],
      followUps: [{ ask: 'branch-protection-bypass', when: { ratingAtOrBelow: 1 } }],
      lite: true,
    },
    {
      id: 'branch-protection-bypass',
      dimension: 'technical',
      title: 'Branch protection and its last bypass',
      prompt:
        'You could not show the review threads. Open the branch-protection settings of the repository our team ' +
        'would use: how many approvals are required, which status checks must pass, who holds admin rights that ' +
        'can bypass these rules, and when did anyone last bypass them? Show us the audit log entry and the reason.',
      matureAnswer: [
        'Protected main branch with required approvals and required status checks, applied to administrators too.',
        'Bypass rights held by a small, named set of people, not by every developer.',
        'Can find the last bypass in the audit log, with who, when and a recorded justification.',
      ],
      evidence: [
        'Branch-protection or ruleset configuration screen of the repository',
        'Audit log entries for rule bypasses or force pushes over the last 90 days',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'technical-interview-trap'],
      redFlags: [
        {
          rule: 'review-bypass-uncontrolled',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Nothing technically stops an unreviewed change from being merged, and bypasses are not traceable.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'automated-testing-gate',
      dimension: 'technical',
      title: 'Automated tests on a recent change',
      prompt:
        'Pick a change your team merged last week on a system comparable to ours. Which automated tests ran on it ' +
        'before merge, which of them were mandatory, and who wrote them? What test coverage or defect-escape trend ' +
        'do you track, and what happened the last time a test was failing or flaky close to a deadline?',
      matureAnswer: [
        'Names the test layers that ran (unit, integration, contract, end-to-end) and shows them in the CI run of that change.',
        'Tests are written by the team as part of the change and required by the definition of done, not added later by QA.',
        'Tracks a trend (coverage, escaped defects, flaky-test count) and can show its last few values.',
        'A failing test blocks the merge; flaky tests are quarantined with an owner and a ticket, not silently disabled.',
      ],
      evidence: [
        'The CI run of a recent merged change with its test results',
        'Coverage or escaped-defect trend for the last three months',
        'The ticket or policy for handling a flaky or quarantined test',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['technical-interview-trap', 'process-theater'],
      redFlags: [
        {
          rule: 'weak-automated-testing',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Automated testing is claimed but not demonstrated: regressions will be found by us, in production, rather than by the team.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'ci-pipeline-walkthrough',
      dimension: 'technical',
      title: 'CI pipeline walk-through',
      prompt:
        'Open the CI pipeline of a project this team works on today and walk us through it: the stages, the time ' +
        'from push to a deployable artefact, what blocks a merge, and who is allowed to change the pipeline. When ' +
        'was main last red, how long did it stay red, and who fixed it?',
      matureAnswer: [
        'Pipeline defined as code in the repository and reviewed like any other change.',
        'Build, tests and static or security checks run on every pull request; a red pipeline blocks merging.',
        'Knows the push-to-artefact time in minutes and the last broken-main incident with its duration.',
        'Pipeline changes are restricted and traceable; nobody deploys from a laptop.',
      ],
      evidence: [
        'The pipeline definition file and a recent pipeline run',
        'Build history of the main branch showing the last failure and its fix',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['process-theater', 'technical-interview-trap'],
      redFlags: [
        {
          rule: 'weak-continuous-integration',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'No demonstrable continuous integration: changes are integrated and verified late, by hand, which is where big-bang releases come from.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'architecture-ownership',
      dimension: 'technical',
      title: 'Who owns architecture decisions',
      prompt:
        'Tell us about the last significant architectural decision your team made on a client system: who proposed ' +
        'it, how the client\'s architects took part, where the decision is recorded, and who could reverse it. How ' +
        'would you keep your work on our reference architecture, our stack and our hosting rather than your own?',
      matureAnswer: [
        'Decisions are recorded as ADRs or design notes in the client repository, with the client as approver.',
        'Explicitly works within the client reference architecture and raises deviations for approval before building.',
        'Names the client architect who signed off the last decision and the date.',
        'Avoids proprietary frameworks, accounts or tooling that only the vendor can operate.',
      ],
      evidence: [
        'An architecture decision record from a current engagement (sanitised)',
        'The approval trail with the client for that decision',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['managed-service-black-box', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'architecture-drift',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Architecture decisions are made and kept inside the vendor: we risk receiving a system built off our architecture that only they can change.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'documentation-knowledge-transfer',
      dimension: 'technical',
      title: 'Documentation a newcomer can use',
      prompt:
        'An engineer from our side joins your project next Monday. What do they read, where does it live (in a ' +
        'space we own or one you own), when was it last updated, and how long until they ship a change without ' +
        'help from your people? Show us a runbook, README or handover document from a past engagement.',
      matureAnswer: [
        'Documentation lives in client-owned repositories or wikis and is updated as part of the definition of done.',
        'Has a concrete onboarding path: setup script, architecture overview, runbooks, decision log.',
        'Gives a measured time to first change for a client engineer on a past engagement.',
        'Shows a real handover or runbook document with a recent edit date.',
      ],
      evidence: [
        'A runbook or README from a current or past engagement, with its edit history',
        'A handover document produced at the end of a past engagement',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['managed-service-black-box', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'knowledge-locked-in-heads',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Knowledge lives in people, not in documents we own: every departure or the end of the contract will cost us that knowledge.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'team-level-skill',
      dimension: 'technical',
      title: 'Skill of the whole team, not the stars',
      prompt:
        'We interviewed two of your engineers. How do you make sure everyone else assigned to us meets the same bar? ' +
        'Walk us through how you assess and calibrate the skills of the whole team: hiring bar, pairing, review of ' +
        'junior work, internal standards. Show us the last skills assessment of someone you would assign.',
      matureAnswer: [
        'Describes a team-level quality system (standards, review, pairing, mentoring), not individual heroes.',
        'Every person assigned passed the same documented assessment, and the client may interview each of them.',
        'Junior work is reviewed by a named senior; seniority mix is stated and contractually held.',
        'Can show an assessment record or scorecard for a person proposed for the engagement.',
      ],
      evidence: [
        'Assessment scorecard or technical interview record of a proposed team member',
        'Internal coding standards or engineering handbook',
        'Proposed seniority mix with allocation per person',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['technical-interview-trap', 'bait-and-switch'],
      redFlags: [
        {
          rule: 'star-developer-dependence',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'The answer rests on a few star developers rather than team process: the people we did not interview are an unknown quantity.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'freelancer-shared-context',
      dimension: 'technical',
      title: 'How independent engineers share context',
      prompt:
        'Several of your independent engineers would work on the same codebase. How do they share context: who sets ' +
        'the coding conventions, who reviews whose code, how are design decisions shared, who resolves a ' +
        'disagreement, and who coordinates them day to day if not our managers? Show us how this worked on a ' +
        'past project with three or more of them.',
      matureAnswer: [
        'A named technical lead owns conventions and reviews, so the client managers are not the coordinators.',
        'Shared conventions are enforced by linters, formatters and review, not by goodwill.',
        'Regular technical syncs with written outcomes; decisions recorded where everyone can find them.',
        'Gives a concrete past example with the number of people, the lead and how conflicts were settled.',
      ],
      evidence: [
        'Shared coding conventions or linter configuration used across the engineers',
        'Notes or decision log from a technical sync on a past multi-person project',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ['freelancer', 'staff-augmentation'],
      patterns: ['freelancer-farm', 'technical-interview-trap'],
      redFlags: [
        {
          rule: 'no-shared-context',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Nobody on the vendor side coordinates the engineers: our managers would become full-time coordinators and quality would vary person by person.',
        },
      ],
      followUps: [],
      lite: false,
    },

    // ---------------------------------------------------------------------------------------------------------
    // Process maturity
    // ---------------------------------------------------------------------------------------------------------
    {
      id: 'emergency-hotfix-walkthrough',
      dimension: 'process',
      title: 'The last emergency hotfix, end to end',
      prompt:
        'Walk us through your last emergency hotfix, from pull request to production. What broke, who wrote the fix, ' +
        'who approved it, which automated tests were mandatory, how was it deployed and how long did it take? Show ' +
        'us its audit trail, and tell us which steps of your normal process were shortened and who allowed that.',
      matureAnswer: [
        'A specific, recent hotfix with dates and times, the incident ticket and the people involved by role.',
        'Still went through review and the mandatory test suite, possibly on an expedited path that is documented.',
        'Deployment through the normal pipeline, with an approval recorded in a tool, not in a chat message.',
        'Followed by a post-incident review with actions, and the hotfix merged back so it is not lost.',
      ],
      evidence: [
        'The hotfix pull request, its approval and the pipeline run that deployed it',
        'The incident or change ticket with timestamps',
        'The post-incident review document',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['process-theater', 'compliance-checkbox'],
      redFlags: [
        {
          rule: 'weak-change-control',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Under pressure, changes reach production without a traceable approval or mandatory tests: the normal process does not survive an emergency.',
        },
      ],
      followUps: [],
      lite: true,
    },
    {
      id: 'velocity-and-definition-of-done',
      dimension: 'process',
      title: 'Velocity and definition of done, three projects',
      prompt:
        'Show us the sprint-over-sprint velocity and the definition of done of your last three projects. Where did ' +
        'velocity swing, why, and what did you change? How did the definition of done evolve, and who on the client ' +
        'side agreed to it?',
      matureAnswer: [
        'Shows velocity or throughput charts from the tracker itself, for several sprints, on three real projects.',
        'Explains swings with causes (holidays, scope change, incident) and the corrective action taken.',
        'A written definition of done including tests, review, documentation and deployment, agreed with the client.',
        'Uses the data for forecasting, not as a performance target for individuals.',
      ],
      evidence: [
        'Velocity or throughput charts from the tracker for the last three projects',
        'The definition of done documents of those projects',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['process-theater'],
      redFlags: [
        {
          rule: 'no-delivery-data',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'No velocity data and no written definition of done: the agile process may be ceremony only, and delivery will be unpredictable.',
        },
      ],
      followUps: [{ ask: 'sprint-board-drill', when: { ratingAtOrBelow: 1 } }],
      lite: true,
    },
    {
      id: 'sprint-board-drill',
      dimension: 'process',
      title: 'The last three sprints on the board',
      prompt:
        'You could not show velocity data. Open the board of a project this team runs today and show us the last ' +
        'three sprints: what was committed at planning, what met the definition of done at the end, what was ' +
        'carried over, and when the work was actually released to users.',
      matureAnswer: [
        'Can open the tracker live and filter by sprint, showing committed versus completed items.',
        'Carry-over is small and explained; items are released within the sprint, not batched for a later big release.',
        'Admits gaps in the data honestly and says what it would take to start measuring.',
      ],
      evidence: ['The project board or sprint reports for the last three sprints', 'Release dates of the completed items'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['process-theater'],
      redFlags: [
        {
          rule: 'process-theater',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Sprints and boards exist in name only: no committed-versus-done record can be shown, which is the signature of process theater.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'estimation-predictability',
      dimension: 'process',
      title: 'Estimate versus actual on a recent feature',
      prompt:
        'Take the last feature you estimated for a client. What was the estimate, what was the actual effort and ' +
        'date, when did you first know it would slip, and how and when was the client told? How do you track ' +
        'estimate accuracy across projects, and what is it today?',
      matureAnswer: [
        'Gives the numbers for a real feature: estimate, actual, and the size of the gap.',
        'Slippage was raised as soon as it was known, with a written re-plan, not discovered at the deadline.',
        'Tracks forecast accuracy over time and can quote a recent figure.',
      ],
      evidence: ['Estimate and actuals for a recent feature from the tracker or a status report', 'A forecast-accuracy report'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['process-theater'],
      redFlags: [
        {
          rule: 'unpredictable-delivery',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'The team does not measure how its estimates compare to reality: slips will be discovered at the deadline, not before.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'release-practice',
      dimension: 'process',
      title: 'How work reaches production',
      prompt:
        'On a typical project of this team, how often do you release to production, how many changes go into one ' +
        'release, what is tested before it, and how do you roll back? Describe the last rollback: what triggered ' +
        'it, how long it took, and what the users saw.',
      matureAnswer: [
        'Releases small batches frequently (at least every sprint, ideally on demand), not one big release per quarter.',
        'Uses feature flags, staged or canary rollout, and an automated rollback path that has been exercised.',
        'Describes the last rollback with timing and impact, and the follow-up that prevented a repeat.',
      ],
      evidence: ['Deployment history for the last three months', 'The runbook or record of the last rollback'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['process-theater'],
      redFlags: [
        {
          rule: 'mini-waterfall-releases',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Work is batched into large, rarely tested releases with no practised rollback: sprints on paper, waterfall in practice.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'retrospective-improvement',
      dimension: 'process',
      title: 'Retrospectives that changed something',
      prompt:
        'Show us the outcomes of the last three retrospectives of a team you run today: which actions were agreed, ' +
        'who owned each, and which metric shows whether it worked. Over the last year, what has this team ' +
        'measurably improved in how it delivers, and how do you know?',
      matureAnswer: [
        'Retrospective actions have owners and due dates, and are tracked to completion like any other work.',
        'At least one improvement is backed by a metric before and after (lead time, escaped defects, review time).',
        'Improvement is an organisational habit, with lessons shared across teams, in the spirit of CMMI.',
      ],
      evidence: ['Notes of the last three retrospectives with their actions', 'A metric chart showing an improvement over time'],
      rubric: STANDARD_RUBRIC,
      weight: 1,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['process-theater'],
      redFlags: [
        {
          rule: 'no-measured-improvement',
          severity: 'low',
          when: { ratingAtOrBelow: 1 },
          message: 'Retrospectives are held but nothing measurable comes out of them: the process does not learn.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'client-process-integration',
      dimension: 'process',
      title: 'Working inside our process',
      prompt:
        'How would your people plug into our way of working: whose backlog and tracker, whose definition of done, ' +
        'which of our ceremonies they join, and who on your side is accountable for the day-to-day? Show us how ' +
        'this works on a current engagement where you work inside the client process.',
      matureAnswer: [
        'Works in the client tracker, repositories and ceremonies, with a named vendor lead who handles coordination.',
        'Adopts the client definition of done and raises conflicts with its own standards openly.',
        'Gives a current example with the client tools used and how work is visible to the client daily.',
      ],
      evidence: ['A current engagement board or channel where the vendor team works in the client tools (sanitised)'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['freelancer-farm', 'managed-service-black-box'],
      redFlags: [
        {
          rule: 'parallel-process',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'The team would run its own process beside ours, with no one accountable for integration: our managers would carry the coordination.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'status-reporting-transparency',
      dimension: 'process',
      title: 'Raw delivery data, not status slides',
      prompt:
        'What would you report to us every week, generated from which system? Could we see the raw data behind it ' +
        '(tickets, commits, deployments, incidents, SLA measurements) at any time, rather than a summary slide? ' +
        'Show us the last report you sent a client, including one where a target was missed.',
      matureAnswer: [
        'Reports are generated from the systems of record, and the client has read access to those systems.',
        'Missed targets are reported plainly with cause and recovery plan, not hidden in averages.',
        'Shows a real, recent report including a miss.',
      ],
      evidence: ['The last weekly or monthly report sent to a client (sanitised)', 'A report showing a missed target'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ['agency', 'managed-services'],
      patterns: ['managed-service-black-box', 'process-theater'],
      redFlags: [
        {
          rule: 'opaque-reporting',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'We would only see curated summaries, not the underlying delivery data: problems would surface late, if at all.',
        },
      ],
      followUps: [],
      lite: false,
    },

    // ---------------------------------------------------------------------------------------------------------
    // Security and compliance
    // ---------------------------------------------------------------------------------------------------------
    {
      id: 'iso27001-certificate',
      dimension: 'security',
      title: 'ISO 27001 certificate: validity and scope',
      prompt:
        'Show us your ISO 27001 certificate and its Statement of Applicability. Who is the accredited certification ' +
        'body, when does the certificate expire, when was the last surveillance audit and what did it find, and does ' +
        'the certified scope include the entity, sites and delivery unit of the people assigned to us? Record the ' +
        'expiry date, or none if there is no ISO 27001 certificate.',
      matureAnswer: [
        'A current certificate from an accredited certification body, with the expiry date and the last surveillance audit.',
        'A Statement of Applicability that lists the Annex A controls relevant to software delivery and access, with exclusions justified.',
        'A scope statement naming the entity, sites and delivery unit of the assigned team.',
        'Nonconformities from the last audit are explained with their corrective actions and dates.',
      ],
      evidence: [
        'The ISO 27001 certificate with its expiry date and certification body',
        'The Statement of Applicability and the scope statement',
        'The last surveillance audit report or its summary of nonconformities',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'certificate-expired',
          severity: 'high',
          when: { factOutOfBounds: true },
          message: 'The ISO 27001 certificate has expired: it no longer says anything about the controls in force today.',
        },
      ],
      fact: {
        type: 'date',
        label: 'ISO 27001 certificate expiry date',
        isExpiry: true,
        noneLabel: 'No ISO 27001 certificate',
      },
      // A current SOC 2 Type II report is the other accepted independent assurance.
      satisfiedBy: ['soc2-report-period-end'],
      followUps: [],
      lite: true,
    },
    {
      id: 'soc2-report-period-end',
      dimension: 'security',
      title: 'SOC 2 Type II report: period and opinion',
      prompt:
        'Show us your SOC 2 Type II report. What period does it cover, which controls were tested, which exceptions ' +
        'did the auditor find and how were they remediated, and what was the auditor\'s opinion (unqualified or ' +
        'qualified)? Record the end date of the report period, or none if there is no Type II report.',
      matureAnswer: [
        'A Type II report (not Type I) whose period ended within the last 12 months, shared under NDA.',
        'Can name the trust services criteria in scope and the controls relevant to software delivery and access.',
        'Unqualified opinion; any exceptions are explained with the remediation and its date.',
        'Next audit period already under way, with a bridge letter available for the gap.',
      ],
      evidence: [
        'The SOC 2 Type II report itself, or at least its opinion, period and scope sections',
        'The list of exceptions and management responses',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'certificate-stale',
          severity: 'high',
          when: { factOutOfBounds: true },
          message:
            'The SOC 2 Type II report period ended more than 12 months ago: it no longer says anything about the controls in force today.',
        },
        {
          rule: 'certificate-missing',
          severity: 'high',
          when: { factNone: true },
          message:
            'There is neither a SOC 2 Type II report nor a current ISO 27001 certificate: no independent auditor has tested that the vendor controls actually operate.',
        },
      ],
      fact: {
        type: 'date',
        label: 'SOC 2 Type II report period end date',
        maxAgeMonths: 12,
        noneLabel: 'No SOC 2 Type II report',
      },
      // A current ISO 27001 certificate is accepted instead: "certificate missing" only when there is neither.
      satisfiedBy: ['iso27001-certificate'],
      followUps: [
        { ask: 'soc2-bridge-letter', when: { factOutOfBounds: true } },
        { ask: 'alternative-security-assurance', when: { factNone: true } },
      ],
      lite: true,
    },
    {
      id: 'soc2-bridge-letter',
      dimension: 'security',
      title: 'Bridge letter and changes since the report',
      prompt:
        'Your report period ended more than 12 months ago. Show us the bridge letter covering the gap, the dates of ' +
        'the current audit period and fieldwork, and tell us which controls, systems or teams changed since the ' +
        'period ended, and which security incidents happened in the gap.',
      matureAnswer: [
        'A signed bridge letter covering the gap, and a current audit period with known fieldwork dates.',
        'Lists material changes since the period (new tooling, new locations, reorganised teams) without prompting.',
        'Discloses incidents in the gap and how they were handled.',
      ],
      evidence: ['The bridge letter', 'Engagement letter or schedule of the current audit'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'assurance-gap-uncovered',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Nothing covers the period since the last audit: we would be relying on an outdated report with no statement about the present.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'alternative-security-assurance',
      dimension: 'security',
      title: 'Assurance without a SOC 2 report',
      prompt:
        'You have no SOC 2 Type II report. What independent assurance can you show instead: an ISO 27001 ' +
        'certificate with its Statement of Applicability, a penetration test report from the last year, a completed ' +
        'security questionnaire? Would you accept an audit by us of the controls applied to the team assigned to us?',
      matureAnswer: [
        'Shows a current alternative (ISO 27001 with Statement of Applicability, recent pentest, completed questionnaire).',
        'Accepts a client audit of the controls for the assigned team, with a reasonable notice period.',
        'Can describe a concrete plan and date for obtaining an attestation if the engagement requires one.',
      ],
      evidence: [
        'ISO 27001 certificate and Statement of Applicability, or a recent penetration test report',
        'A completed security questionnaire (for example CAIQ or SIG Lite)',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'no-independent-assurance',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'No independent evidence of any security control and no willingness to be audited: every security claim is self-declared.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'certification-scope-covers-team',
      dimension: 'security',
      title: 'Does the certification cover our team',
      prompt:
        'Open the scope statement of your SOC 2 or ISO 27001 certification. Does it name the legal entity, the ' +
        'locations and the delivery unit the people assigned to us belong to, including any subcontractors or ' +
        'contractors? Record yes only if the scope demonstrably covers every person who would touch our code or data.',
      matureAnswer: [
        'The scope statement explicitly includes the entity, office locations and delivery unit of the assigned team.',
        'Contractors and subcontractors are either in scope or bound by equivalent, audited controls.',
        'The vendor volunteers what is out of scope, rather than letting the certificate imply full coverage.',
      ],
      evidence: [
        'The scope section of the SOC 2 report or the ISO 27001 certificate and Statement of Applicability',
        'Employment or contracting entity of each proposed team member',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'certificate-scope-gap',
          severity: 'high',
          when: { factOutOfBounds: true },
          message:
            'The certification does not cover the team assigned to us: the certificate proves the vendor can be compliant, not that our team is.',
        },
      ],
      fact: { type: 'boolean', label: 'Certification scope covers the team assigned to us', expected: true },
      followUps: [{ ask: 'scope-gap-team-controls', when: { factOutOfBounds: true } }],
      lite: true,
    },
    {
      id: 'scope-gap-team-controls',
      dimension: 'security',
      title: 'Controls for a team outside the scope',
      prompt:
        'The certified scope does not cover our team. For the people assigned to us specifically, show us the ' +
        'controls the certificate would otherwise imply: device enrolment, access reviews, security training ' +
        'records and background checks. Who checks these controls for this team, and how often?',
      matureAnswer: [
        'Shows per-person records for the assigned team: enrolled devices, training completion, background check dates.',
        'A named owner verifies these controls on a schedule, with the last review date.',
        'Offers to bring the team into scope, or to let the client audit these controls directly.',
      ],
      evidence: [
        'Device enrolment and training records for each proposed team member',
        'The last access review covering the proposed team',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'uncovered-team-controls',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'The team outside the certified scope has no demonstrable controls of its own: the compliance claim does not reach the people touching our code.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'breach-notification-hours',
      dimension: 'security',
      title: 'Contractual breach-notification time',
      prompt:
        'What is your contractual obligation to notify us of a suspected breach involving our data, code or ' +
        'credentials, and what is the guaranteed time from detection to our notice? Show us the clause in your ' +
        'standard contract or DPA. Record the committed time in hours, or none if there is no contractual commitment.',
      matureAnswer: [
        'A written clause with a fixed notification time of 72 hours or less from awareness of a suspected breach.',
        'Defines what triggers notice (suspected, not only confirmed), who is notified and through which channel.',
        'Commits to ongoing updates and cooperation with the client\'s own regulatory obligations.',
      ],
      evidence: ['The breach-notification clause of the standard contract or data processing agreement'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'breach-notification-slow',
          severity: 'high',
          when: { factOutOfBounds: true },
          message:
            'The committed breach-notification time is longer than 72 hours: we could miss our own regulatory deadline waiting for the vendor.',
        },
        {
          rule: 'breach-notification-absent',
          severity: 'critical',
          when: { factNone: true },
          message:
            'There is no contractual duty to tell us about a breach: we might learn of a compromise of our data or code from someone else, or never.',
        },
      ],
      fact: {
        type: 'number',
        label: 'Contractual breach-notification time',
        unit: 'hours',
        min: 0,
        max: 72,
        noneLabel: 'No contractual commitment',
      },
      followUps: [],
      lite: true,
    },
    {
      id: 'incident-response-timeline',
      dimension: 'security',
      title: 'Timeline of the last security incident',
      prompt:
        'Show us the timeline of the last security incident you handled, sanitised as needed: how it was detected, ' +
        'who triaged it, who was informed and when, when the affected client was notified, how it was contained, and ' +
        'what changed after the post-mortem. How many hours passed from detection to client notice?',
      matureAnswer: [
        'A real incident with a timestamped timeline, roles (incident commander, communications) and a client notice time.',
        'A written incident response plan that was followed, with severity levels and contact lists.',
        'Post-mortem actions with owners, completed and verified.',
        'The plan is exercised at least yearly with a tabletop or drill.',
      ],
      evidence: [
        'A sanitised incident timeline and post-mortem',
        'The incident response plan with its last review date',
        'Record of the last tabletop exercise',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox'],
      redFlags: [
        {
          rule: 'weak-incident-response',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'No evidenced incident response: when something happens to our data or code, the response will be improvised.',
        },
      ],
      followUps: [{ ask: 'incident-tabletop-scenario', when: { ratingAtOrBelow: 1 } }],
      lite: false,
    },
    {
      id: 'incident-tabletop-scenario',
      dimension: 'security',
      title: 'Tabletop: a stolen laptop with our code',
      prompt:
        'You could not show a real incident timeline. Walk us through your plan against this scenario now: on a ' +
        'Friday evening, a laptop holding a clone of our repository and a valid cloud session is stolen from one of ' +
        'your engineers. Who does what, within which hours, and when and how do we hear about it?',
      matureAnswer: [
        'Immediate steps named by role: report channel, remote wipe, session and token revocation, secret rotation.',
        'Gives concrete times (within hours, not days) and the point at which the client is notified.',
        'Mentions evidence preservation, an impact assessment of what the clone contained, and a written follow-up.',
      ],
      evidence: ['The incident response plan section covering lost or stolen devices'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'ip-leakage'],
      redFlags: [
        {
          rule: 'incident-plan-improvised',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Even on a concrete scenario the team could not say who does what and when: a lost device with our code would go unmanaged.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'secure-sdlc',
      dimension: 'security',
      title: 'Security inside the delivery lifecycle',
      prompt:
        'Take a feature your team shipped last quarter. Where did security come in: threat modelling, static ' +
        'analysis and dependency scanning in CI, a security review before release? Show us the findings of the ' +
        'last scan on that project, how long the most severe one took to fix, and who decided it could wait, if it did.',
      matureAnswer: [
        'Security checks run automatically in CI (SAST, dependency and container scanning) and can block a merge.',
        'Threat modelling or security review for significant changes, with a named security champion.',
        'Findings tracked with remediation time targets by severity, and the last critical one fixed within target.',
        'Risk acceptance for deferred findings is written and signed by someone accountable.',
      ],
      evidence: [
        'The latest security scan results for a current project',
        'Remediation record of the most severe recent finding',
        'A threat model or security review note',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'technical-interview-trap'],
      redFlags: [
        {
          rule: 'weak-secure-sdlc',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Security is not part of how the team builds software: vulnerabilities will be found late, or by attackers.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'security-training-log',
      dimension: 'security',
      title: 'Security training log for our team',
      prompt:
        'How do you make sure every developer who would work on our project completed security and data-handling ' +
        'training this year? Show us the log for those people, with completion dates, the course content, and ' +
        'what happens to someone whose training has lapsed.',
      matureAnswer: [
        'A training platform log listing each proposed person with a completion date in the last 12 months.',
        'Content covers secure coding, data handling, phishing and the rules for client code and data.',
        'Lapsed training is followed up with a deadline and access consequences.',
      ],
      evidence: ['Training completion log for the proposed team members', 'Course outline or syllabus'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'ip-leakage'],
      redFlags: [
        {
          rule: 'training-unverified',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'No record shows that the people assigned to us were trained on security and data handling: policy on paper, unknown in practice.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'secrets-management-rotation',
      dimension: 'security',
      title: 'Secrets: storage, rotation and chat leaks',
      prompt:
        'How are secrets and API keys for a project like ours stored, who can read them, and how are they rotated? ' +
        'When was the last rotation, and what happens to secrets when an engineer leaves? Tell us about the last ' +
        'time a credential showed up in chat, a ticket or a commit: how was it found and how fast was it rotated?',
      matureAnswer: [
        'Secrets live in a vault or cloud secret manager, with access by role and an audit log of reads.',
        'Rotation is scheduled and automated where possible; gives the date of the last rotation.',
        'Secret scanning on repositories and, where available, chat; leaked secrets are revoked within hours.',
        'Offboarding triggers rotation of every secret the leaver could read.',
        'Admits a past leak and describes the fix, rather than claiming it never happens.',
      ],
      evidence: [
        'Secret manager access policy for a current project',
        'Rotation history or the last rotation record',
        'Secret-scanning alerts and how they were closed',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'ip-leakage'],
      redFlags: [
        {
          rule: 'weak-secrets-management',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Secrets are not centrally managed or rotated: credentials to our systems may be sitting in chat, files or laptops with no way to revoke them.',
        },
      ],
      followUps: [],
      lite: true,
    },
    {
      id: 'production-access-control',
      dimension: 'security',
      title: 'Who can reach production, and the log',
      prompt:
        'Who on the team assigned to us would be able to reach production and our data? How is that access ' +
        'requested, approved, granted and revoked, and where is each access logged? Show us the last access review ' +
        'and the offboarding record of the last person who left a client team, with the time access was removed.',
      matureAnswer: [
        'Role-based, least-privilege access; production access is just-in-time or time-bound, and approved by the client.',
        'Every production session or query is logged centrally and the logs are retained and reviewable.',
        'Access reviews at least quarterly, with removals recorded.',
        'Offboarding removes all access on the last day, shown with timestamps.',
      ],
      evidence: [
        'The access matrix or IAM policy for a current project',
        'The last access review record',
        'An offboarding ticket with access removal timestamps',
        'A sample of production access logs',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'ip-leakage'],
      redFlags: [
        {
          rule: 'weak-production-access',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Production access is broad, permanent or unlogged: we could not tell who touched our data, or cut access reliably when someone leaves.',
        },
      ],
      followUps: [],
      lite: true,
    },
    {
      id: 'managed-devices',
      dimension: 'security',
      title: 'Devices used to work on our code',
      prompt:
        'On which devices would the people assigned to us write and run our code? Show us the device-management ' +
        'console for those people: enrolment, disk encryption, screen lock, patch level. What stops someone from ' +
        'cloning our repository onto a personal laptop or a shared family computer, and how would you know?',
      matureAnswer: [
        'Company-issued, centrally managed devices (MDM) with encryption, EDR and enforced updates, shown per person.',
        'Access to client systems is conditional on a compliant device (device posture checks), or through VDI.',
        'Personal devices are technically blocked, not only forbidden by policy.',
      ],
      evidence: [
        'MDM console view listing the devices of the proposed team',
        'Conditional-access or device-posture policy',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'ip-leakage', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'personal-devices',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Our code may be worked on from unmanaged personal devices: no encryption, patching or remote wipe can be guaranteed.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'repository-visibility-ip-leakage',
      dimension: 'security',
      title: 'Keeping our code off public places',
      prompt:
        'What prevents a developer from pushing our code to a public repository, a personal GitHub account or a ' +
        'personal cloud drive? Walk us through the technical controls (organisation settings, visibility rules, ' +
        'secret scanning, DLP) and tell us about the last time one of them fired and what you did.',
      matureAnswer: [
        'Client code lives only in client-owned or vendor-managed organisations with public visibility disabled by policy.',
        'Personal accounts and forks are restricted; SSO enforced on the code host.',
        'Secret scanning and push protection enabled; DLP or CASB controls on cloud storage uploads.',
        'Describes a real alert and its handling, with data-handling training as the human control.',
      ],
      evidence: [
        'Organisation settings showing repository visibility and fork restrictions',
        'Secret-scanning or push-protection configuration',
        'A recent DLP or scanning alert and its resolution',
      ],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['ip-leakage', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'ip-leakage-uncontrolled',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Only good intentions keep our code off public repositories and personal drives: one mistaken push could expose our IP.',
        },
      ],
      followUps: [],
      lite: false,
    },

    // ---------------------------------------------------------------------------------------------------------
    // Governance and accountability
    // ---------------------------------------------------------------------------------------------------------
    {
      id: 'named-team-members',
      dimension: 'governance',
      title: 'Named team committed to the engagement',
      prompt:
        'Name the people who would be committed to our engagement: for each, their role, seniority, allocation ' +
        'and start date. Would these names go into the contract as key personnel? Record the names, or none if ' +
        'the vendor will not commit to named people.',
      matureAnswer: [
        'Gives named individuals with role, seniority, percentage allocation and start date.',
        'Agrees to list them as key personnel in the contract, with continuity commitments.',
        'Lets the client interview and approve each person before they start.',
      ],
      evidence: ['Proposed team roster with roles and allocation', 'CVs or profiles of the named people'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['bait-and-switch'],
      redFlags: [
        {
          rule: 'no-named-team',
          severity: 'high',
          when: { factNone: true },
          message:
            'The vendor will not commit to named people: the team we evaluated may not be the team that does the work.',
        },
      ],
      fact: {
        type: 'list',
        label: 'Named team members committed to the engagement',
        minItems: 1,
        noneLabel: 'No named team',
      },
      followUps: [{ ask: 'staffing-commitment-drill', when: { factNone: true } }],
      lite: true,
    },
    {
      id: 'staffing-commitment-drill',
      dimension: 'governance',
      title: 'Who decides who works for us',
      prompt:
        'You could not name the team. Who on your side decides which people are assigned to us, and by what date ' +
        'would names be fixed? What seniority mix and allocation would you commit to in writing, and would you ' +
        'accept our right to interview and approve each person before they start?',
      matureAnswer: [
        'Names the staffing decision owner and a firm date by which the roster is fixed.',
        'Commits in writing to a seniority mix and allocation, with a penalty or remedy if it is not met.',
        'Accepts client interview and approval rights for every person.',
      ],
      evidence: ['Draft contract clause on team composition and client approval of staff'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['bait-and-switch'],
      redFlags: [
        {
          rule: 'staffing-uncommitted',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Neither names nor a written seniority commitment nor approval rights: the vendor keeps full freedom to staff us with whoever is free.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'sales-team-continuity',
      dimension: 'governance',
      title: 'The people from the sales meetings',
      prompt:
        'The people we met during sales: which of them will actually be on our project, at what allocation and for ' +
        'how long? What notice do we get before any change to the team, do we approve the replacement, and who ' +
        'pays for the overlap? Tell us how a roster change was handled on your last engagement.',
      matureAnswer: [
        'States plainly which sales-stage people stay on the project and which do not, with allocation.',
        'Contractual notice period (for example 30 days) and client approval for any change of a named member.',
        'Vendor-paid overlap for handover of a replaced member.',
        'Describes a real past roster change, the notice given and how the client was involved.',
      ],
      evidence: ['The team-change clause of the standard contract', 'Roster history of a current engagement'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: false,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['bait-and-switch'],
      redFlags: [
        {
          rule: 'unprotected-roster',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'The team can be changed after kick-off without notice or approval: classic conditions for a senior A-team replaced by a junior B-team.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'underperformer-replacement',
      dimension: 'governance',
      title: 'Replacing an under-performing engineer',
      prompt:
        'If one of the engineers you assign under-performs, what happens, how fast, and at whose cost? Tell us ' +
        'about the last time you replaced someone on a client team: how the problem was raised, how long the ' +
        'replacement took, how the newcomer was vetted, and who paid for the overlap.',
      matureAnswer: [
        'A written replacement guarantee with a time limit (for example a replacement within two weeks) at vendor cost.',
        'A defined way for the client to raise performance concerns, with a named owner on the vendor side.',
        'Describes a real replacement with dates, the vetting of the replacement and the handover.',
      ],
      evidence: ['The replacement or performance clause of the contract', 'A sanitised record of a past replacement'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['bait-and-switch', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'no-underperformer-process',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'There is no process for an under-performing team member: we would carry the cost and the delay of a weak engineer ourselves.',
        },
      ],
      followUps: [],
      lite: true,
    },
    {
      id: 'outcome-ownership-sow-sla',
      dimension: 'governance',
      title: 'Who owns the outcome, and the SLA',
      prompt:
        'For an engagement like ours, who owns the outcome? What exactly would your SOW or SLA commit to, how is ' +
        'each commitment measured and by whom, and what happens when you miss one? Show us a redacted SOW and the ' +
        'last SLA report you sent a client, including a missed target and the remedy applied.',
      matureAnswer: [
        'Commitments are measurable (deliverables with acceptance criteria, response and resolution times, quality).',
        'Measurement is done from systems the client can see, not self-reported only.',
        'Misses trigger defined remedies (service credits, rework at vendor cost) and were applied in practice.',
        'A named accountable owner on the vendor side, above the delivery team.',
      ],
      evidence: ['A redacted SOW or SLA from a comparable engagement', 'The last SLA report, including a missed target'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['managed-service-black-box', 'process-theater'],
      redFlags: [
        {
          rule: 'unclear-outcome-ownership',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Nobody on the vendor side owns a measurable outcome: when delivery fails, the risk and the cost fall entirely on us.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'escalation-path',
      dimension: 'governance',
      title: 'Escalation path, by name',
      prompt:
        'It is Friday night, production is degraded, and our engineering manager is not satisfied with your team\'s ' +
        'response. Walk us through the escalation path by name and role, with the response time at each level, ' +
        'up to your executive sponsor. When did a client last use it, and what changed as a result?',
      matureAnswer: [
        'A documented escalation matrix with names, roles, contact channels and response times at each level.',
        'Out-of-hours coverage stated explicitly.',
        'A real recent escalation with its outcome and the change it produced.',
      ],
      evidence: ['The escalation matrix for a current engagement'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['freelancer-farm', 'managed-service-black-box'],
      redFlags: [
        {
          rule: 'no-escalation-path',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message: 'No defined escalation path: when the team does not respond, we have nobody accountable to turn to.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'audit-rights',
      dimension: 'governance',
      title: 'Our right to audit the team',
      prompt:
        'What audit rights would our contract give us? Could we audit the controls applied to the team assigned to ' +
        'us, inspect access logs and device compliance, and with what notice and at whose cost? When did a client ' +
        'last audit you, what did they look at, and what did they find?',
      matureAnswer: [
        'Contractual audit rights covering the assigned team, its access logs and its devices, with a reasonable notice.',
        'Cooperates with client audits and third-party assessors; cost rules are defined.',
        'Describes a recent client audit with its findings and remediation.',
      ],
      evidence: ['The audit clause of the standard contract', 'A sanitised finding list from a recent client audit'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['compliance-checkbox', 'managed-service-black-box'],
      redFlags: [
        {
          rule: 'no-audit-rights',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'We could not verify anything the vendor claims about its controls: there is no right to audit the team that works for us.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'client-security-policy-adoption',
      dimension: 'governance',
      title: 'Adopting our security policies',
      prompt:
        'Suppose we require our own security policies: our SSO, our devices or virtual desktops, our code hosting, ' +
        'our logging and our data-handling rules. How would your team adopt them, how quickly, and how would we see ' +
        'an audit trail proving they are followed? Where have you done this for another client?',
      matureAnswer: [
        'Accepts the client policies contractually, including the client right to impose and change them.',
        'Gives a realistic adoption time and names what it needs (accounts, devices, training).',
        'Audit trail comes from client-side systems (SSO logs, device posture, code host audit log).',
        'Cites a current client where the team works entirely on client-controlled tooling.',
      ],
      evidence: ['Contract clause on client security policies', 'An example of client-imposed policy adoption (sanitised)'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['compliance-checkbox', 'ip-leakage', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'policies-not-enforceable',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'Our security policies could not be imposed or verified on the vendor team: our own controls stop at their door.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'subcontracting-transparency',
      dimension: 'governance',
      title: 'Subcontractors touching our code',
      prompt:
        'Will any of the work be done by subcontractors or freelancers you engage rather than your employees? How ' +
        'would we know exactly who is touching our code and data, and which terms (confidentiality, IP assignment, ' +
        'security controls, background checks) flow down to them? Show us how you tracked this on a current project.',
      matureAnswer: [
        'Discloses subcontracting up front and requires client approval for any subcontractor.',
        'IP assignment, confidentiality and security obligations flow down contractually to every person.',
        'Keeps an up-to-date list of everyone with access, matched against the access logs.',
      ],
      evidence: ['List of people with access on a current project, with their employer', 'The flow-down clauses for subcontractors'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['freelancer-farm', 'bait-and-switch', 'ip-leakage'],
      redFlags: [
        {
          rule: 'hidden-subcontracting',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Unknown subcontractors may work on our code without our IP, confidentiality and security terms applying to them.',
        },
      ],
      followUps: [],
      lite: false,
    },

    // ---------------------------------------------------------------------------------------------------------
    // Scalability and elasticity
    // ---------------------------------------------------------------------------------------------------------
    {
      id: 'double-team-six-weeks',
      dimension: 'scalability',
      title: 'Doubling the team in six weeks',
      prompt:
        'If we need to double the team in six weeks, where do the people come from, how are they vetted, and who ' +
        'checks their first pull requests? Show us the last ramp-up of that size you did for a client: the dates, ' +
        'how many people joined, how they were assessed, and what happened to quality and velocity.',
      matureAnswer: [
        'Names the source (bench, pre-vetted pool, hiring pipeline) with realistic numbers per week.',
        'New people pass the same assessment as the original team, and the client can interview them.',
        'Newcomers are paired and their first changes reviewed by an existing senior member.',
        'Shows a real past ramp-up with dates and its effect on quality metrics.',
      ],
      evidence: ['Roster history of a past ramp-up with dates', 'Quality or velocity metrics before and after that ramp-up'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['bait-and-switch', 'technical-interview-trap'],
      redFlags: [
        {
          rule: 'unvetted-scaling',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'The vendor cannot show how it adds vetted people quickly: growth would come from whoever is available, not from people meeting our bar.',
        },
      ],
      followUps: [],
      lite: true,
    },
    {
      id: 'b-team-quality-under-scale',
      dimension: 'scalability',
      title: 'Quality when the team grows',
      prompt:
        'When you last scaled a client team, how did you know quality held? Show us defect rates, review turnaround ' +
        'or velocity before and after the new people joined, and the seniority mix at the start and at the end. ' +
        'What did you do when a new member did not meet the bar?',
      matureAnswer: [
        'Compares quality metrics before and after scaling, with real numbers.',
        'Seniority mix is tracked and held to the contractual ratio as the team grows.',
        'A newcomer who did not meet the bar was handled quickly, with the client informed.',
      ],
      evidence: ['Quality metrics before and after a scale-up', 'Seniority mix of a scaled team over time'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: true,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['bait-and-switch', 'process-theater'],
      redFlags: [
        {
          rule: 'b-team-risk',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'Nothing shows that quality holds as the team grows: the added people are likely to be a junior B-team.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'bench-depth',
      dimension: 'scalability',
      title: 'Bench depth in our stack',
      prompt:
        'How many engineers with our stack are vetted and unallocated right now, and at what seniority? If two of ' +
        'the people on our project were pulled to another client, what would happen to us? Has that happened on an ' +
        'engagement in the last year, and how did the client find out?',
      matureAnswer: [
        'Gives current bench numbers by skill and seniority, not a generic company headcount.',
        'Contractually protects allocated people from being moved to another client without consent.',
        'Answers honestly about past reallocations and how the client was informed.',
      ],
      evidence: ['Current bench or availability report for the relevant skills (anonymised)'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ['staff-augmentation', 'agency', 'managed-services'],
      patterns: ['bait-and-switch'],
      redFlags: [
        {
          rule: 'thin-bench',
          severity: 'medium',
          when: { ratingAtOrBelow: 1 },
          message:
            'No real bench in our stack and no protection against reallocation: our people can be pulled away and not replaced in time.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'onboarding-time',
      dimension: 'scalability',
      title: 'Time to a first meaningful change',
      prompt:
        'Take the last engineer you added to a running client project: the date they started, the date of their ' +
        'first merged change, and what they were given to get there. What is your typical time to a first ' +
        'meaningful contribution, how do you measure it, and what does our side need to provide?',
      matureAnswer: [
        'Gives real dates for a recent newcomer and a measured typical onboarding time in days.',
        'A standard onboarding plan: access checklist, buddy, starter tasks, documentation to read.',
        'States clearly what the client must provide (accounts, domain walkthrough) and when.',
      ],
      evidence: ['An onboarding plan or checklist', 'Start date and first merged change of a recent newcomer'],
      rubric: STANDARD_RUBRIC,
      weight: 1,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['freelancer-farm', 'technical-interview-trap'],
      redFlags: [
        {
          rule: 'slow-onboarding',
          severity: 'low',
          when: { ratingAtOrBelow: 1 },
          message:
            'Onboarding is neither planned nor measured: every new person will cost us weeks of our own engineers\' time.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'knowledge-retention-attrition',
      dimension: 'scalability',
      title: 'When a senior engineer leaves',
      prompt:
        'A senior engineer on our project resigns with two weeks notice. Walk us through what happens: where their ' +
        'knowledge lives, who takes over, how long the overlap is, and who pays for it. How did that go the last ' +
        'time it happened, and what was the attrition rate of your delivery teams over the last 12 months?',
      matureAnswer: [
        'Knowledge is spread by design: pairing, shared ownership, documentation in client-owned systems.',
        'A named successor and a vendor-paid overlap period, with the client informed immediately.',
        'Quotes an attrition figure for the last 12 months and a real departure handled this way.',
      ],
      evidence: ['Attrition figure for delivery staff over the last 12 months', 'Handover record of a recent departure'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['bait-and-switch', 'managed-service-black-box', 'freelancer-farm'],
      redFlags: [
        {
          rule: 'knowledge-loss-on-attrition',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'A single departure could take critical knowledge of our system with it: there is no retention or handover mechanism.',
        },
      ],
      followUps: [],
      lite: true,
    },
    {
      id: 'exit-and-handover',
      dimension: 'scalability',
      title: 'Taking the work back at exit',
      prompt:
        'At the end of the engagement, or if we terminate it, how do we take the work back? What exactly do we ' +
        'receive (code, infrastructure as code, runbooks, credentials, monitoring, documentation), in what form, ' +
        'within what time, and with how much transition support at what cost? Show us the handover plan from a past exit.',
      matureAnswer: [
        'A contractual exit plan listing deliverables, timelines and transition support, agreed at the start.',
        'Code, infrastructure and credentials live in client-owned accounts throughout, so exit is a transfer of people, not of assets.',
        'A past exit described with dates and the client team operating the system afterwards.',
      ],
      evidence: ['The exit or transition clause of the contract', 'A handover plan or checklist from a past exit'],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: ALL_MODELS,
      patterns: ['managed-service-black-box', 'ip-leakage'],
      redFlags: [
        {
          rule: 'vendor-lock-in',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'There is no credible way to take the work back: knowledge, assets or access would stay locked inside the vendor.',
        },
      ],
      followUps: [{ ask: 'handover-lock-in-drill', when: { ratingAtOrBelow: 1 } }],
      lite: false,
    },
    {
      id: 'handover-lock-in-drill',
      dimension: 'scalability',
      title: 'What a client could not run without you',
      prompt:
        'You could not show a past handover. Take a system you run or built for a client today: which parts could ' +
        'that client\'s own engineers not operate without you? Name the proprietary tools, vendor-owned accounts, ' +
        'scripts or undocumented procedures, and what it would take in time and money to hand them over.',
      matureAnswer: [
        'Names concrete dependencies honestly (tools, accounts, scripts) instead of claiming there are none.',
        'Has a plan and a cost for transferring each of them, and agrees to keep assets in client accounts for us.',
        'Offers a contractual commitment against proprietary lock-in for our engagement.',
      ],
      evidence: ['An inventory of vendor-owned tools and accounts used on a current engagement'],
      rubric: STANDARD_RUBRIC,
      weight: 2,
      evidenceRequired: false,
      models: ['agency', 'managed-services'],
      patterns: ['managed-service-black-box'],
      redFlags: [
        {
          rule: 'black-box-delivery',
          severity: 'high',
          when: { ratingAtOrBelow: 1 },
          message:
            'The vendor cannot say what a client depends on it for: expect an unmaintainable system that only the provider can run.',
        },
      ],
      followUps: [],
      lite: false,
    },
    {
      id: 'scale-down-flexibility',
      dimension: 'scalability',
      title: 'Scaling down without losing knowledge',
      prompt:
        'If we need to reduce the team by half next quarter, what notice and penalties apply, who decides which ' +
        'people leave, and how is their knowledge captured before they go? If a managed service: what would have ' +
        'to be renegotiated in the SLA, and how long would that take?',
      matureAnswer: [
        'Clear contractual notice period and cost for scaling down, stated in weeks and amounts.',
        'The client has a say in who stays; departing members hand over with documentation and pairing.',
        'For managed services, a defined service-level change procedure with a realistic lead time.',
      ],
      evidence: ['The scaling or change-of-volume clause of the contract'],
      rubric: STANDARD_RUBRIC,
      weight: 1,
      evidenceRequired: false,
      models: ALL_MODELS,
      patterns: ['managed-service-black-box', 'bait-and-switch'],
      redFlags: [
        {
          rule: 'rigid-scaling',
          severity: 'low',
          when: { ratingAtOrBelow: 1 },
          message:
            'Reducing the team is slow or costly and would lose knowledge: we would be locked into the current size.',
        },
      ],
      followUps: [],
      lite: false,
    },
  ],
};
