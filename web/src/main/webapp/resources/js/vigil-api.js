/*
 * The console's one way to call the REST API: JSON in and out, the session cookie, and the
 * server's refusal text as the error message ("HTTP 403" when it gave none), the refusal's
 * whole body as the error's data (e.g. the certificate fingerprint a camera presented) and its
 * HTTP status as the error's status (none when the server was not reached).
 */
window.vigil = window.vigil || {};
window.vigil.call = function (method, path, body) {
  'use strict';
  return fetch('api/v1/' + path, {
    method: method, credentials: 'same-origin',
    headers: body !== undefined && body !== null ? { 'Content-Type': 'application/json', 'Accept': 'application/json' } : { 'Accept': 'application/json' },
    body: body !== undefined && body !== null ? JSON.stringify(body) : undefined
  }).then(function (r) {
    return r.text().then(function (text) {
      var data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
      if (!r.ok) {
        var error = new Error((data && data.error) || ('HTTP ' + r.status));
        error.data = data;
        error.status = r.status;
        throw error;
      }
      return data;
    });
  });
};
window.vigil.button = function (parent, text, className, action) {
  'use strict';
  var b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = className;
  b.addEventListener('click', action);
  parent.appendChild(b);
  return b;
};
/*
 * Follows the alarm socket (ticket from api/v1/alarms/ticket, bound to this session): onAlarm(message)
 * for each push ({alarm, sound}), onState('live' | 'reconnecting'); reconnects after a drop.
 */
window.vigil.followAlarms = function (onAlarm, onState) {
  'use strict';
  function again(delay) { setTimeout(function () { window.vigil.followAlarms(onAlarm, onState); }, delay); }
  window.vigil.call('GET', 'alarms/ticket').then(function (t) {
    var socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
      + location.pathname.replace(/[^/]*$/, '') + t.url);
    socket.onopen = function () { onState('live'); };
    socket.onmessage = function (m) { onAlarm(JSON.parse(m.data)); };
    socket.onclose = function () { onState('reconnecting'); again(2000); };
  }).catch(function () { onState('reconnecting'); again(5000); });
};
/* A short tone for an alarm, higher for a higher priority (nothing where the browser has no audio). */
window.vigil.tone = function (priority) {
  'use strict';
  try {
    var audio = new (window.AudioContext || window.webkitAudioContext)();
    var osc = audio.createOscillator();
    osc.frequency.value = 660 + 110 * priority;
    osc.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch (e) { /* no audio device: the alarm still shows */ }
};
