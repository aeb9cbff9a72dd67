// What the console's views share: where the page is, moving to another view, small builders.
import {el, t, when} from '../ui/dom.js';

export const PER_PAGE = 25;

let router = async () => {};

/** The console's router, which {@link go} runs. */
export function setRouter(route) {
  router = route;
}

export function where() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  return {parts: path.split('/').filter(Boolean), params: new URLSearchParams(query || '')};
}

/** Shows another view and records it in the history (the back button comes back here); done once it is shown. */
export async function go(hash) {
  if (location.hash !== hash) history.pushState(null, '', hash);
  await router();
}

export function heading(text) {
  return el('h1', {}, text);
}

export function rolesOf(user) {
  return (user.app_metadata && user.app_metadata.roles) || [];
}

export function userStatus(user) {
  if (user.banned_until && new Date(user.banned_until) > new Date()) {
    return el('span', {class: 'badge warn'}, t('status.suspended', {until: when(user.banned_until)}));
  }
  if (user.confirmed_at) return el('span', {class: 'badge'}, t('status.confirmed'));
  return el('span', {class: 'badge'}, user.invited_at ? t('status.invited') : t('status.unconfirmed'));
}

export function splitRoles(text) {
  return text.split(',').map(r => r.trim()).filter(Boolean);
}

/** The value of {@code cursor} in the "next" link of a Link header, or null. */
export function nextCursor(response) {
  const link = response.headers.get('Link') || '';
  const next = link.split(',').find(part => /rel="next"/.test(part));
  if (!next) return null;
  const url = next.match(/<([^>]+)>/);
  return url ? new URL(url[1], location.href).searchParams.get('cursor') : null;
}

export function table(headers, rows, empty) {
  if (!rows.length) return el('p', {class: 'hint'}, empty);
  // focusable, so a keyboard can scroll it sideways on a narrow screen
  return el('div', {class: 'table', tabindex: '0'},
    el('table', {},
      el('thead', {}, el('tr', {}, headers.map(h => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c)))))));
}
