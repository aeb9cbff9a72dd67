// The sample's browser page, using Netlify's own client unchanged: it talks to /.netlify/identity on this origin
// and keeps the session in the nf_jwt and nf_refresh cookies, as on Netlify.
import { getUser, handleAuthCallback, login, logout, oauthLogin, signup, updateUser } from '@netlify/identity';
import GoTrue from 'gotrue-js';

const out = document.getElementById('out');
const field = (id) => document.getElementById(id).value;

async function run(action, fn) {
  try {
    const result = await fn();
    out.textContent = JSON.stringify({ action, ok: true, result });
  } catch (e) {
    out.textContent = JSON.stringify({ action, ok: false, status: e.status, message: e.message });
  }
  out.dataset.done = action + ':' + Date.now();
}

const user = (u) => (u ? { id: u.id, email: u.email, roles: u.roles, name: u.name, userMetadata: u.userMetadata } : null);

document.getElementById('signup').onclick = () => run('signup', async () => user(await signup(field('email'), field('password'))));
document.getElementById('login').onclick = () => run('login', async () => user(await login(field('email'), field('password'))));
document.getElementById('whoami').onclick = () => run('whoami', async () => user(await getUser()));
document.getElementById('rename').onclick = () => run('rename', async () => user(await updateUser({ data: { full_name: field('name') } })));
document.getElementById('member').onclick = () => run('member', async () => {
  // a @RolesAllowed("member") JAX-RS endpoint, authenticated by the nf_jwt cookie the client set
  const r = await fetch('/api/member-area', { credentials: 'same-origin' });
  return { status: r.status, body: await r.json() };
});
document.getElementById('logout').onclick = () => run('logout', async () => { await logout(); return document.cookie; });

// gotrue-js, the older client, for what @netlify/identity lacks: an administrator's user.admin calls, which send the
// user's access token as a bearer token to /admin/users. No cookies: it keeps its session in memory only.
const gotrue = new GoTrue({ APIUrl: '/.netlify/identity', setCookie: false });
document.getElementById('adminList').onclick = () => run('adminList', async () => {
  const u = await gotrue.login(field('email'), field('password'));
  try {
    const list = await u.admin.listUsers('');
    const users = Array.isArray(list) ? list : list.users; // the server answers GoTrue's {"aud","users"}
    return { count: users.length, emails: users.map((x) => x.email) };
  } finally {
    await u.logout();
  }
});

// "Continue with ...": one button per provider the server has configured. /settings lists them in "external"
// (generic OpenID Connect providers with their label in "external_labels"); oauthLogin() sends the browser to
// /.netlify/identity/authorize, and the provider sends it back to the site with the session in the URL's fragment.
(async () => {
  const settings = await (await fetch('/.netlify/identity/settings')).json();
  const box = document.getElementById('providers');
  for (const [name, enabled] of Object.entries(settings.external)) {
    if (!enabled || name === 'email' || name === 'saml') continue;
    const b = document.createElement('button');
    b.id = 'oauth-' + name;
    b.textContent = 'Continue with ' + (settings.external_labels[name] || name[0].toUpperCase() + name.slice(1));
    b.onclick = () => oauthLogin(name);
    box.appendChild(b);
  }
  box.dataset.ready = 'true';
})();

// Back from a provider: handleAuthCallback() reads #access_token=... (and sets the cookies); a refusal arrives as
// #error=...&error_description=..., which the page shows.
(async () => {
  const hash = new URLSearchParams(window.location.hash.substring(1));
  if (hash.has('error')) {
    out.textContent = JSON.stringify({ action: 'callback', ok: false, error: hash.get('error'), message: hash.get('error_description') });
    out.dataset.done = 'callback:' + Date.now();
    history.replaceState(null, '', window.location.pathname);
  } else if (hash.has('access_token')) {
    await run('callback', async () => user((await handleAuthCallback()).user));
  }
})();
