// Small helpers shared by the pages. Text always goes in as text (textContent, attributes): nothing a user or an
// administrator typed is ever parsed as HTML.
let strings = {};

/** Loads the texts for the browser's language, English when there is no translation (ui/text/<lang>.json). */
export async function loadText() {
  const base = new URL('text/', import.meta.url);
  for (const lang of [...new Set([...(navigator.languages || []).map(l => l.split('-')[0]), 'en'])]) {
    const response = await fetch(new URL(lang + '.json', base), {credentials: 'omit'});
    if (response.ok) {
      strings = await response.json();
      document.documentElement.lang = lang;
      break;
    }
  }
  document.querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
  document.querySelectorAll('[data-t-placeholder]').forEach(e => { e.placeholder = t(e.dataset.tPlaceholder); });
  document.querySelectorAll('[data-t-label]').forEach(e => { e.setAttribute('aria-label', t(e.dataset.tLabel)); });
}

/** The text for a key, with {name} placeholders filled in. */
export function t(key, values = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** An element: el('button', {class: 'x', onclick: f}, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) e.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(e.dataset, value);
    else e.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    e.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return e;
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
}

/** The status line: what is happening, what worked, or the server's error, read out by screen readers. */
export function status(message, kind = 'info') {
  const line = document.getElementById('status');
  line.textContent = message;
  line.className = 'status ' + kind;
  line.dataset.kind = kind;
  line.dataset.count = String(Number(line.dataset.count || 0) + 1);
}

/** What {@link act} answers when the action failed (its error is on the status line). */
export const FAILED = Symbol('failed');

/**
 * Runs an action with "working…" shown, then its success message (none when {@code done} is null; the line is cleared
 * when it is ''), or the server's error (and answers FAILED).
 */
export async function act(working, done, action) {
  status(working, 'busy');
  try {
    const result = await action();
    if (done) status(done, 'ok');
    else if (done === '') status('', 'idle'); // a load: nothing to report once it is there
    return result;
  } catch (e) {
    status(e.message || String(e), 'error');
    return FAILED;
  }
}

/** A date the way the reader's locale writes it, or a dash. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** A labelled input. */
export function field(label, attributes) {
  const id = attributes.id || ('f-' + Math.random().toString(36).slice(2));
  return el('label', {for: id}, el('span', {}, label), el('input', {...attributes, id}));
}
