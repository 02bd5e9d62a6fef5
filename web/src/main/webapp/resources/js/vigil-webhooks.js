/*
 * Vigil alarm page, notification section (shown to MANAGE_CAMERAS only): the webhooks and e-mails
 * that never got through (GET api/v1/notifications/deliveries?state=DEAD) with their receiver or
 * recipients and last error;
 * "Send again" asks the server for a fresh round of attempts. Refusals are shown as worded.
 */
(function () {
  'use strict';
  var rows = document.getElementById('dead-deliveries');
  if (!rows) { return; }
  var call = window.vigil.call, cell = window.vigil.cell, button = window.vigil.button;
  var result = document.getElementById('webhook-result');
  var names = {};

  function load() {
    call('GET', 'notifications/webhooks').then(function (receivers) {
      receivers.forEach(function (r) { names[r.id] = r.name + ' (' + r.url + ')'; });
      return call('GET', 'notifications/deliveries?state=DEAD');
    }).then(function (dead) {
      rows.innerHTML = '';
      dead.forEach(function (d) {
        var row = document.createElement('tr');
        row.dataset.delivery = d.id;
        cell(row, d.id);
        cell(row, d.channel === 'EMAIL' ? 'e-mail to ' + d.recipients : (names[d.receiverId] || d.receiverId));
        cell(row, d.alarmId);
        cell(row, d.attempts);
        cell(row, d.lastError).className = 'refused';
        cell(row, window.vigilTime(d.createdAt));
        button(cell(row, ''), window.vigilText('webhooks.again'), 'retry', function () {
          call('POST', 'notifications/deliveries/' + d.id + '/retry').then(function () {
            result.textContent = window.vigilText('webhooks.sentAgain', d.id);
            load();
          }).catch(function (e) { result.textContent = window.vigilText('refused', e.message); });
        });
        rows.appendChild(row);
      });
    }).catch(function (e) { result.textContent = window.vigilText('webhooks.failed', e.message); });
  }
  load();
})();
