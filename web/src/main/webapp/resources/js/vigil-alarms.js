/*
 * Vigil alarm list: loads the open alarms the user may see (GET api/v1/alarms), then follows
 * them live over the alarm socket (vigil.followAlarms): new alarms are
 * added at the top with a tone, changes update their row. Acknowledge and close ask the server,
 * which decides. Reconnects after a drop.
 */
(function () {
  'use strict';
  var body = document.getElementById('alarms');
  if (!body) { return; }
  var link = document.getElementById('alarm-link-state');
  var rows = {};
  window.vigilAlarms = { received: 0, connected: false };

  var call = window.vigil.call;

  function tone(priority) {
    if (document.getElementById('alarm-sound').checked) { window.vigil.tone(priority); }
  }

  function td(row, text) { var c = document.createElement('td'); c.textContent = text; row.appendChild(c); return c; }
  function time(iso) { return window.vigilTime(iso); }

  function show(alarm) {
    var row = rows[alarm.id];
    if (alarm.state === 'CLOSED') {
      if (row) { row.remove(); delete rows[alarm.id]; }
      return;
    }
    var fresh = !row;
    if (fresh) {
      row = document.createElement('tr');
      row.id = 'alarm-' + alarm.id;
      rows[alarm.id] = row;
      body.insertBefore(row, body.firstChild);
    }
    row.innerHTML = '';
    row.className = 'alarm priority-' + alarm.priority + (alarm.escalatedAt ? ' escalated' : '');
    row.dataset.camera = alarm.cameraId;
    td(row, time(alarm.raisedAt));
    td(row, alarm.escalatedAt ? window.vigilText('alarms.escalated', alarm.priority) : String(alarm.priority));
    var cam = td(row, '');
    var a = document.createElement('a');
    a.href = 'playback.xhtml?camera=' + alarm.cameraId + '&at=' + new Date(Date.parse(alarm.eventAt) - 5000).toISOString();
    a.textContent = alarm.cameraName;
    a.className = 'jump';
    cam.appendChild(a);
    td(row, window.vigilText('alarms.eventAt', alarm.eventType, time(alarm.eventAt)));
    td(row, alarm.rule);
    td(row, alarm.acknowledgedBy ? window.vigilText('alarms.stateBy', window.vigilText('alarms.' + alarm.state), alarm.acknowledgedBy)
      : window.vigilText('alarms.' + alarm.state));
    var comment = document.createElement('input');
    comment.type = 'text'; comment.className = 'comment'; comment.placeholder = window.vigilText('alarms.comment'); comment.setAttribute('aria-label', comment.placeholder);
    td(row, '').appendChild(comment);
    var actions = td(row, '');
    (alarm.state === 'NEW' ? ['acknowledge', 'close'] : ['close']).forEach(function (what) {
      var b = document.createElement('button');
      b.type = 'button'; b.textContent = window.vigilText('alarms.' + what); b.className = what;
      b.addEventListener('click', function () {
        call('POST', 'alarms/' + alarm.id + '/' + what, { comment: comment.value })
          .then(show).catch(function (e) { link.textContent = window.vigilText('alarms.refused', window.vigilText('alarms.' + what), e.message); });
      });
      actions.appendChild(b);
    });
    return fresh;
  }

  function connect() {
    window.vigil.followAlarms(function (data) {
      window.vigilAlarms.received++;
      window.vigilAlarms.last = { id: data.alarm.id, at: Date.now() };
      if (show(data.alarm) && data.sound) { tone(data.alarm.priority); }
    }, function (state) {
      window.vigilAlarms.connected = state === 'live';
      link.textContent = window.vigilText('state.' + state);
    });
  }

  call('GET', 'alarms').then(function (alarms) {
    alarms.slice().reverse().forEach(show);
    connect();
  }).catch(function (e) { link.textContent = window.vigilText('alarms.failed', e.message); });
})();
