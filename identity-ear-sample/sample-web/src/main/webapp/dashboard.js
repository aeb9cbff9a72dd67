document.getElementById('logout').addEventListener('click', () =>
  fetch('/api/logout', {method: 'POST'}).then(() => { location = '/'; }));
