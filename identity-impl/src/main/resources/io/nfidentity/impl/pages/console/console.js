// The admin console: every action is one call of the admin API, with the administrator's token held in memory
// (ui/api.js). Views follow the fragment (#/users, #/users/<id>, #/audit, #/keys, #/transfer), so the back button
// and a reload land where they were (after the password, on a reload).
import {api} from '../ui/api.js';
import {act, el, field, FAILED, loadText, show, status, t, when} from '../ui/dom.js';

const main = document.getElementById('main');
const PER_PAGE = 25;
const ACTIONS = ['user_signedup', 'user_invited', 'invite_accepted', 'identity_linked', 'user_confirmed', 'login',
  'login_failed', 'logout', 'token_refreshed', 'token_revoked', 'user_recovery_requested', 'password_changed',
  'email_change_requested', 'email_changed', 'roles_changed', 'user_modified', 'user_suspended', 'user_restored',
  'users_imported', 'users_exported', 'user_deleted', 'rate_limited', 'signing_key_added', 'signing_key_promoted',
  'signing_key_retired'];

/** Where the page is: the view and its query, from the fragment. */
function where() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  return {parts: path.split('/').filter(Boolean), params: new URLSearchParams(query || '')};
}

/** Shows another view and records it in the history (the back button comes back here); done once it is shown. */
async function go(hash) {
  if (location.hash !== hash) history.pushState(null, '', hash);
  await route();
}

function heading(text) {
  return el('h1', {}, text);
}

function rolesOf(user) {
  return (user.app_metadata && user.app_metadata.roles) || [];
}

function userStatus(user) {
  if (user.banned_until && new Date(user.banned_until) > new Date()) {
    return el('span', {class: 'badge warn'}, t('status.suspended', {until: when(user.banned_until)}));
  }
  if (user.confirmed_at) return el('span', {class: 'badge'}, t('status.confirmed'));
  return el('span', {class: 'badge'}, user.invited_at ? t('status.invited') : t('status.unconfirmed'));
}

function splitRoles(text) {
  return text.split(',').map(r => r.trim()).filter(Boolean);
}

/** The value of {@code cursor} in the "next" link of a Link header, or null. */
function nextCursor(response) {
  const link = response.headers.get('Link') || '';
  const next = link.split(',').find(part => /rel="next"/.test(part));
  if (!next) return null;
  const url = next.match(/<([^>]+)>/);
  return url ? new URL(url[1], location.href).searchParams.get('cursor') : null;
}

function table(headers, rows, empty) {
  if (!rows.length) return el('p', {class: 'hint'}, empty);
  // focusable, so a keyboard can scroll it sideways on a narrow screen
  return el('div', {class: 'table', tabindex: '0'},
    el('table', {},
      el('thead', {}, el('tr', {}, headers.map(h => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c)))))));
}

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

// ------------------------------------------------------------------------------------------------------ users

async function usersView(params) {
  const q = params.get('q') || '';
  const cursor = params.get('cursor') || '';
  const search = el('input', {type: 'search', name: 'q', value: q, id: 'search'});
  const searchForm = el('form', {class: 'inline', role: 'search', onsubmit: e => {
    e.preventDefault();
    go('#/users' + (search.value.trim() ? '?q=' + encodeURIComponent(search.value.trim()) : ''));
  }}, el('label', {for: 'search'}, el('span', {}, t('users.search')), search),
  el('button', {type: 'submit'}, t('users.searchButton')));

  const result = await act(t('loading'), '', () => api.call('GET',
    'admin/users?per_page=' + PER_PAGE + '&cursor=' + encodeURIComponent(cursor)
      + (q ? '&filter=' + encodeURIComponent(q) : ''), null, {response: true}));
  if (result === FAILED) return;
  const next = nextCursor(result.response);
  const rows = result.body.users.map(u => [
    el('a', {href: '#/users/' + u.id}, u.email),
    (u.user_metadata && u.user_metadata.full_name) || '',
    rolesOf(u).join(', '),
    userStatus(u),
    when(u.created_at),
  ]);
  const base = '#/users?' + (q ? 'q=' + encodeURIComponent(q) + '&' : '');
  show(main,
    heading(t('users.title')),
    el('section', {}, searchForm,
      table([t('users.email'), t('users.name'), t('users.roles'), t('users.status'), t('users.created')],
        rows, t('users.none')),
      el('p', {class: 'pager'},
        cursor ? el('a', {href: base.replace(/[?&]$/, '')}, t('users.first')) : null,
        next ? el('a', {href: base + 'cursor=' + encodeURIComponent(next), id: 'next'}, t('users.next')) : null)),
    createForm(), inviteForm());
}

