/*
 * Alarm toasts on every console page but the alarm list (which shows alarms itself): each new
 * alarm the user may see (the server decides what it pushes) appears as a toast with its camera,
 * what happened and when, a tone when the server asks for one, and one click to watch the camera
 * live, to play back the moment, or to the alarm list. A toast stays until dismissed or until
 * someone acknowledges or closes the alarm; the newest five are kept.
 */
(function () {
  'use strict';
  var box = document.getElementById('alarm-toasts');
  if (!box || document.getElementById('alarm-list')) { return; }
  var MOST = 5;
  var toasts = {};
  window.vigilToasts = { connected: false, shown: 0 };

  function link(parent, text, href, className) {
    var a = document.createElement('a');
    a.textContent = text; a.href = href; a.className = className;
    parent.appendChild(a);
  }

  function drop(id) {
    if (toasts[id]) { toasts[id].remove(); delete toasts[id]; }
  }

  function show(alarm) {
    var toast = document.createElement('div');
    toast.className = 'toast priority-' + alarm.priority;
    toast.dataset.alarm = alarm.id;
    toast.dataset.camera = alarm.cameraId;
    var title = document.createElement('strong');
    title.textContent = window.vigilText(alarm.escalatedAt ? 'toast.escalated' : 'toast.alarm', alarm.priority, alarm.cameraName);
    toast.appendChild(title);
    var what = document.createElement('div');
    what.className = 'what';
    what.textContent = window.vigilText('toast.what', alarm.eventType, window.vigilTime(alarm.eventAt, true), alarm.rule);
    toast.appendChild(what);
    var actions = document.createElement('div');
    link(actions, window.vigilText('toast.watch'), 'camera.xhtml?id=' + alarm.cameraId, 'watch');
    link(actions, window.vigilText('toast.playBack'), 'playback.xhtml?camera=' + alarm.cameraId + '&at='
      + new Date(Date.parse(alarm.eventAt) - 5000).toISOString(), 'jump');
    link(actions, window.vigilText('toast.list'), 'alarms.xhtml', 'list');
    window.vigil.button(actions, window.vigilText('toast.dismiss'), 'dismiss', function () { drop(alarm.id); });
    toast.appendChild(actions);
    box.insertBefore(toast, box.firstChild);
    toasts[alarm.id] = toast;
    var ids = Object.keys(toasts);
    if (ids.length > MOST) {
      ids.sort(function (a, b) { return Number(a) - Number(b); }).slice(0, ids.length - MOST).forEach(drop);
    }
    window.vigilToasts.shown++;
  }

  window.vigil.followAlarms(function (data) {
    var alarm = data.alarm;
    if (alarm.state !== 'NEW') {
      drop(alarm.id); // handled by someone
    } else if (!toasts[alarm.id]) { // raised, or escalated while not shown here
      show(alarm);
      if (data.sound) { window.vigil.tone(alarm.priority); }
    }
  }, function (state) {
    window.vigilToasts.connected = state === 'live';
  });
})();
