// What the widget reports, shown on the page (and read by the browser tests): each event with the user it names.
const out = document.getElementById('out');
const status = document.getElementById('status');
let count = 0;
function show(event, user, error) {
  const roles = user && user.app_metadata ? user.app_metadata.roles || [] : [];
  out.textContent = JSON.stringify({event, email: user ? user.email : null, roles, error: error || null}, null, 2);
  out.dataset.done = event + ':' + (++count);
  status.textContent = user ? 'Logged in as ' + user.email : 'Not logged in';
}
if (window.netlifyIdentity) {
  netlifyIdentity.on('init', user => show('init', user));
  netlifyIdentity.on('login', user => show('login', user));
  netlifyIdentity.on('logout', () => show('logout', null));
  netlifyIdentity.on('error', e => show('error', netlifyIdentity.currentUser(), String(e && e.message || e)));
} else {
  status.textContent = 'The widget was not bundled: build the sample where npm is installed.';
}