function createForm() {
  const form = el('form', {id: 'create', onsubmit: async e => {
    e.preventDefault();
    const data = new FormData(form);
    const user = await act(t('create.working'), null, () => api.call('POST', 'admin/users', {
      email: data.get('email'),
      password: data.get('password'),
      confirm: data.get('confirm') === 'on',
      app_metadata: {roles: splitRoles(data.get('roles') || '')},
    }));
    if (user === FAILED) return;
    await go('#/users/' + user.id);
    status(t('create.done', {email: user.email}), 'ok');
  }},
  field(t('login.email'), {type: 'email', name: 'email', required: true, autocomplete: 'off'}),
  field(t('create.password'), {type: 'password', name: 'password', required: true, autocomplete: 'new-password'}),
  field(t('create.roles'), {name: 'roles', autocomplete: 'off'}),
  el('label', {class: 'check'}, el('input', {type: 'checkbox', name: 'confirm', checked: true}),
    el('span', {}, t('create.confirmed'))),
  el('button', {type: 'submit'}, t('create.submit')));
  return el('section', {}, el('h2', {}, t('create.title')), el('p', {class: 'hint'}, t('create.hint')), form);
}

function inviteForm() {
  const form = el('form', {class: 'inline', id: 'invite', onsubmit: async e => {
    e.preventDefault();
    const email = new FormData(form).get('email');
    const user = await act(t('invite.working'), t('invite.done', {email}), () =>
      api.call('POST', 'invite', {email}));
    if (user !== FAILED) form.reset();
  }}, field(t('login.email'), {type: 'email', name: 'email', required: true, autocomplete: 'off'}),
  el('button', {type: 'submit'}, t('invite.submit')));
  return el('section', {}, el('h2', {}, t('invite.title')), el('p', {class: 'hint'}, t('invite.hint')), form);
}

// ------------------------------------------------------------------------------------------------------ one user

