// The tests' Slack Web API is the sandbox's stand-in: one implementation, exercised by both.
export { startSlackStandIn as startFakeSlack } from '../../src/sandbox/standIn/index.js';
export type { FakeEphemeral, FakeFailure, FakeMessage, FakeSlack, FakeUpload, FakeView, RecordedCall } from '../../src/sandbox/standIn/index.js';
