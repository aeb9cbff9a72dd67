// Users: the list with search and paging, creating and inviting, and one user's page.
import {api} from '../ui/api.js';
import {act, el, field, FAILED, show, status, t, when} from '../ui/dom.js';
import {auditSection} from './audit.js';
import {go, heading, nextCursor, PER_PAGE, rolesOf, splitRoles, table, userStatus} from './common.js';

const main = document.getElementById('main');

// ------------------------------------------------------------------------------------------------------ users

export async function usersView(params) {
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

export async function userView(id) {
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
    factorsSection(path, user.factors || []),
    await sessionsSection(path),
    await auditSection({user: id}, t('audit.about')));
}

/** The user's second factors, each removable (a lost authenticator); the user is mailed and their level drops. */
function factorsSection(path, factors) {
  return el('section', {id: 'user-factors'}, el('h2', {}, t('factors.title')),
    table([t('factors.name'), t('factors.status'), t('factors.addedOn'), ''], factors.map(f => [
      f.friendly_name || t('factors.unnamed'),
      t(f.status === 'verified' ? 'factors.verified' : 'factors.unverified'), when(f.created_at),
      el('button', {class: 'secondary', 'data-factor': f.id, onclick: async () => {
        const r = await act(t('loading'), null, () => api.call('DELETE', path + '/factors/' + f.id));
        if (r !== FAILED) { await userView(path.split('/').pop()); status(t('factors.removedByAdmin'), 'ok'); }
      }}, t('factors.remove'))]), t('factors.noneAdmin')));
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
