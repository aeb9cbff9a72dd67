// The account page: a logged-in user manages their own account through the user API (GET/PUT/DELETE /user,
// /user/sessions), with the token in memory only (ui/api.js). A provider sign-in comes back here with the tokens in
// the fragment; they are taken only when this tab started that sign-in, so a link that carries someone else's
// tokens cannot log a visitor into a stranger's account.
import {api} from '../ui/api.js';
import {act, el, field, FAILED, loadText, show, status, t, when} from '../ui/dom.js';
import {factorsSection} from './factors.js';
import {passkeySignIn, passkeysSection} from './passkeys.js';

const main = document.getElementById('main');
const STARTED = 'nf-identity-account-signin'; // a marker only: never a token

function takeProviderReturn() {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (!fragment.has('access_token') && !fragment.has('error')) return;
  history.replaceState(null, '', location.pathname); // the tokens leave the address bar at once
  const started = sessionStorage.getItem(STARTED) === '1';
  sessionStorage.removeItem(STARTED);
  if (fragment.has('error')) {
    status(fragment.get('error_description') || fragment.get('error'), 'error');
  } else if (started) {
    api.adopt({access_token: fragment.get('access_token'), refresh_token: fragment.get('refresh_token'),
      expires_in: fragment.get('expires_in')});
  }
}

// A mailed sign-in link opens this page with its token in the fragment (never sent to the server by the GET, so a
// mail scanner that opens the link spends nothing); only the button below spends it.
function takeMagicLink() {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('magiclink_token');
  if (token) history.replaceState(null, '', location.pathname);
  return token;
}

function magicLinkView(token) {
  document.getElementById('logout').hidden = true;
  show(main, el('h1', {}, t('magic.title')), el('p', {class: 'hint'}, t('magic.hint')),
    el('p', {}, el('button', {id: 'magic-signin', onclick: async () => {
      const r = await act(t('login.working'), null,
        () => api.anonymous('POST', 'verify', {type: 'magiclink', token}));
      if (r === FAILED) return;
      api.adopt(r);
      accountView();
    }}, t('magic.submit'))));
}

/** Sign-in by a mailed code: the address, then the code (or the mail's link). */
function codeForm() {
  const form = el('form', {class: 'narrow', id: 'code-form', onsubmit: async e => {
    e.preventDefault();
    const data = new FormData(form);
    const email = data.get('email');
    if (!data.get('code')) {
      const r = await act(t('code.sending'), t('code.sent'),
        () => api.anonymous('POST', 'otp', {email, create_user: false}));
      if (r === FAILED) return;
      form.querySelector('[name=email]').readOnly = true;
      const code = field(t('code.code'), {name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
        pattern: '[0-9]{6}', required: true});
      form.querySelector('button').before(code);
      form.querySelector('button').textContent = t('login.submit');
      code.querySelector('input').focus();
      return;
    }
    const r = await act(t('login.working'), null,
      () => api.anonymous('POST', 'verify', {type: 'email', email, token: data.get('code')}));
    if (r === FAILED) return;
    api.adopt(r);
    accountView();
  }},
  field(t('login.email'), {type: 'email', name: 'email', autocomplete: 'username', required: true}),
  el('button', {type: 'submit', class: 'secondary'}, t('code.send')));
  return el('details', {}, el('summary', {}, t('code.title')), form);
}

async function loginView() {
  document.getElementById('logout').hidden = true;
  const form = el('form', {class: 'narrow', onsubmit: async e => {
    e.preventDefault();
    const data = new FormData(form);
    const r = await act(t('login.working'), null, () => api.login(data.get('email'), data.get('password')));
    if (r !== FAILED) accountView();
  }},
  field(t('login.email'), {type: 'email', name: 'email', autocomplete: 'username', required: true}),
  field(t('login.password'), {type: 'password', name: 'password', autocomplete: 'current-password', required: true}),
  el('button', {type: 'submit'}, t('login.submit')));
  const providers = el('div', {class: 'actions', id: 'providers'});
  show(main, el('h1', {}, t('login.title')), el('p', {class: 'hint'}, t('login.accountHint')), form,
    passkeySignIn(accountView), providers, codeForm());
  try {
    const settings = await api.anonymous('GET', 'settings');
    const labels = settings.external_labels || {};
    for (const [name, on] of Object.entries(settings.external || {})) {
      if (!on || name === 'email') continue;
      providers.append(el('button', {class: 'secondary', id: 'provider-' + name, onclick: () => {
        sessionStorage.setItem(STARTED, '1');
        location.assign(api.base + 'authorize?provider=' + encodeURIComponent(name)
          + '&redirect_to=' + encodeURIComponent(location.origin + location.pathname));
      }}, t('login.provider', {provider: labels[name] || name})));
    }
  } catch {
    // no provider buttons: the password form still works
  }
}

