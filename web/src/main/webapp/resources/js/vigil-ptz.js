/*
 * Vigil PTZ pad: while a direction button (or arrow key, +/-) is held, the camera moves at that
 * speed (POST api/v1/cameras/{id}/ptz "continuous"); releasing it stops the camera. The server
 * checks PTZ and the priority of whoever else is steering.
 */
(function () {
  'use strict';
  var pad = document.getElementById('ptz-pad');
  if (!pad) { return; }
  var camera = pad.dataset.camera;
  var state = document.getElementById('ptz-state');
  window.vigilPtz = { sent: 0 };

  function command(body) {
    return fetch('api/v1/cameras/' + camera + '/ptz', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      window.vigilPtz.sent++;
      if (!r.ok) {
        return r.json().then(function (e) { state.textContent = 'refused: ' + e.error; });
      }
      state.textContent = body.action === 'stop' ? 'stopped' : 'moving';
    }).catch(function (e) { state.textContent = e.message; });
  }
  function move(b) {
    command({ action: 'continuous', pan: Number(b.dataset.pan), tilt: Number(b.dataset.tilt), zoom: Number(b.dataset.zoom) });
  }
  function stop() { command({ action: 'stop' }); }

  Array.prototype.forEach.call(pad.querySelectorAll('button.ptz'), function (b) {
    b.addEventListener('mousedown', function () { move(b); });
    b.addEventListener('mouseup', stop);
    b.addEventListener('mouseleave', function (e) { if (e.buttons) { stop(); } });
  });
  var keys = { ArrowUp: 0, ArrowLeft: 1, ArrowRight: 2, ArrowDown: 3, '+': 4, '-': 5 };
  var held = null;
  document.addEventListener('keydown', function (e) {
    if (!(e.key in keys) || held === e.key) { return; }
    held = e.key;
    move(pad.querySelectorAll('button.ptz')[keys[e.key]]);
    e.preventDefault();
  });
  document.addEventListener('keyup', function (e) {
    if (e.key === held) { held = null; stop(); }
  });
})();
