// @ts-check
// The sandbox server's API as the page calls it, and the banner that shows when a call fails.

import { $ } from './dom.js';
import { S } from './state.js';

export const API = {
  state: '/sandbox/state',
  events: '/sandbox/events',
  send: '/sandbox/send',
  share: '/sandbox/share',
  action: '/sandbox/action',
  viewSubmit: '/sandbox/view_submit',
  viewClose: '/sandbox/view_close',
  homeOpened: '/sandbox/home_opened',
  ephemeralDismiss: '/sandbox/ephemeral_dismiss',
};

// ---------------------------------------------------------------------------------------------------------------
// API

export class ApiError extends Error {}

export async function post(path, body) {
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('the sandbox server cannot be reached');
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok || (data && data.ok === false)) {
    const detail = data && data.error ? String(data.error) : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    throw new ApiError(detail);
  }
  return data ?? { ok: true };
}

/** What refetches the state after a call (app.js sets it: the state's updates live there). */
let refresher = async () => {};

/** @param {() => Promise<void>} fn */
export function refreshWith(fn) {
  refresher = fn;
}

/** Refetches the state, as after every call that may have changed it. */
export function refreshState() {
  return refresher();
}

/** POST, show a failure in the banner, mark `node` busy meanwhile, refetch the state afterwards. */
export async function act(path, body, node, what) {
  node?.classList.add('pending');
  if (node && 'disabled' in node) node.disabled = true;
  try {
    return await post(path, body);
  } catch (e) {
    showError(`${what}: ${e.message}`);
    return null;
  } finally {
    node?.classList.remove('pending');
    if (node && 'disabled' in node) node.disabled = false;
    await refreshState();
  }
}

export function showError(message, kind = 'api') {
  const banner = $('#error-banner');
  banner.querySelector('.error-text').textContent = message;
  banner.hidden = false;
  S.bannerKind = kind;
  clearTimeout(S.bannerTimer);
  if (kind === 'api') S.bannerTimer = setTimeout(hideError, 12000);
}

export function hideError(kind) {
  if (kind && S.bannerKind !== kind) return;
  $('#error-banner').hidden = true;
  S.bannerKind = null;
}
