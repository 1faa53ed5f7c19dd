// @ts-check
// DOM helpers. The security rule of the whole page lives here: nothing that came from the API is ever parsed as
// HTML. Every node is built with createElement / textContent (see `h`), and an href is only ever an absolute http(s)
// URL (see `safeUrl`).

export const $ = (sel) => document.querySelector(sel);

/**
 * createElement with properties. Strings always become text nodes; `on*` keys must be functions; `href` goes
 * through safeUrl and is dropped when it is not http(s).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k.startsWith('on')) {
        if (typeof v === 'function') el.addEventListener(k.slice(2), v);
      } else if (k === 'href') {
        const url = safeUrl(v);
        if (url) el.setAttribute('href', url);
      } else if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'selected' || k === 'multiple') el[k] = Boolean(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  add(el, children);
  return el;
}

export function add(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An absolute http(s) URL, normalised, or null. */
export function safeUrl(u) {
  if (typeof u !== 'string' || u.trim() === '') return null;
  try {
    const p = new URL(u.trim());
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
  } catch {
    return null;
  }
}

export function openExternal(url) {
  const safe = safeUrl(url);
  if (safe) window.open(safe, '_blank', 'noopener,noreferrer');
}
