// The audit log: entries with filters by action, user and time, and the entries about one user.
import {api} from '../ui/api.js';
import {el, show, status, t, when} from '../ui/dom.js';
import {go, heading, nextCursor, PER_PAGE, table} from './common.js';

const main = document.getElementById('main');
const ACTIONS = ['user_signedup', 'user_invited', 'invite_accepted', 'identity_linked', 'user_confirmed', 'login',
  'login_failed', 'logout', 'token_refreshed', 'token_revoked', 'user_recovery_requested', 'password_changed',
  'email_change_requested', 'email_changed', 'roles_changed', 'user_modified', 'user_suspended', 'user_restored',
  'users_imported', 'users_exported', 'user_deleted', 'rate_limited', 'signing_key_added', 'signing_key_promoted',
  'signing_key_retired', 'factor_enrolled', 'factor_verified', 'recovery_code_used', 'mfa_challenge_failed',
  'factor_removed', 'recovery_codes_regenerated', 'passkey_added', 'passkey_removed', 'passkey_counter_regressed',
  'notification_failed', 'notification_retried'];

/** Where the page is: the view and its query, from the fragment. */
// ------------------------------------------------------------------------------------------------------ audit

function auditRows(entries) {
  return entries.map(e => {
    const p = e.payload || {};
    const traits = Object.keys(p.traits || {}).length ? el('code', {}, JSON.stringify(p.traits)) : '';
    return [when(e.created_at), el('code', {}, p.action || ''), p.actor_username || '—', traits];
  });
}

export async function auditSection(filters, title) {
  const query = new URLSearchParams({per_page: String(PER_PAGE), cursor: filters.cursor || ''});
  for (const key of ['action', 'user', 'since', 'until']) if (filters[key]) query.set(key, filters[key]);
  const section = el('section', {id: 'audit'}, el('h2', {}, title));
  try {
    const {body, response} = await api.call('GET', 'admin/audit?' + query, null, {response: true});
    section.append(table([t('audit.time'), t('audit.action'), t('audit.actor'), t('audit.details')],
      auditRows(body), t('audit.none')));
    const next = nextCursor(response);
    if (next && filters.page) {
      const params = new URLSearchParams(filters.page || {});
      params.set('cursor', next);
      section.append(el('p', {class: 'pager'}, el('a', {href: '#/audit?' + params, id: 'next'}, t('users.next'))));
    }
  } catch (e) {
    section.append(el('p', {class: 'status error'}, e.message));
  }
  return section;
}

/** A datetime-local input's value as an ISO instant in the reader's time zone, or ''. */
function instant(local) {
  return local ? new Date(local).toISOString() : '';
}

function local(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export async function auditView(params) {
  const action = el('select', {id: 'audit-action', name: 'action'},
    el('option', {value: ''}, t('audit.anyAction')),
    ACTIONS.map(a => el('option', {value: a, selected: params.get('action') === a}, a)));
  const user = el('input', {id: 'audit-user', name: 'user', value: params.get('user') || '', size: 36});
  const since = el('input', {id: 'audit-since', type: 'datetime-local', value: local(params.get('since'))});
  const until = el('input', {id: 'audit-until', type: 'datetime-local', value: local(params.get('until'))});
  const form = el('form', {class: 'inline', onsubmit: e => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (action.value) q.set('action', action.value);
    if (user.value.trim()) q.set('user', user.value.trim());
    if (since.value) q.set('since', instant(since.value));
    if (until.value) q.set('until', instant(until.value));
    go('#/audit' + (q.toString() ? '?' + q : ''));
  }},
  el('label', {for: 'audit-action'}, el('span', {}, t('audit.action')), action),
  el('label', {for: 'audit-user'}, el('span', {}, t('audit.user')), user),
  el('label', {for: 'audit-since'}, el('span', {}, t('audit.since')), since),
  el('label', {for: 'audit-until'}, el('span', {}, t('audit.until')), until),
  el('button', {type: 'submit'}, t('audit.filter')));
  const page = {};
  for (const key of ['action', 'user', 'since', 'until']) if (params.get(key)) page[key] = params.get(key);
  status(t('loading'), 'busy');
  const list = await auditSection({...page, cursor: params.get('cursor'), page}, t('audit.title'));
  status('', 'info');
  show(main, heading(t('audit.title')), el('p', {class: 'hint'}, t('audit.hint')), el('section', {}, form), list);
}
