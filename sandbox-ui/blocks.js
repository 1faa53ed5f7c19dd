// @ts-check
// Block Kit as DOM: the blocks of messages, the Home tab and modals, and their interactive elements.

import { add, h, openExternal, safeUrl } from './dom.js';
import { emojiText, plainNodes, richText, textObj } from './mrkdwn.js';
import { S, humans } from './state.js';

// ---------------------------------------------------------------------------------------------------------------
// Block Kit

/**
 * ctx: { surface: 'message' | 'home' | 'modal', dispatch?(block, action, node), collect?(input), errorSlot?(blockId, el) }
 * dispatch is set where interactions POST at once (messages, home); collect is set for a modal's input blocks.
 */
export function renderBlocks(blocks, ctx) {
  const wrap = h('div', { class: 'blocks' });
  (Array.isArray(blocks) ? blocks : []).forEach((b, index) => {
    try {
      const el = renderBlock(b, ctx, index);
      if (el) wrap.append(el);
    } catch (e) {
      console.error('block render failed', b, e);
      wrap.append(h('div', { class: 'b-unknown' }, `[this ${b?.type ?? 'unknown'} block could not be shown]`));
    }
  });
  return wrap;
}

function renderBlock(b, ctx, index) {
  if (!b || typeof b !== 'object') return null;
  const attrs = (cls) => ({ class: cls, 'data-block-id': b.block_id });
  switch (b.type) {
    case 'header':
      return h('div', attrs('b-header'), plainNodes(b.text?.text ?? ''));
    case 'section': {
      const main = h('div', { class: 'b-section-main' });
      if (b.text) main.append(textObj(b.text));
      if (Array.isArray(b.fields) && b.fields.length > 0)
        main.append(
          h(
            'div',
            { class: 'b-fields' },
            b.fields.map((f) => h('div', { class: 'b-field' }, textObj(f))),
          ),
        );
      const sec = h('div', attrs('b-section'), main);
      if (b.accessory && b.accessory.type !== 'image') sec.append(h('div', { class: 'b-accessory' }, renderElement(b.accessory, b, ctx)));
      return sec;
    }
    case 'context':
      return h(
        'div',
        attrs('b-context'),
        (b.elements ?? []).map((e) => (e.type === 'image' ? h('span', { class: 'ctx-image', title: e.alt_text ?? '' }, '🖼') : textObj(e))),
      );
    case 'divider':
      return h('hr', attrs('b-divider'));
    case 'actions':
      return h(
        'div',
        attrs('b-actions'),
        (b.elements ?? []).map((e) => renderElement(e, b, ctx)),
      );
    case 'input':
      return inputBlock(b, ctx, index);
    case 'image':
      return h('div', attrs('b-image'), h('span', { class: 'b-image-icon', 'aria-hidden': 'true' }, '🖼'), h('span', null, b.title?.text ? `${b.title.text}: ` : '', b.alt_text ?? 'image'));
    case 'rich_text':
      return richText(b);
    default:
      return h('div', attrs('b-unknown'), `[${b.type ?? 'unknown'} block]`);
  }
}

function inputBlock(b, ctx, index) {
  const blockId = b.block_id ?? `block-${index}`;
  const inputId = `in-${Math.random().toString(36).slice(2, 10)}`;
  const errorEl = h('div', { class: 'input-error', role: 'alert', hidden: true });
  const wrap = h('div', { class: 'b-input', 'data-block-id': blockId });
  add(wrap, [
    h('label', { class: 'input-label', for: inputId }, plainNodes(b.label?.text ?? ''), b.optional ? h('span', { class: 'optional' }, ' (optional)') : null),
    renderElement(b.element ?? {}, { ...b, block_id: blockId }, ctx, { inInput: true, inputId }),
    b.hint ? h('div', { class: 'input-hint' }, plainNodes(b.hint.text ?? '')) : null,
    errorEl,
  ]);
  ctx.errorSlot?.(blockId, { wrap, errorEl });
  return wrap;
}

function placeholderText(el, fallback) {
  return el.placeholder?.text ?? fallback;
}

function optionsOf(el) {
  if (Array.isArray(el.option_groups)) return el.option_groups.flatMap((g) => g.options ?? []);
  return Array.isArray(el.options) ? el.options : [];
}

const optionText = (o) => (typeof o?.text === 'string' ? o.text : (o?.text?.text ?? String(o?.value ?? '')));
const optionPayload = (o) => (o ? { text: o.text, value: o.value } : null);

/**
 * One interactive element. In messages and the home tab it POSTs an action when used; in a modal's input block
 * it only registers a reader with ctx.collect; elsewhere in a modal it is shown but inert.
 */
