// @ts-check
// The open modal: its blocks with their inputs, submission with field errors, and closing.

import { h } from './dom.js';
import { act, API, post, refreshState } from './api.js';
import { renderBlocks } from './blocks.js';
import { plainNodes } from './mrkdwn.js';
import { S } from './state.js';

// ---------------------------------------------------------------------------------------------------------------
// Modal

export function renderModal() {
  const m = S.state?.modal;
  const existing = document.getElementById('modal');
  if (!m || !m.view || m.id === S.closingModal) {
    if (existing) existing.remove();
    S.modalUi = null;
    return;
  }
  const sig = JSON.stringify([m.id, m.view, S.dirVersion, S.user]);
  if (existing && S.modalUi?.sig === sig) return;

  // The same view updated (views.update): keep what was typed in inputs that are still there, as Slack does.
  let saved = null;
  let scroll = 0;
  if (existing && S.modalUi?.id === m.id) {
    saved = new Map(S.modalUi.inputs.map((i) => [`${i.block_id}\u0000${i.action_id}`, i.snapshot()]));
    scroll = existing.querySelector('.modal-body')?.scrollTop ?? 0;
  }

  const ui = { id: m.id, sig, inputs: [], slots: new Map(), submitting: false };
  const ctx = {
    surface: 'modal',
    collect: (i) => ui.inputs.push(i),
    errorSlot: (blockId, slot) => {
      ui.slots.set(blockId, slot);
      // An answer changed after the app said what was wrong with it is no longer red: the person has fixed it, and the
      // next submission says again if it is still wrong.
      slot.wrap.addEventListener('input', () => clearError(slot));
      slot.wrap.addEventListener('change', () => clearError(slot));
    },
  };
  const v = m.view;
  const hasInputs = (v.blocks ?? []).some((b) => b?.type === 'input');
  const generalError = h('div', { class: 'modal-error', role: 'alert', hidden: true });
  const cancel = h('button', { type: 'button', id: 'modal-cancel', class: 'btn', onclick: () => closeModal(m.id) }, plainNodes(v.close?.text ?? 'Cancel'));
  const submit =
    v.submit || hasInputs ? h('button', { type: 'button', id: 'modal-submit', class: 'btn btn-primary', onclick: () => submitModal(ui, m.id) }, plainNodes(v.submit?.text ?? 'Submit')) : null;
  ui.submitBtn = submit;
  ui.generalError = generalError;
  const body = h('div', { class: 'modal-body' }, renderBlocks(v.blocks, ctx), generalError);
  const overlay = h(
    'div',
    { id: 'modal', class: 'modal-overlay', 'data-view-id': m.id },
    h(
      'div',
      { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title' },
      h(
        'div',
        { class: 'modal-header' },
        h('h2', { id: 'modal-title' }, plainNodes(v.title?.text ?? '')),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close', onclick: () => closeModal(m.id) }, '×'),
      ),
      body,
      h('div', { class: 'modal-footer' }, cancel, submit),
    ),
  );
  if (existing) existing.replaceWith(overlay);
  else document.body.append(overlay);
  S.modalUi = ui;

  if (saved) {
    for (const i of ui.inputs) {
      const k = `${i.block_id}\u0000${i.action_id}`;
      if (saved.has(k)) i.restore(saved.get(k));
    }
    body.scrollTop = scroll;
  } else {
    const first = overlay.querySelector('.modal-body input:not([type=hidden]), .modal-body textarea, .modal-body select');
    (first ?? submit ?? cancel).focus();
  }
}

/** @param {{ wrap: HTMLElement, errorEl: HTMLElement }} slot */
function clearError({ wrap, errorEl }) {
  errorEl.hidden = true;
  errorEl.textContent = '';
  wrap.classList.remove('has-error');
}

export async function closeModal(viewId) {
  S.closingModal = viewId;
  renderModal();
  await act(API.viewClose, { user: S.user, view_id: viewId }, null, 'Closing the dialog failed');
  // act() has refetched the state: a view the server still has open (the close failed) shows again.
  if (S.closingModal === viewId) {
    S.closingModal = null;
    renderModal();
  }
}

async function submitModal(ui, viewId) {
  if (ui.submitting) return;
  for (const slot of ui.slots.values()) clearError(slot);
  ui.generalError.hidden = true;
  const values = {};
  for (const i of ui.inputs) (values[i.block_id] ??= {})[i.action_id] = i.read();
  ui.submitting = true;
  ui.submitBtn?.classList.add('pending');
  if (ui.submitBtn) ui.submitBtn.disabled = true;
  try {
    const res = await post(API.viewSubmit, { user: S.user, view_id: viewId, values });
    const errors = res && typeof res.errors === 'object' && res.errors !== null ? res.errors : null;
    if (errors && Object.keys(errors).length > 0) {
      const unplaced = [];
      let firstSlot = null;
      for (const [blockId, message] of Object.entries(errors)) {
        const slot = ui.slots.get(blockId);
        if (!slot) {
          unplaced.push(String(message));
          continue;
        }
        slot.errorEl.textContent = String(message);
        slot.errorEl.hidden = false;
        slot.wrap.classList.add('has-error');
        firstSlot ??= slot;
      }
      if (unplaced.length > 0) {
        ui.generalError.textContent = unplaced.join(' ');
        ui.generalError.hidden = false;
      }
      firstSlot?.wrap.scrollIntoView({ block: 'nearest' });
      firstSlot?.wrap.querySelector('input, textarea, select')?.focus();
    }
  } catch (e) {
    ui.generalError.textContent = `Submitting failed: ${e.message}`;
    ui.generalError.hidden = false;
  } finally {
    ui.submitting = false;
    ui.submitBtn?.classList.remove('pending');
    if (ui.submitBtn) ui.submitBtn.disabled = false;
    await refreshState();
  }
}
