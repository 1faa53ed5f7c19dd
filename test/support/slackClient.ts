// Requests signed as Slack signs them; the sandbox sends the same ones to the app.
export { createSlackClient, FORM, signSlackRequest } from '../../src/sandbox/slackRequests.js';
export type { ClickTarget, Reply, SlackClient, SlackClientOptions } from '../../src/sandbox/slackRequests.js';

/** A person picked from Slack's @ list, as a command's text carries them with should_escape. */
export const mention = (id: string) => `<@${id}|${id.slice(2).toLowerCase()}>`;
