/*
 * Vigil alarm list: the table is the server's (PrimeFaces); this follows the alarm socket
 * (vigil.followAlarms) and, for each push, asks the server for the list again through the page's
 * remote command, one request at a time however fast alarms come, and once more whenever the
 * socket (re)connects, for what was raised while it was not. A new alarm sounds a tone
 * when the server asks for one and the page's sound is on.
 */
(function () {
  'use strict';
  if (!document.getElementById('alarm-list')) { return; }
  var link = document.getElementById('alarm-link-state');
  var asking = false;
  var again = false;
  window.vigilAlarms = { received: 0, connected: false, shown: 0 };

  function ask() {
    if (asking) { again = true; return; }
    asking = true;
    window.vigilRefreshAlarms();
  }

  window.vigilAlarmList = {
    /* The remote command's answer is on the page. */
    shown: function () {
      asking = false;
      window.vigilAlarms.shown++;
      if (again) { again = false; ask(); }
    }
  };

  window.vigil.followAlarms(function (data) {
    window.vigilAlarms.received++;
    window.vigilAlarms.last = { id: data.alarm.id, at: Date.now() };
    if (data.sound && data.alarm.state === 'NEW' && document.getElementById('alarm-sound').checked) {
      window.vigil.tone(data.alarm.priority);
    }
    ask();
  }, function (state) {
    window.vigilAlarms.connected = state === 'live';
    link.textContent = window.vigilText('state.' + state);
    if (state === 'live') { ask(); } // what was raised before the socket (re)connected
  });
})();
