// The wire between the WebClient and the stand-in: bodies as Slack accepts them, answers as Slack gives them, and
// Slack's error answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Keys Slack documents as JSON-encoded strings when they travel in a form body. */
const JSON_KEYS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

export class SlackError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export function fail(code: string): never {
  throw new SlackError(code);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodeFormValue(key: string, value: string): unknown {
  if (JSON_KEYS.has(key) || value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.parse(value);
    } catch {
      // Slack would reject malformed JSON for the structured keys; keeping the string lets the handler say so.
    }
  }
  return value;
}

/** Parses a request body the way Slack accepts it: form-encoded, JSON or multipart (file data from WebClient). */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Record<string, any>> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const text = raw.toString('utf8');
    return text ? (JSON.parse(text) as Record<string, any>) : {};
  }
  if (type === 'multipart/form-data') {
    // undici's Response knows how to read multipart; no need for a hand-written parser.
    const form = await new Response(raw, { headers: { 'content-type': contentType! } }).formData();
    const out: Record<string, any> = {};
    for (const [key, value] of form.entries()) {
      out[key] = typeof value === 'string' ? decodeFormValue(key, value) : Buffer.from(await value.arrayBuffer());
    }
    return out;
  }
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) out[key] = decodeFormValue(key, value);
  return out;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

/** Slack stores and delivers what people type with &, < and > escaped. */
export const escapeTyped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One Web API method: its parameters in, the fields of Slack's `ok: true` answer out; `fail()` for an error answer. */
export type Handler = (p: Record<string, any>) => Record<string, unknown>;
export type Handlers = Record<string, Handler>;