function renderElement(el, block, ctx, opts = {}) {
  const blockId = block.block_id;
  const actionId = el.action_id ?? '';
  const collecting = !!opts.inInput && ctx.surface === 'modal';
  const live = !collecting && typeof ctx.dispatch === 'function';
  const fire = (action, node) => {
    if (live) ctx.dispatch(block, { block_id: blockId, action_id: actionId, ...action }, node);
  };
  const base = { 'data-action-id': actionId, id: opts.inputId };
  const register = (read, snapshot, restore) => {
    if (collecting) ctx.collect?.({ block_id: blockId, action_id: actionId, read, snapshot, restore });
  };

  switch (el.type) {
    case 'button': {
      const url = safeUrl(el.url);
      const btn = h(
        'button',
        { type: 'button', class: `btn${el.style === 'primary' ? ' btn-primary' : el.style === 'danger' ? ' btn-danger' : ''}`, ...base, title: url ?? undefined },
        plainNodes(el.text?.text ?? ''),
        url ? h('span', { class: 'ext', 'aria-hidden': 'true' }, ' ↗') : null,
      );
      if (!live) {
        btn.disabled = ctx.surface === 'modal';
        if (btn.disabled) btn.title = 'Not available in the sandbox';
      }
      btn.addEventListener('click', () => {
        if (url) openExternal(url);
        fire({ type: 'button', value: el.value, text: el.text }, btn);
      });
      return btn;
    }

    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      let items;
      let initial;
      if (el.type === 'users_select') {
        items = humans().map((u) => ({ value: u.id, label: u.name }));
        initial = el.initial_user;
      } else if (el.type === 'conversations_select' || el.type === 'channels_select') {
        items = (S.state?.channels ?? []).map((c) => ({ value: c.id, label: `#${c.name}` }));
        initial = el.type === 'channels_select' ? el.initial_channel : el.initial_conversation;
      } else {
        initial = el.initial_option?.value;
        items = null;
      }
      const sel = h('select', { class: 'select', ...base });
      const ph = h('option', { value: '', disabled: true }, placeholderText(el, el.type === 'users_select' ? 'Select a user' : 'Select an item'));
      sel.append(ph);
      if (items) {
        for (const it of items) sel.append(h('option', { value: it.value }, it.label));
      } else if (Array.isArray(el.option_groups)) {
        for (const g of el.option_groups)
          sel.append(
            h(
              'optgroup',
              { label: optionText({ text: g.label }) },
              (g.options ?? []).map((o) => h('option', { value: o.value ?? '' }, emojiText(optionText(o)))),
            ),
          );
      } else {
        for (const o of optionsOf(el)) sel.append(h('option', { value: o.value ?? '' }, emojiText(optionText(o))));
      }
      if (initial !== undefined && initial !== null && [...sel.options].some((o) => o.value === initial && !o.disabled)) sel.value = initial;
      else ph.selected = true;
      const read = () => {
        const v = sel.value || null;
        if (el.type === 'users_select') return { type: el.type, selected_user: v };
        if (el.type === 'channels_select') return { type: el.type, selected_channel: v };
        if (el.type === 'conversations_select') return { type: el.type, selected_conversation: v };
        return { type: el.type, selected_option: optionPayload(optionsOf(el).find((o) => o.value === v)) };
      };
      sel.addEventListener('change', () => fire(read(), sel));
      register(
        read,
        () => sel.value,
        (v) => {
          if ([...sel.options].some((o) => o.value === v)) sel.value = v;
        },
      );
      return sel;
    }

    case 'multi_static_select':
    case 'multi_users_select': {
      const isUsers = el.type === 'multi_users_select';
      const items = isUsers ? humans().map((u) => ({ value: u.id, label: u.name })) : optionsOf(el).map((o) => ({ value: o.value ?? '', label: optionText(o) }));
      const initial = new Set(isUsers ? (el.initial_users ?? []) : (el.initial_options ?? []).map((o) => o.value));
      const sel = h(
        'select',
        { class: 'select multi', multiple: true, size: Math.min(5, Math.max(2, items.length)), ...base },
        items.map((it) => h('option', { value: it.value, selected: initial.has(it.value) }, emojiText(it.label))),
      );
      const read = () => {
        const vals = [...sel.selectedOptions].map((o) => o.value);
        return isUsers
          ? { type: el.type, selected_users: vals }
          : {
              type: el.type,
              selected_options: optionsOf(el)
                .filter((o) => vals.includes(o.value))
                .map(optionPayload),
            };
      };
      sel.addEventListener('change', () => fire(read(), sel));
      register(
        read,
        () => [...sel.selectedOptions].map((o) => o.value),
        (vals) => {
          for (const o of sel.options) o.selected = vals.includes(o.value);
        },
      );
      return sel;
    }

    case 'overflow': {
      const wrap = h('div', { class: 'overflow' });
      const trigger = h('button', { type: 'button', class: 'btn overflow-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'More options', ...base }, '⋯');
      const menu = h('div', { class: 'overflow-menu', role: 'menu', hidden: true });
      const close = () => {
        menu.hidden = true;
        trigger.setAttribute('aria-expanded', 'false');
      };
      for (const o of optionsOf(el)) {
        menu.append(
          h(
            'button',
            {
              type: 'button',
              role: 'menuitem',
              class: 'overflow-item',
              'data-value': o.value ?? '',
              onclick: (e) => {
                e.stopPropagation();
                close();
                if (o.url) openExternal(o.url);
                fire({ type: 'overflow', selected_option: optionPayload(o) }, trigger);
              },
            },
            plainNodes(optionText(o)),
          ),
        );
      }
      trigger.addEventListener('click', (e) => {
        e.stopPropagation();
        const opening = menu.hidden;
        closeMenus();
        if (opening && live) {
          menu.hidden = false;
          trigger.setAttribute('aria-expanded', 'true');
        }
      });
      if (!live) trigger.disabled = true;
      wrap.append(trigger, menu);
      return wrap;
    }

    case 'datepicker':
    case 'timepicker': {
      const isDate = el.type === 'datepicker';
      const input = h('input', {
        type: isDate ? 'date' : 'time',
        class: 'text-input date-input',
        title: placeholderText(el, isDate ? 'Select a date' : 'Select a time'),
        'aria-label': placeholderText(el, isDate ? 'Select a date' : 'Select a time'),
        ...base,
      });
      const initial = isDate ? el.initial_date : el.initial_time;
      if (initial) input.value = initial;
      const read = () => (isDate ? { type: el.type, selected_date: input.value || null } : { type: el.type, selected_time: input.value || null });
      input.addEventListener('change', () => {
        if (input.value) fire(read(), input);
      });
      register(
        read,
        () => input.value,
        (v) => {
          input.value = v;
        },
      );
      return input;
    }

    case 'plain_text_input':
    case 'number_input':
    case 'url_text_input':
    case 'email_text_input': {
      const multiline = el.type === 'plain_text_input' && el.multiline;
      const common = { class: multiline ? 'text-input textarea' : 'text-input', placeholder: el.placeholder?.text, ...base };
      let input;
      if (multiline) input = h('textarea', { ...common, rows: 4 });
      else if (el.type === 'number_input') {
        input = h('input', {
          ...common,
          type: 'number',
          step: el.is_decimal_allowed ? 'any' : '1',
          inputmode: el.is_decimal_allowed ? 'decimal' : 'numeric',
          min: el.min_value,
          max: el.max_value,
        });
      } else input = h('input', { ...common, type: el.type === 'url_text_input' ? 'url' : el.type === 'email_text_input' ? 'email' : 'text' });
      if (el.type === 'plain_text_input') {
        if (Number.isFinite(el.max_length)) input.maxLength = el.max_length;
        if (Number.isFinite(el.min_length)) input.minLength = el.min_length;
      }
      if (el.initial_value !== undefined && el.initial_value !== null) input.value = String(el.initial_value);
      const read = () => ({ type: el.type, value: input.value === '' ? null : input.value });
      if (!multiline) {
        input.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && !e.isComposing && live) {
            e.preventDefault();
            fire(read(), input);
          }
        });
      }
      register(
        read,
        () => input.value,
        (v) => {
          input.value = v;
        },
      );
      if (multiline && Number.isFinite(el.max_length)) {
        const counter = h('div', { class: 'char-count' });
        const update = () => {
          const left = el.max_length - input.value.length;
          counter.textContent = left < 100 ? `${left} characters left` : '';
        };
        input.addEventListener('input', update);
        update();
        return h('div', { class: 'textarea-wrap' }, input, counter);
      }
      return input;
    }

    case 'checkboxes':
    case 'radio_buttons': {
      const isRadio = el.type === 'radio_buttons';
      const name = `g-${Math.random().toString(36).slice(2, 10)}`;
      const initial = new Set(isRadio ? (el.initial_option ? [el.initial_option.value] : []) : (el.initial_options ?? []).map((o) => o.value));
      const group = h('div', { class: `choice-group ${isRadio ? 'radios' : 'checkboxes'}`, role: isRadio ? 'radiogroup' : 'group', ...base, id: undefined });
      const inputs = [];
      for (const o of optionsOf(el)) {
        const box = h('input', { type: isRadio ? 'radio' : 'checkbox', name, value: o.value ?? '', checked: initial.has(o.value), id: inputs.length === 0 ? opts.inputId : undefined });
        inputs.push(box);
        group.append(h('label', { class: 'choice' }, box, h('span', { class: 'choice-text' }, textObj(o.text), o.description ? h('span', { class: 'choice-desc' }, textObj(o.description)) : null)));
      }
      const read = () => {
        const checked = optionsOf(el).filter((_o, i) => inputs[i]?.checked);
        return isRadio ? { type: el.type, selected_option: optionPayload(checked[0]) } : { type: el.type, selected_options: checked.map(optionPayload) };
      };
      for (const box of inputs) box.addEventListener('change', () => fire(read(), group));
      register(
        read,
        () => inputs.map((i) => i.checked),
        (vals) =>
          inputs.forEach((i, n) => {
            i.checked = !!vals[n];
          }),
      );
      return group;
    }

    case 'image':
      return null;

    default:
      return h('span', { class: 'b-unknown' }, `[${el.type ?? 'unknown'} element]`);
  }
}

export function closeMenus() {
  for (const m of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.overflow-menu:not([hidden])'))) {
    m.hidden = true;
    m.previousElementSibling?.setAttribute('aria-expanded', 'false');
  }
}
