/*
 * Vigil storage page: volumes with their state, use and quota (add one, change its quota, take
 * it out of or back into service), retention on demand, and evidence locks (set, release). The
 * API checks MANAGE_CAMERAS and EVIDENCE_LOCK; refusals are shown as the server words them.
 */
(function () {
  'use strict';
  if (!document.getElementById('storage-admin')) { return; }
  var call = window.vigil.call, cell = window.vigil.cell, button = window.vigil.button;
  function $(id) { return document.getElementById(id); }
  var GB = 1024 * 1024 * 1024;
  var names = {};
  function size(bytes) { return bytes >= GB ? (bytes / GB).toFixed(2) + ' GB' : (bytes / 1048576).toFixed(1) + ' MB'; }
  function utc(value) { return value.length === 16 ? value + ':00Z' : value + 'Z'; }
  function local(ms) { return new Date(ms).toISOString().substring(0, 19); }
  function shown(iso) { return iso.replace('T', ' ').replace('Z', ''); }

  function volumes() {
    call('GET', 'storage/volumes').then(function (list) {
      var rows = $('volume-rows');
      rows.innerHTML = '';
      list.forEach(function (v) {
        var row = document.createElement('tr');
        row.dataset.volume = v.id;
        cell(row, v.name);
        cell(row, v.path);
        cell(row, v.state.toLowerCase() + (v.stateReason ? ': ' + v.stateReason : '')).className = 'health ' + v.state.toLowerCase();
        cell(row, size(v.usedBytes));
        cell(row, size(v.usableBytes));
        var quota = document.createElement('input');
        quota.type = 'number'; quota.min = '1'; quota.className = 'quota';
        quota.setAttribute('aria-label', 'quota of ' + v.name + ' in GB');
        quota.value = v.quotaBytes ? Math.round(v.quotaBytes / GB * 100) / 100 : '';
        quota.addEventListener('change', function () {
          call('POST', 'storage/volumes/' + v.id, { quotaBytes: quota.value ? Math.round(Number(quota.value) * GB) : null })
            .then(volumes).catch(function (e) { $('volume-result').textContent = v.name + ': ' + e.message; });
        });
        cell(row, '').appendChild(quota);
        var actions = cell(row, '');
        var out = v.state === 'DISABLED';
        button(actions, out ? 'Put in service' : 'Take out of service', out ? 'enable' : 'disable', function () {
          call('POST', 'storage/volumes/' + v.id, { state: out ? 'ACTIVE' : 'DISABLED' }).then(volumes)
            .catch(function (e) { $('volume-result').textContent = v.name + ': ' + e.message; });
        });
        rows.appendChild(row);
      });
    }).catch(function (e) { $('volume-result').textContent = 'volumes: ' + e.message; });
  }

  function locks() {
    call('GET', 'evidence-locks').then(function (list) {
      var rows = $('lock-rows');
      rows.innerHTML = '';
      list.forEach(function (l) {
        var row = document.createElement('tr');
        row.dataset.lock = l.id;
        cell(row, names[l.cameraId] || ('camera ' + l.cameraId));
        cell(row, shown(l.from));
        cell(row, shown(l.to));
        cell(row, l.reason);
        cell(row, l.createdBy + ', ' + shown(l.createdAt).substring(0, 19));
        button(cell(row, ''), 'Release', 'release', function () {
          if (!window.confirm('Release this evidence lock? Retention may then delete the range.')) { return; }
          call('POST', 'evidence-locks/' + l.id + '/release')
            .then(function (r) { $('lock-result').textContent = r && r.state === 'PENDING' ? r.message : 'released'; locks(); approvals(); })
            .catch(function (e) { $('lock-result').textContent = 'refused: ' + e.message; });
        });
        rows.appendChild(row);
      });
    }).catch(function (e) { $('lock-result').textContent = 'locks: ' + e.message; });
  }

  function approvals() {
    call('GET', 'approvals').then(function (list) {
      var rows = $('approval-rows');
      rows.innerHTML = '';
      list.forEach(function (a) {
        var row = document.createElement('tr');
        row.dataset.approval = a.id;
        cell(row, shown(a.requestedAt).substring(0, 19));
        cell(row, a.requestedBy);
        cell(row, a.summary);
        var actions = cell(row, '');
        button(actions, 'Approve', 'approve', function () {
          call('POST', 'approvals/' + a.id + '/approve').then(function () { $('approval-result').textContent = 'approved'; approvals(); locks(); })
            .catch(function (e) { $('approval-result').textContent = 'refused: ' + e.message; });
        });
        button(actions, 'Reject', 'reject', function () {
          var comment = window.prompt('Why is this rejected?');
          if (!comment) { return; }
          call('POST', 'approvals/' + a.id + '/reject', { comment: comment }).then(function () { approvals(); })
            .catch(function (e) { $('approval-result').textContent = 'refused: ' + e.message; });
        });
        rows.appendChild(row);
      });
    }).catch(function (e) { $('approval-result').textContent = 'approvals: ' + e.message; });
  }

  $('delete-form').addEventListener('submit', function (e) {
    e.preventDefault();
    call('POST', 'recordings/deletions', { cameraId: Number($('delete-camera').value), from: utc($('delete-from').value),
      to: utc($('delete-to').value), reason: $('delete-reason').value })
      .then(function (r) { $('delete-result').textContent = r.state === 'PENDING' ? r.message : r.deleted + ' segment(s) deleted'; approvals(); })
      .catch(function (err) { $('delete-result').textContent = 'refused: ' + err.message; });
  });

  $('volume-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var quota = $('volume-quota').value;
    call('POST', 'storage/volumes', { name: $('volume-name').value, path: $('volume-path').value,
      quotaBytes: quota ? Math.round(Number(quota) * GB) : null })
      .then(function (v) { $('volume-result').textContent = 'added ' + v.name; $('volume-form').reset(); volumes(); })
      .catch(function (err) { $('volume-result').textContent = 'refused: ' + err.message; });
  });
  $('retention-run').addEventListener('click', function () {
    call('POST', 'storage/retention/run').then(function (r) { $('retention-result').textContent = r.retired + ' segment(s) deleted'; })
      .catch(function (err) { $('retention-result').textContent = 'refused: ' + err.message; });
  });
  $('lock-form').addEventListener('submit', function (e) {
    e.preventDefault();
    call('POST', 'evidence-locks', { cameraId: Number($('lock-camera').value), from: utc($('lock-from').value),
      to: utc($('lock-to').value), reason: $('lock-reason').value })
      .then(function () { $('lock-result').textContent = 'locked'; $('lock-reason').value = ''; locks(); })
      .catch(function (err) { $('lock-result').textContent = 'refused: ' + err.message; });
  });

  var now = Date.now();
  $('lock-from').value = $('delete-from').value = local(now - 3600000);
  $('lock-to').value = $('delete-to').value = local(now);
  call('GET', 'cameras').then(function (cameras) {
    cameras.forEach(function (c) {
      names[c.id] = c.name;
      var option = document.createElement('option');
      option.value = c.id;
      option.textContent = c.name;
      $('lock-camera').appendChild(option);
      $('delete-camera').appendChild(option.cloneNode(true));
    });
    locks();
  }).catch(function (e) { $('lock-result').textContent = 'cameras: ' + e.message; });
  volumes();
  approvals();

  // backup: taken by the server, downloaded with the session, then deleted there
  var backupId = null;
  $('backup-form').addEventListener('submit', function (e) {
    e.preventDefault();
    $('backup-result').textContent = 'writing the backup...';
    $('backup-file').hidden = true;
    call('POST', 'backups', { password: $('backup-account-password').value, backupPassword: $('backup-password').value })
      .then(function (b) {
        backupId = b.id;
        $('backup-result').textContent = 'backup ' + b.id + ': ' + size(b.bytes) + ', ' + b.tables + ' tables, ' + b.rows
          + ' rows, SHA-256 ' + b.sha256;
        $('backup-download').href = 'api/v1/backups/' + b.id + '/file';
        $('backup-download').setAttribute('download', 'vigil-' + b.id + '.vigil-backup');
        $('backup-file').hidden = false;
        $('backup-form').reset();
      })
      .catch(function (err) { $('backup-result').textContent = 'refused: ' + err.message; });
  });
  $('backup-delete').addEventListener('click', function () {
    call('DELETE', 'backups/' + backupId).then(function () {
      $('backup-file').hidden = true;
      $('backup-result').textContent = 'backup ' + backupId + ' deleted from the server';
    }).catch(function (err) { $('backup-result').textContent = 'refused: ' + err.message; });
  });
})();
