// The time-out warning (progressive enhancement: without this script the page works as
// before, and a form posted after the time-out is kept on the server).
// Shows the warning PORTAL_SESSION_WARNING_SECONDS before the idle time-out; asks the server
// (without counting as activity) in case another tab kept the session alive; "Stay signed in"
// posts in the background and hides the warning.
(function () {
  'use strict';
  var box = document.getElementById('session-warning');
  if (!box || !window.fetch || !window.FormData) { return; }
  var warnMs = Number(box.getAttribute('data-warn')) * 1000;
  var statusUrl = box.getAttribute('data-status');
  var text = document.getElementById('session-warning-text');
  var form = box.querySelector('form');
  var timer = null;

  function show(ended) {
    if (ended) {
      text.textContent = text.getAttribute('data-ended');
      form.hidden = true;
    }
    if (box.hidden) {
      text.setAttribute('role', 'alert'); // announced when it appears, not while hidden
      box.hidden = false;
      var button = form.querySelector('button');
      if (!ended && button) { button.focus(); }
    }
  }

  function schedule(secondsLeft) {
    window.clearTimeout(timer);
    var leftMs = secondsLeft * 1000;
    if (leftMs <= 0) { show(true); return; }
    if (leftMs > warnMs) {
      box.hidden = true;
      text.removeAttribute('role');
      timer = window.setTimeout(check, leftMs - warnMs);
    } else {
      show(false);
      timer = window.setTimeout(check, Math.min(leftMs + 500, 15000));
    }
  }

  function check() {
    fetch(statusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        return response.ok && type.indexOf('json') !== -1 ? response.json() : { seconds_left: 0 };
      })
      .then(function (data) { schedule(Number(data.seconds_left) || 0); })
      .catch(function () { timer = window.setTimeout(check, 15000); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    })
      .then(function (response) { return response.ok ? response.json() : { seconds_left: 0 }; })
      .then(function (data) { schedule(Number(data.seconds_left) || 0); })
      .catch(function () { form.submit(); });
  });

  schedule(Number(box.getAttribute('data-left')));
}());
