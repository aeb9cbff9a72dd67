// a provider sign-in lands on the site's root with the session (or an error) in the fragment: the page that runs
// Netlify's client picks it up
if (/^#(access_token|error)=/.test(location.hash)) location.replace('client.html' + location.hash);
document.querySelectorAll('#f button').forEach(b => b.addEventListener('click', async e => {
  e.preventDefault();
  const f = new FormData(document.getElementById('f'));
  const r = await fetch('/api/' + b.dataset.action, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({email: f.get('email'), password: f.get('password')}), redirect: 'follow'});
  if (r.redirected) { location = r.url; return; }
  document.getElementById('out').textContent = await r.text();
}));
