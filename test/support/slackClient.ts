// Requests signed as Slack signs them; the sandbox sends the same ones to the app.
export { createSlackClient, FORM, signSlackRequest } from '../../src/sandbox/slackRequests.js';
export type { ClickTarget, Reply, SlackClient, SlackClientOptions } from '../../src/sandbox/slackRequests.js';
