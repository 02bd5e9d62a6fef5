/*
 * Vigil devices page: enrol a device from its certificate signing request (the issued PEM is
 * shown to copy onto the device), list device certificates, revoke one with a reason; the same
 * for the signing keys of services on other nodes (enrolled with their proof of possession). The
 * API checks MANAGE_USERS; refusals are shown as the server words them.
 */
(function () {
  'use strict';
  if (!document.getElementById('devices-admin')) { return; }
  var call = window.vigil.call, cell = window.vigil.cell, button = window.vigil.button;
  function $(id) { return document.getElementById(id); }
  function day(iso) { return iso ? iso.substring(0, 10) : ''; }

  function load() {
    call('GET', 'devices').then(function (list) {
      var rows = $('device-rows');
      rows.innerHTML = '';
      list.forEach(function (d) {
        var row = document.createElement('tr');
        row.dataset.serial = d.serial;
        cell(row, d.deviceName);
        cell(row, d.kind.toLowerCase());
        cell(row, d.serial).title = 'SHA-256 ' + d.sha256;
        cell(row, day(d.notAfter));
        cell(row, day(d.issuedTs) + ' by ' + d.issuedBy);
        cell(row, d.revokedTs ? 'revoked ' + day(d.revokedTs) + ' by ' + d.revokedBy + ': ' + d.revocationReason : 'valid')
          .className = d.revokedTs ? 'refused' : 'ok';
        var actions = cell(row, '');
        if (!d.revokedTs) {
          button(actions, 'Revoke', 'revoke', function () {
            var reason = window.prompt('Why is ' + d.deviceName + ' revoked? (lost, stolen, retired...)');
            if (!reason) { return; }
            call('POST', 'devices/' + d.serial + '/revoke', { reason: reason }).then(load)
              .catch(function (e) { $('device-result').textContent = 'refused: ' + e.message; });
          });
        }
        rows.appendChild(row);
      });
    }).catch(function (e) { $('device-result').textContent = 'devices: ' + e.message; });
  }

  $('device-form').addEventListener('submit', function (e) {
    e.preventDefault();
    $('device-result').textContent = 'issuing...';
    call('POST', 'devices', { name: $('device-name').value, kind: $('device-kind').value, csr: $('device-csr').value })
      .then(function (issued) {
        $('device-result').textContent = 'issued to ' + issued.device.deviceName + ', serial ' + issued.device.serial;
        $('device-certificate').textContent = issued.certificatePem;
        $('device-certificate').hidden = false;
        $('device-form').reset();
        load();
      })
      .catch(function (err) { $('device-result').textContent = 'refused: ' + err.message; });
  });
  function loadNodeKeys() {
    call('GET', 'node-keys').then(function (list) {
      var rows = $('node-key-rows');
      rows.innerHTML = '';
      list.forEach(function (k) {
        var row = document.createElement('tr');
        row.dataset.producer = k.producer;
        cell(row, k.producer);
        cell(row, k.fingerprint);
        cell(row, day(k.registeredAt) + (k.enrolledBy ? ' by ' + k.enrolledBy : ' (this server)'));
        cell(row, k.revokedAt ? 'revoked ' + day(k.revokedAt) + ' by ' + k.revokedBy + ': ' + k.revocationReason : 'valid')
          .className = k.revokedAt ? 'refused' : 'ok';
        var actions = cell(row, '');
        if (k.remote && !k.revokedAt) {
          button(actions, 'Revoke', 'revoke', function () {
            var reason = window.prompt('Why is the key of ' + k.producer + ' revoked? (node lost, rebuilt, retired...)');
            if (!reason) { return; }
            call('POST', 'node-keys/' + encodeURIComponent(k.producer) + '/revoke', { reason: reason }).then(loadNodeKeys)
              .catch(function (e) { $('node-key-result').textContent = 'refused: ' + e.message; });
          });
        }
        rows.appendChild(row);
      });
    }).catch(function (e) { $('node-key-result').textContent = 'node keys: ' + e.message; });
  }

  $('node-key-form').addEventListener('submit', function (e) {
    e.preventDefault();
    call('POST', 'node-keys', { producer: $('node-key-producer').value, publicKey: $('node-key-public').value,
      proof: $('node-key-proof').value })
      .then(function (k) { $('node-key-result').textContent = 'enrolled ' + k.producer + ' (' + k.fingerprint + ')';
        $('node-key-form').reset(); loadNodeKeys(); })
      .catch(function (err) { $('node-key-result').textContent = 'refused: ' + err.message; });
  });
  load();
  loadNodeKeys();
})();
