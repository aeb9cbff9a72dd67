// Notifications (the outbox): failed deliveries first, with a retry for each; pending and delivered ones on request.
import {api} from '../ui/api.js';
import {act, el, FAILED, show, status, t, when} from '../ui/dom.js';
import {go, heading, table} from './common.js';

const main = document.getElementById('main');
const STATES = ['failed', 'pending', 'delivered'];
const label = state => ({failed: t('notifications.failed'), pending: t('notifications.pending'),
  delivered: t('notifications.delivered')})[state];

export async function notificationsView(params) {
  const state = STATES.includes(params.get('state')) ? params.get('state') : 'failed';
  const list = await act(t('loading'), '', () => api.call('GET', 'admin/notifications?state=' + state));
  if (list === FAILED) return;
  const retry = n => async () => {
    const r = await act(t('loading'), null, () =>
      api.call('POST', 'admin/notifications/' + encodeURIComponent(n.id) + '/retry'));
    if (r === FAILED) return;
    await notificationsView(params);
    status(t('notifications.retried', {event: n.event}), 'ok');
  };
  const rows = list.map(n => [when(n.created_at), el('code', {}, n.event),
    n.user_id ? el('a', {href: '#/users/' + encodeURIComponent(n.user_id)}, t('notifications.user')) : '',
    n.receiver, String(n.attempts), n.last_error || (n.last_status ? 'HTTP ' + n.last_status : ''),
    state === 'failed'
      ? el('button', {class: 'secondary', 'data-retry': n.id, onclick: retry(n)}, t('notifications.retry'))
      : when(n.delivered_at || n.next_attempt_at)]);
  const tabs = el('p', {class: 'actions', id: 'notification-states'}, ...STATES.map(s => s === state
    ? el('strong', {'aria-current': 'page'}, label(s))
    : el('button', {class: 'secondary', onclick: () => go('#/notifications?state=' + s)}, label(s))));
  show(main, heading(t('nav.notifications')), el('p', {class: 'hint'}, t('notifications.hint')), tabs,
    el('section', {id: 'notifications'}, table([t('notifications.created'), t('notifications.event'),
      t('notifications.userColumn'), t('notifications.receiver'), t('notifications.attempts'),
      t('notifications.lastError'), state === 'failed' ? '' : t('notifications.when')], rows,
    t('notifications.none'))));
}
