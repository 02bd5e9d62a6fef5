/*
 * Vigil users and rights page: searches the directory's users and groups, shows a user's groups
 * and effective rights with their sources, disables or enables an account in Vigil, grants rights
 * to groups, users or local roles and revokes them. MANAGE_USERS is checked by the API; with four
 * eyes on, a change waits for a second person (shown as such).
 */
(function () {
  'use strict';
  if (!document.getElementById('directory-admin')) { return; }
  var call = window.vigil.call, cell = window.vigil.cell, button = window.vigil.button;
  function $(id) { return document.getElementById(id); }
  var cameraNames = {};

  function search() {
    var q = encodeURIComponent($('directory-query').value);
    $('directory-result').textContent = 'searching...';
    Promise.all([call('GET', 'directory/users?q=' + q), call('GET', 'directory/groups?q=' + q)]).then(function (found) {
      var users = found[0], groups = found[1];
      $('directory-result').textContent = users.length + ' user(s), ' + groups.length + ' group(s)';
      var rows = $('user-rows');
      rows.innerHTML = '';
      users.forEach(function (u) {
        var row = document.createElement('tr');
        row.dataset.user = u.id;
        cell(row, u.id);
        cell(row, u.name);
        cell(row, u.mail);
        cell(row, u.disabledInVigil ? 'disabled' : 'active').className = u.disabledInVigil ? 'refused' : 'ok';
        var actions = cell(row, '');
        button(actions, 'Rights', 'rights', function () { rights(u.id); });
        button(actions, u.disabledInVigil ? 'Enable' : 'Disable', u.disabledInVigil ? 'enable' : 'disable', function () {
          call('POST', 'access/accounts/' + encodeURIComponent(u.id) + (u.disabledInVigil ? '/enable' : '/disable')).then(search)
            .catch(function (e) { $('directory-result').textContent = 'refused: ' + e.message; });
        });
        rows.appendChild(row);
      });
      var groupRows = $('group-rows');
      groupRows.innerHTML = '';
      groups.forEach(function (g) {
        var row = document.createElement('tr');
        row.dataset.group = g.name;
        cell(row, g.name);
        cell(row, g.members);
        button(cell(row, ''), 'Grant...', 'grant', function () {
          $('grant-kind').value = 'GROUP';
          $('grant-subject').value = g.name;
          $('grant-right').focus();
        });
        groupRows.appendChild(row);
      });
    }).catch(function (e) { $('directory-result').textContent = 'refused: ' + e.message; });
  }

  function rights(id) {
    call('GET', 'directory/users/' + encodeURIComponent(id) + '/rights').then(function (r) {
      $('user-rights').hidden = false;
      $('rights-title').textContent = 'Rights of ' + r.user.id + (r.user.disabledInVigil ? ' (disabled in Vigil: none)' : '');
      $('rights-groups').textContent = 'Groups: ' + (r.groups.length ? r.groups.join(', ') : 'none');
      var rows = $('rights-rows');
      rows.innerHTML = '';
      r.rights.forEach(function (x) {
        var row = document.createElement('tr');
        cell(row, x.right);
        cell(row, x.scope.replace(/^camera (\d+)$/, function (m, id) { return cameraNames[id] ? cameraNames[id] + ' (' + m + ')' : m; }));
        cell(row, x.source);
        rows.appendChild(row);
      });
    }).catch(function (e) { $('directory-result').textContent = 'refused: ' + e.message; });
  }

  function grants() {
    call('GET', 'access/grants').then(function (list) {
      var rows = $('grant-rows');
      rows.innerHTML = '';
      list.forEach(function (g) {
        var row = document.createElement('tr');
        row.dataset.grant = g.id;
        cell(row, g.subjectKind.toLowerCase() + ' ' + g.subject);
        cell(row, g.right + (g.right === 'PTZ' ? ' (priority ' + g.ptzPriority + ')' : ''));
        cell(row, g.cameraId ? (cameraNames[g.cameraId] || 'camera ' + g.cameraId) : g.site ? 'site ' + g.site : 'all cameras');
        cell(row, g.grantedBy);
        button(cell(row, ''), 'Revoke', 'revoke', function () {
          call('DELETE', 'access/grants/' + g.id).then(function (r) {
            $('grant-result').textContent = r && r.state === 'PENDING' ? r.message : 'revoked';
            grants();
          }).catch(function (e) { $('grant-result').textContent = 'refused: ' + e.message; });
        });
        rows.appendChild(row);
      });
    }).catch(function (e) { $('grant-result').textContent = 'grants: ' + e.message; });
  }

  $('directory-form').addEventListener('submit', function (e) { e.preventDefault(); search(); });
  $('grant-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var camera = $('grant-camera').value;
    call('POST', 'access/grants', { subjectKind: $('grant-kind').value, subject: $('grant-subject').value,
      right: $('grant-right').value, cameraId: camera ? Number(camera) : null, ptzPriority: Number($('grant-priority').value) })
      .then(function (r) {
        $('grant-result').textContent = r && r.state === 'PENDING' ? r.message : 'granted ' + r.right + ' to ' + r.subject;
        grants();
      })
      .catch(function (err) { $('grant-result').textContent = 'refused: ' + err.message; });
  });
  call('GET', 'cameras').then(function (cameras) {
    cameras.forEach(function (c) {
      cameraNames[c.id] = c.name;
      var option = document.createElement('option');
      option.value = c.id;
      option.textContent = c.name;
      $('grant-camera').appendChild(option);
    });
    grants();
  }).catch(function (e) { $('grant-result').textContent = 'cameras: ' + e.message; });
})();