async function accountView() {
  const me = await act(t('loading'), '', () => api.call('GET', 'user'));
  if (me === FAILED) {
    api.forget();
    loginView();
    return;
  }
  document.getElementById('logout').hidden = false;
  const meta = me.user_metadata || {};
  const app = me.app_metadata || {};
  const providers = (app.providers || [app.provider]).filter(Boolean);

  const name = el('input', {id: 'name', value: meta.full_name || '', autocomplete: 'name'});
  const metadata = el('textarea', {id: 'metadata', spellcheck: 'false'}, JSON.stringify(meta, null, 2));
  const profile = el('form', {onsubmit: async e => {
    e.preventDefault();
    let data;
    try {
      data = JSON.parse(metadata.value);
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('{ … }');
    } catch (err) {
      metadata.setAttribute('aria-invalid', 'true');
      status(t('user.metadataInvalid', {field: 'user_metadata', error: err.message}), 'error');
      return;
    }
    for (const key of Object.keys(meta)) if (!(key in data)) data[key] = null; // the API merges
    data.full_name = name.value;
    const r = await act(t('loading'), null, () => api.call('PUT', 'user', {data}));
    if (r !== FAILED) accountView().then(() => status(t('saved'), 'ok'));
  }},
  el('label', {for: 'name'}, el('span', {}, t('account.name')), name),
  el('label', {for: 'metadata'}, el('span', {}, t('account.metadata')), metadata),
  el('button', {type: 'submit'}, t('account.save')));

  const emailForm = el('form', {class: 'inline', onsubmit: async e => {
    e.preventDefault();
    const email = new FormData(emailForm).get('email');
    const r = await act(t('loading'), t('account.emailSent', {email}), () => api.call('PUT', 'user', {email}));
    if (r !== FAILED) emailForm.reset();
  }}, field(t('account.newEmail'), {type: 'email', name: 'email', required: true, autocomplete: 'email'}),
  el('button', {type: 'submit'}, t('account.emailSubmit')));

  const passwordForm = el('form', {class: 'inline', onsubmit: async e => {
    e.preventDefault();
    const password = new FormData(passwordForm).get('password');
    const r = await act(t('loading'), t('account.passwordChanged'), () => api.call('PUT', 'user', {password}));
    if (r !== FAILED) passwordForm.reset();
  }}, field(t('account.newPassword'),
    {type: 'password', name: 'password', required: true, autocomplete: 'new-password', id: 'new-password'}),
  el('button', {type: 'submit'}, t('account.passwordSubmit')));

  const hasPassword = providers.includes('email');
  const deleteForm = el('form', {id: 'delete-form', onsubmit: async e => {
    e.preventDefault();
    const r = await act(t('account.deleteWorking'), null, async () => {
      if (hasPassword) {
        // a fresh login first: deleting needs one from the last few minutes, and proves the password here
        await api.login(me.email, new FormData(deleteForm).get('password'));
      }
      await api.call('DELETE', 'user');
    });
    if (r === FAILED) return;
    api.forget();
    document.getElementById('logout').hidden = true;
    show(main, el('h1', {}, t('account.deleteTitle')), el('p', {id: 'deleted'}, t('account.deleted', {email: me.email})));
    status(t('account.deleted', {email: me.email}), 'ok');
  }},
  hasPassword ? field(t('login.password'),
    {type: 'password', name: 'password', required: true, autocomplete: 'current-password', id: 'delete-password'})
    : el('p', {class: 'hint'}, t('account.deleteProviderHint')),
  el('button', {type: 'submit', class: 'danger'}, t('account.deleteSubmit')));

  show(main,
    el('h1', {}, me.email),
    el('section', {}, el('h2', {}, t('account.profile')), profile),
    el('section', {}, el('h2', {}, t('account.emailTitle')), el('p', {class: 'hint'}, t('account.emailHint')),
      emailForm),
    hasPassword ? el('section', {}, el('h2', {}, t('account.passwordTitle')), passwordForm) : null,
    await providersSection(providers),
    await factorsSection(me, accountView),
    await passkeysSection(accountView),
    await sessionsSection(),
    el('section', {}, el('h2', {}, t('account.deleteTitle')), el('p', {class: 'hint'}, t('account.deleteHint')),
      deleteForm));
  main.dataset.count = String(Number(main.dataset.count || 0) + 1);
}