async function userView(id) {
  const user = await act(t('loading'), '', () => api.call('GET', 'admin/users/' + encodeURIComponent(id)));
  if (user === FAILED) return;
  const path = 'admin/users/' + encodeURIComponent(id);
  // the change, then the page again from the server, then the outcome (so what is shown is what is stored)
  const update = async (body, message) => {
    const r = await act(t('loading'), null, () => api.call('PUT', path, body));
    if (r === FAILED) return;
    await userView(id);
    status(message, 'ok');
  };

  const app = user.app_metadata || {};
  const providers = (app.providers || [app.provider]).filter(Boolean);
  const facts = el('dl', {class: 'facts'},
    el('dt', {}, t('users.email')), el('dd', {id: 'user-email'}, user.email),
    el('dt', {}, t('users.name')), el('dd', {id: 'user-name'}, (user.user_metadata || {}).full_name || '—'),
    el('dt', {}, t('user.id')), el('dd', {}, el('code', {}, user.id)),
    el('dt', {}, t('users.status')), el('dd', {id: 'user-status'}, userStatus(user)),
    el('dt', {}, t('users.created')), el('dd', {}, when(user.created_at)),
    el('dt', {}, t('user.lastSignIn')), el('dd', {}, when(user.last_sign_in_at)),
    el('dt', {}, t('user.providers')), el('dd', {}, providers.join(', ') || '—'));

  const roles = el('input', {id: 'roles', value: rolesOf(user).join(', ')});
  const rolesForm = el('form', {class: 'inline', onsubmit: e => {
    e.preventDefault();
    update({app_metadata: {roles: splitRoles(roles.value)}}, t('saved'));
  }}, el('label', {for: 'roles'}, el('span', {}, t('user.rolesTitle')), roles),
  el('button', {type: 'submit'}, t('user.rolesSave')));

  const userMeta = el('textarea', {id: 'user-metadata', spellcheck: 'false'},
    JSON.stringify(user.user_metadata || {}, null, 2));
  const appMeta = el('textarea', {id: 'app-metadata', spellcheck: 'false'},
    JSON.stringify(user.app_metadata || {}, null, 2));
  const metaForm = el('form', {onsubmit: e => {
    e.preventDefault();
    const parsed = {};
    for (const [name, area, old] of [['user_metadata', userMeta, user.user_metadata],
      ['app_metadata', appMeta, user.app_metadata]]) {
      try {
        const value = JSON.parse(area.value);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('{ … }');
        // the API merges: a key left out is deleted by sending it as null
        for (const key of Object.keys(old || {})) if (!(key in value)) value[key] = null;
        parsed[name] = value;
      } catch (err) {
        area.setAttribute('aria-invalid', 'true');
        status(t('user.metadataInvalid', {field: name, error: err.message}), 'error');
        return;
      }
    }
    update(parsed, t('saved'));
  }},
  el('label', {for: 'user-metadata'}, el('span', {}, 'user_metadata'), userMeta),
  el('label', {for: 'app-metadata'}, el('span', {}, 'app_metadata'), appMeta),
  el('button', {type: 'submit'}, t('user.metadataSave')));

  const suspended = user.banned_until && new Date(user.banned_until) > new Date();
  const duration = el('select', {id: 'ban-duration'},
    ['1h', '24h', '168h', '720h'].map(d => el('option', {value: d}, t('duration.' + d))));
  const confirmBox = el('div', {id: 'delete-confirm', hidden: true},
    el('p', {class: 'status error'}, t('user.deleteConfirm', {email: user.email})),
    el('div', {class: 'actions'},
      el('button', {class: 'danger', id: 'delete-yes', onclick: async () => {
        const r = await act(t('loading'), null, () => api.call('DELETE', path));
        if (r === FAILED) return;
        await go('#/users');
        status(t('user.deleted', {email: user.email}), 'ok');
      }}, t('user.deleteYes')),
      el('button', {class: 'secondary', onclick: () => { confirmBox.hidden = true; }}, t('user.cancel'))));
  const actions = el('div', {class: 'actions'},
    user.confirmed_at ? null : el('button', {id: 'confirm', onclick: () =>
      update({confirm: true}, t('user.confirmed'))}, t('user.confirm')),
    el('button', {class: 'secondary', id: 'reset', onclick: () => act(t('loading'),
      t('user.resetDone', {email: user.email}), () => api.anonymous('POST', 'recover', {email: user.email}))},
    t('user.reset')),
    suspended
      ? el('button', {id: 'restore', onclick: () => update({ban_duration: 'none'}, t('user.restored'))},
        t('user.restore'))
      : [el('label', {for: 'ban-duration'}, el('span', {}, t('user.suspendFor')), duration),
        el('button', {id: 'suspend', onclick: () => update({ban_duration: duration.value}, t('user.suspended'))},
          t('user.suspend'))],
    el('button', {class: 'danger', id: 'delete', onclick: () => { confirmBox.hidden = false; }}, t('user.delete')));

  show(main,
    el('p', {}, el('a', {href: '#/users'}, '← ' + t('user.back'))),
    heading(user.email),
    el('section', {}, facts),
    el('section', {}, el('h2', {}, t('user.actionsTitle')), actions, confirmBox),
    el('section', {}, el('h2', {}, t('user.rolesTitle')), el('p', {class: 'hint'}, t('user.rolesHint')), rolesForm),
    el('section', {}, el('h2', {}, t('user.metadataTitle')), el('p', {class: 'hint'}, t('user.metadataHint')),
      metaForm),
    await sessionsSection(path),
    await auditSection({user: id}, t('audit.about')));
}

async function sessionsSection(path) {
  const section = el('section', {id: 'sessions'}, el('h2', {}, t('sessions.title')));
  let list;
  try {
    list = (await api.call('GET', path + '/sessions')).sessions;
  } catch (e) {
    section.append(el('p', {class: 'status error'}, e.message));
    return section;
  }
  const refresh = async message => {
    section.replaceWith(await sessionsSection(path));
    status(message, 'ok');
  };
  section.append(el('p', {class: 'hint'}, t('sessions.hint')),
    table([t('sessions.device'), t('sessions.ip'), t('sessions.method'), t('sessions.started'),
      t('sessions.refreshed'), ''], list.map(s => [s.user_agent || '—', s.ip_address || '—', s.method,
      when(s.created_at), when(s.refreshed_at),
      el('button', {class: 'secondary', onclick: async () => {
        const r = await act(t('loading'), null, () => api.call('DELETE', path + '/sessions/' + s.id));
        if (r !== FAILED) refresh(t('sessions.ended'));
      }}, t('sessions.end'))]), t('sessions.none')),
    list.length ? el('p', {}, el('button', {class: 'danger', id: 'end-all', onclick: async () => {
      const r = await act(t('loading'), null, () => api.call('DELETE', path + '/sessions'));
      if (r !== FAILED) refresh(t('sessions.allEnded'));
    }}, t('sessions.endAll'))) : null);
  return section;
}

