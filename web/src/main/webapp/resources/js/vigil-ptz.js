/*
 * Vigil PTZ pad: while a direction button (or arrow key, +/-) is held, the camera moves at that
 * speed (POST api/v1/cameras/{id}/ptz "continuous"); releasing it stops the camera. The server
 * checks PTZ and the priority of whoever else is steering. Presets: the camera's own list, a click
 * goes there, "Save preset" stores the current position under a name.
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
        return r.json().then(function (e) { state.textContent = window.vigilText('refused', e.error); });
      }
      state.textContent = body.action === 'stop' ? window.vigilText('ptz.stopped') : window.vigilText('ptz.moving');
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
    if (e.target.tagName === 'INPUT' || !(e.key in keys) || held === e.key) { return; }
    held = e.key;
    move(pad.querySelectorAll('button.ptz')[keys[e.key]]);
    e.preventDefault();
  });
  document.addEventListener('keyup', function (e) {
    if (e.key === held) { held = null; stop(); }
  });

  var list = document.getElementById('ptz-presets');
  function presets() {
    window.vigil.call('GET', 'cameras/' + camera + '/ptz/presets').then(function (all) {
      list.innerHTML = '';
      all.forEach(function (p) {
        window.vigil.button(list, p.name, 'preset', function () { command({ action: 'preset', preset: p.token }); })
          .dataset.token = p.token;
      });
    }).catch(function (e) { state.textContent = window.vigilText('ptz.presetsFailed', e.message); });
  }
  document.getElementById('preset-form').addEventListener('submit', function (e) {
    e.preventDefault();
    window.vigil.call('POST', 'cameras/' + camera + '/ptz/presets', { name: document.getElementById('preset-name').value })
      .then(function (p) { state.textContent = window.vigilText('ptz.presetSaved', p.name); document.getElementById('preset-name').value = ''; presets(); })
      .catch(function (err) { state.textContent = window.vigilText('refused', err.message); });
  });
  presets();
})();
