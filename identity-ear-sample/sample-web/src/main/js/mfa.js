// Supabase's own browser client (@supabase/auth-js, unchanged) against nf-identity's second-factor API, for mfa.html
// and the browser test that drives it. The client is pointed at /.netlify/identity on this origin: its password login
// and refresh post JSON to /token, which nf-identity reads as Supabase's server does.
import { AuthClient } from '@supabase/auth-js';

const auth = new AuthClient({
  url: location.origin + '/.netlify/identity',
  storageKey: 'nf-identity-mfa-demo',
  autoRefreshToken: false,
  persistSession: true,
  detectSessionInUrl: false,
});

const out = document.getElementById('out');
const field = (id) => document.getElementById(id).value;
const unwrap = ({ data, error }) => {
  if (error) {
    throw Object.assign(new Error(error.message), { status: error.status, code: error.code });
  }
  return data;
};

async function run(action, fn) {
  try {
    const result = await fn();
    out.textContent = JSON.stringify({ action, ok: true, result });
  } catch (e) {
    out.textContent = JSON.stringify({ action, ok: false, status: e.status, code: e.code, message: e.message });
  }
  out.dataset.done = action + ':' + Date.now();
}

const aal = (session) => JSON.parse(atob(session.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).aal;

document.getElementById('login').onclick = () => run('login', async () => {
  const data = unwrap(await auth.signInWithPassword({ email: field('email'), password: field('password') }));
  return { email: data.user.email, aal: aal(data.session) };
});

document.getElementById('refresh').onclick = () => run('refresh', async () => {
  const data = unwrap(await auth.refreshSession());
  return { aal: aal(data.session) };
});

document.getElementById('enroll').onclick = () => run('enroll', async () => {
  const data = unwrap(await auth.mfa.enroll({ factorType: 'totp', friendlyName: field('name') }));
  document.getElementById('qr').src = data.totp.qr_code;
  return { id: data.id, secret: data.totp.secret, uri: data.totp.uri, qr: data.totp.qr_code.slice(0, 40) };
});

document.getElementById('verify').onclick = () => run('verify', async () => {
  const challenge = unwrap(await auth.mfa.challenge({ factorId: field('factor') }));
  const data = unwrap(await auth.mfa.verify({ factorId: field('factor'), challengeId: challenge.id, code: field('code') }));
  return { aal: aal(data) };
});

document.getElementById('level').onclick = () => run('level', async () => unwrap(await auth.mfa.getAuthenticatorAssuranceLevel()));

document.getElementById('factors').onclick = () => run('factors', async () => {
  const data = unwrap(await auth.mfa.listFactors());
  return { all: data.all.length, totp: data.totp.map((f) => ({ id: f.id, status: f.status, name: f.friendly_name })) };
});

document.getElementById('unenroll').onclick = () => run('unenroll', async () => unwrap(await auth.mfa.unenroll({ factorId: field('factor') })));

document.getElementById('area').onclick = () => run('area', async () => {
  // the sample's @RequiresFactor resource, with the session auth-js holds
  const { data } = await auth.getSession();
  const r = await fetch('/api/factor-area', { headers: { Authorization: 'Bearer ' + data.session.access_token } });
  return { status: r.status, body: await r.json() };
});
