// On localhost the widget cannot guess the site's address and asks for it ("Development Settings"); the sample
// answers with its own origin, as a developer would type it. On any other host the widget finds /.netlify/identity
// by itself and this does nothing.
if (['localhost', '127.0.0.1', '0.0.0.0'].includes(location.hostname) && !localStorage.getItem('netlifySiteURL')) {
  localStorage.setItem('netlifySiteURL', location.origin);
}