/** The ways the user signs in, and buttons to link another provider account (after a login within minutes). */
async function providersSection(providers) {
  const section = el('section', {id: 'providers-section'}, el('h2', {}, t('account.providersTitle')),
    el('p', {}, t('account.providersHint', {providers: providers.join(', ')})));
  let settings;
  try {
    settings = await api.anonymous('GET', 'settings');
  } catch {
    return section;
  }
  const labels = settings.external_labels || {};
  const others = Object.entries(settings.external || {})
    .filter(([name, on]) => on && name !== 'email' && !providers.includes(name));
  if (!others.length) return section;
  section.append(el('p', {class: 'hint'}, t('account.linkHint')), el('div', {class: 'actions'},
    others.map(([name]) => el('button', {class: 'secondary', id: 'link-' + name, onclick: async () => {
      const r = await act(t('loading'), null, () => api.call('POST', 'user/identities',
        {provider: name, redirect_to: location.origin + location.pathname}, {credentials: 'same-origin'}));
      if (r === FAILED) return;
      sessionStorage.setItem(STARTED, '1');
      location.assign(r.url);
    }}, t('account.link', {provider: labels[name] || name})))));
  return section;
}

async function sessionsSection() {
  const section = el('section', {id: 'sessions'}, el('h2', {}, t('sessions.title')));
  let list;
  try {
    list = (await api.call('GET', 'user/sessions')).sessions;
  } catch (e) {
    section.append(el('p', {class: 'status error'}, e.message));
    return section;
  }
  const rows = list.map(s => el('tr', {}, el('td', {}, s.user_agent || '—',
    s.current ? [' ', el('span', {class: 'badge'}, t('sessions.current'))] : null),
  el('td', {}, s.ip_address || '—'), el('td', {}, s.method), el('td', {}, when(s.created_at)),
  el('td', {}, s.current ? '' : el('button', {class: 'secondary', onclick: async () => {
    const r = await act(t('loading'), null, () => api.call('DELETE', 'user/sessions/' + s.id));
    if (r !== FAILED) section.replaceWith(await sessionsSection()), status(t('sessions.ended'), 'ok');
  }}, t('sessions.endOne')))));
  section.append(el('p', {class: 'hint'}, t('sessions.hint')),
    el('div', {class: 'table', tabindex: '0'}, el('table', {},
      el('thead', {}, el('tr', {}, [t('sessions.device'), t('sessions.ip'), t('sessions.method'),
        t('sessions.started'), ''].map(h => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, rows))),
    el('p', {}, el('button', {class: 'danger', id: 'everywhere', onclick: async () => {
      const r = await act(t('loading'), null, () => api.call('DELETE', 'user/sessions'));
      if (r === FAILED) return;
      api.forget();
      loginView();
      status(t('account.everywhereDone'), 'ok');
    }}, t('account.everywhere'))));
  return section;
}

document.getElementById('logout').addEventListener('click', async () => {
  await api.logout().catch(() => api.forget());
  loginView();
  status(t('account.loggedOut'), 'ok');
});
takeProviderReturn();
const magicToken = takeMagicLink();
await loadText();
if (magicToken) magicLinkView(magicToken); else if (api.loggedIn()) accountView(); else loginView();
