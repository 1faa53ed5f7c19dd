// The sandbox page's own API, as the page calls it: what a test of the sandbox reads and sends.

/** `url()`: the running sandbox's address (read at each call, as tests start a new sandbox per test). */
export function sandboxApi(url: () => string) {
  async function api(path: string, body?: unknown): Promise<any> {
    const res = await fetch(new URL(path, url()), body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, ...((await res.json()) as Record<string, unknown>) };
  }
  /** Everything one person sees: channels, messages, ephemerals, modals. */
  const state = (user: string) => api(`/sandbox/state?user=${user}`);
  return { api, state };
}
