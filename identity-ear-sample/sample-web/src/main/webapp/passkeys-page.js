// The sample's passwordless page: a mailed code signs up or in (POST /otp, POST /verify), then nf-identity's passkey
// module registers a passkey and signs in with it. The access token lives in this module's memory only; the sign-ins
// also ask for the nf_jwt cookie (X-Use-Cookie), with which the member area's @RolesAllowed resource lets the page in.
import {list, register, signIn} from './.netlify/identity/ui/passkeys.js';

const API = './.netlify/identity/';
const out = document.getElementById('out');
const field = id => document.getElementById(id).value;
let accessToken = null;

async function call(path, body, headers = {}) {
  const response = await fetch(API + path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...headers},
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const result = text ? JSON.parse(text) : null;
  if (!response.ok) throw Object.assign(new Error(result && result.msg), {status: response.status, code: result && result.error_code});
  return result;
}

const claims = token => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));

async function run(action, fn) {
  try {
    const result = await fn();
    out.textContent = JSON.stringify({action, ok: true, result});
  } catch (e) {
    out.textContent = JSON.stringify({action, ok: false, status: e.status, code: e.code, message: e.message});
  }
  out.dataset.done = action + ':' + Date.now();
}

document.getElementById('send').onclick = () => run('send', () => call('otp', {email: field('email')}));

document.getElementById('verify').onclick = () => run('verify', async () => {
  const session = await call('verify', {type: 'email', email: field('email'), token: field('code')}, {'X-Use-Cookie': '1'});
  accessToken = session.access_token;
  return {email: session.user.email, amr: claims(accessToken).amr};
});

document.getElementById('register').onclick = () => run('register', () => register(accessToken, field('name')));

document.getElementById('list').onclick = () => run('list', async () => ({passkeys: await list(accessToken)}));

document.getElementById('logout').onclick = () => run('logout', async () => {
  const response = await fetch(API + 'logout', {method: 'POST', headers: {Authorization: 'Bearer ' + accessToken, 'X-Use-Cookie': '1'}});
  accessToken = null;
  return {status: response.status};
});

document.getElementById('signin').onclick = () => run('signin', async () => {
  const session = await signIn({useCookie: true});
  accessToken = session.access_token;
  const c = claims(accessToken);
  return {email: session.user.email, aal: c.aal, amr: c.amr};
});

document.getElementById('member').onclick = () => run('member', async () => {
  const response = await fetch('api/member-area', {credentials: 'same-origin'});
  return {status: response.status, body: await response.text()};
});
