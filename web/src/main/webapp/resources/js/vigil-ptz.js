/*
 * Vigil PTZ pads: while a direction button of a pad is held, its camera moves at that speed
 * (POST api/v1/cameras/{id}/ptz "continuous"); releasing it stops the camera. The server checks
 * PTZ and the priority of whoever else is steering. Every element with class ptz-pad and a
 * data-camera is a pad: the camera page's (which also takes the arrow keys and +/-; its presets
 * are the page's Faces form) and one on each live tile whose camera the user may steer.
 */
(function () {
  'use strict';
  window.vigilPtz = { sent: 0 };

  /** Wires a pad's buttons; returns its move and stop for the keyboard. */
  function attach(pad) {
    var camera = pad.dataset.camera;
    var state = pad.querySelector('.ptz-state');
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
    return { camera: camera, state: state, command: command, move: move, stop: stop };
  }

  document.querySelectorAll('.ptz-pad[data-camera]').forEach(function (pad) {
    var controls = attach(pad);
    if (pad.id === 'ptz-pad') { cameraPage(pad, controls); }
  });

  function cameraPage(pad, controls) {
    var keys = { ArrowUp: 0, ArrowLeft: 1, ArrowRight: 2, ArrowDown: 3, '+': 4, '-': 5 };
    var held = null;
    document.addEventListener('keydown', function (e) {
      if (e.target.tagName === 'INPUT' || !(e.key in keys) || held === e.key) { return; }
      held = e.key;
      controls.move(pad.querySelectorAll('button.ptz')[keys[e.key]]);
      e.preventDefault();
    });
    document.addEventListener('keyup', function (e) {
      if (e.key === held) { held = null; controls.stop(); }
    });
  }
})();