// ------------------------------------------------------------------------------------------------------ audit

function auditRows(entries) {
  return entries.map(e => {
    const p = e.payload || {};
    const traits = Object.keys(p.traits || {}).length ? el('code', {}, JSON.stringify(p.traits)) : '';
    return [when(e.created_at), el('code', {}, p.action || ''), p.actor_username || '—', traits];
  });
}

async function auditSection(filters, title) {
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

async function auditView(params) {
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

// ------------------------------------------------------------------------------------------------------ keys

async function keysView() {
  const body = await act(t('loading'), '', () => api.call('GET', 'admin/keys'));
  if (body === FAILED) return;
  const keys = body.keys || [];
  const run = (path, message) => async () => {
    const r = await act(t('loading'), null, () => api.call('POST', path));
    if (r === FAILED) return;
    await keysView();
    status(message, 'ok');
  };
  const rows = keys.map(k => [el('code', {}, k.kid), k.algorithm, el('span', {class: 'badge'}, k.state),
    when(k.created_at),
    el('div', {class: 'actions'},
      k.state === 'next' ? el('button', {onclick: run('admin/keys/' + encodeURIComponent(k.kid) + '/promote',
        t('keys.promoted', {kid: k.kid}))}, t('keys.promote')) : null,
      k.state === 'previous' ? el('button', {class: 'secondary', onclick: run(
        'admin/keys/' + encodeURIComponent(k.kid) + '/retire', t('keys.retired', {kid: k.kid}))}, t('keys.retire'))
        : null)]);
  show(main, heading(t('keys.title')), el('p', {class: 'hint'}, t('keys.hint')),
    el('section', {}, table([t('keys.kid'), t('keys.algorithm'), t('keys.state'), t('keys.created'), ''], rows,
      t('keys.none')),
    el('p', {}, el('button', {id: 'add-key', onclick: run('admin/keys', t('keys.added'))}, t('keys.add')))));
}

// ------------------------------------------------------------------------------------------------------ transfer

function transferView() {
  const hashes = el('input', {type: 'checkbox', id: 'hashes'});
  const download = el('p', {id: 'download'});
  const exportButton = el('button', {id: 'export', onclick: async () => {
    const blob = await act(t('loading'), null, () => api.call('GET',
      'admin/users/export' + (hashes.checked ? '?password_hashes=true' : ''), null, {blob: true}));
    if (blob === FAILED) return;
    const count = (await blob.text()).split('\n').filter(Boolean).length;
    show(download, el('a', {href: URL.createObjectURL(blob), download: 'users.jsonl', id: 'download-link'},
      t('transfer.download')));
    status(t('transfer.exported', {count}), 'ok');
  }}, t('transfer.export'));
  const file = el('input', {type: 'file', id: 'import-file', accept: '.jsonl,.ndjson,.json,application/x-ndjson'});
  const report = el('div', {id: 'import-report'});
  const importForm = el('form', {onsubmit: async e => {
    e.preventDefault();
    if (!file.files.length) { status(t('transfer.noFile'), 'error'); return; }
    const text = await file.files[0].text();
    const r = await act(t('loading'), null, () => api.call('POST', 'admin/users/import', text,
      {raw: true, type: 'application/x-ndjson'}));
    if (r === FAILED) return;
    status(t('transfer.imported', {imported: r.imported, refused: r.refused_total}), r.refused_total ? 'error' : 'ok');
    show(report, table([t('transfer.line'), t('transfer.reason')], (r.refused || []).map(x => [x.line, x.reason]),
      ''));
  }}, el('label', {for: 'import-file'}, el('span', {}, t('transfer.file')), file),
  el('button', {type: 'submit'}, t('transfer.import')));
  show(main, heading(t('nav.transfer')),
    el('section', {}, el('h2', {}, t('transfer.exportTitle')), el('p', {class: 'hint'}, t('transfer.exportHint')),
      el('label', {class: 'check', for: 'hashes'}, hashes, el('span', {}, t('transfer.hashes'))), exportButton,
      download),
    el('section', {}, el('h2', {}, t('transfer.importTitle')), el('p', {class: 'hint'}, t('transfer.importHint')),
      importForm, report));
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
  else await usersView(params);
  main.dataset.view = parts.join('/') || 'users';
  main.dataset.count = String(Number(main.dataset.count || 0) + 1);
}

document.getElementById('logout').addEventListener('click', async () => {
  await api.logout().catch(() => api.forget());
  status(t('account.loggedOut'), 'ok');
  route();
});
window.addEventListener('hashchange', route);
await loadText();
route();
