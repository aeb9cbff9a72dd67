// The admin console: every action is one call of the admin API, with the administrator's token held in memory
// (ui/api.js). Views follow the fragment (#/users, #/users/<id>, #/audit, #/keys, #/transfer, #/notifications), so the back button
// and a reload land where they were (after the password, on a reload).
import {api} from '../ui/api.js';
import {act, el, field, FAILED, loadText, show, status, t} from '../ui/dom.js';
import {auditView} from './audit.js';
import {heading, setRouter, where} from './common.js';
import {notificationsView} from './notifications.js';
import {keysView, transferView} from './tools.js';
import {userView, usersView} from './users.js';

const main = document.getElementById('main');

// ------------------------------------------------------------------------------------------------------ login

function loginView() {
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  const email = field(t('login.email'), {type: 'email', name: 'email', autocomplete: 'username', required: true});
  const password = field(t('login.password'),
    {type: 'password', name: 'password', autocomplete: 'current-password', required: true});
  const form = el('form', {class: 'narrow', onsubmit: async e => {
    e.preventDefault();
    const data = new FormData(form);
    const done = await act(t('login.working'), null, async () => {
      await api.login(data.get('email'), data.get('password'));
      try {
        await api.call('GET', 'admin/users?per_page=1&cursor=');
      } catch (err) {
        if (err.code === 'insufficient_aal') {
          // nf.identity.mfa.required-for-roles names the admin role: a code from a second factor first
          return {stepUp: await api.call('GET', 'user')};
        }
        if (err.status === 401 || err.status === 403) {
          const me = await api.call('GET', 'user');
          await api.logout();
          return {refused: me.email};
        }
        throw err;
      }
      return {};
    });
    if (done === FAILED) return;
    if (done.stepUp) {
      stepUpView(done.stepUp);
      return;
    }
    if (done.refused) {
      show(main, heading(t('login.title')), el('p', {class: 'status error', id: 'refusal'},
        t('login.notAdmin', {email: done.refused})), form);
      status(t('login.notAdmin', {email: done.refused}), 'error');
      return;
    }
    await route();
    status(t('login.done', {email: data.get('email')}), 'ok');
  }}, email, password, el('button', {type: 'submit'}, t('login.submit')));
  show(main, heading(t('login.title')), el('p', {class: 'hint'}, t('login.consoleHint')), form);
}

/**
 * The admin API asks for a second factor: a code of the administrator's verified factor (or a recovery code) brings
 * this session to level 2. Without a verified factor, the account page is where one is added.
 */
function stepUpView(me) {
  const factor = (me.factors || []).find(f => f.status === 'verified');
  if (!factor) {
    show(main, heading(t('login.title')), el('p', {class: 'status error', id: 'refusal'}, t('console.needsFactor')),
      el('p', {}, el('a', {href: '../account/'}, t('console.accountPage'))));
    status(t('console.needsFactor'), 'error');
    return;
  }
  const form = el('form', {class: 'narrow', id: 'step-up-form', onsubmit: async e => {
    e.preventDefault();
    const code = new FormData(form).get('code').trim();
    const r = await act(t('loading'), null, async () => {
      const challenge = await api.call('POST', 'factors/' + factor.id + '/challenge');
      api.adopt(await api.call('POST', 'factors/' + factor.id + '/verify', {challenge_id: challenge.id, code}));
    });
    if (r === FAILED) return;
    await route();
    status(t('login.done', {email: me.email}), 'ok');
  }}, field(t('factors.stepUp'), {name: 'code', id: 'step-up-code', required: true, autocomplete: 'one-time-code'}),
  el('button', {type: 'submit'}, t('factors.verify')));
  show(main, heading(t('login.title')), el('p', {class: 'hint'}, t('console.stepUpHint')), form);
}

// ------------------------------------------------------------------------------------------------------ routing

async function route() {
  if (!api.loggedIn()) {
    loginView();
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  const {parts, params} = where();
  if (parts[0] === 'users' && parts[1]) await userView(parts[1]);
  else if (parts[0] === 'audit') await auditView(params);
  else if (parts[0] === 'keys') await keysView();
  else if (parts[0] === 'transfer') transferView();
  else if (parts[0] === 'notifications') await notificationsView(params);
  else await usersView(params);
  main.dataset.view = parts.join('/') || 'users';
  main.dataset.count = String(Number(main.dataset.count || 0) + 1);
}

document.getElementById('logout').addEventListener('click', async () => {
  await api.logout().catch(() => api.forget());
  status(t('account.loggedOut'), 'ok');
  route();
});
setRouter(route);
window.addEventListener('hashchange', route);
await loadText();
route();
