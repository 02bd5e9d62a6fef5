/*
 * Vigil cameras page: the cameras with their health (refreshed every 5 s), add or edit by stream
 * address with a connection test first, enable/disable, approve a presented RTSPS certificate,
 * keep-time per camera, and ONVIF discovery whose answers fill the ONVIF form. Every change goes
 * through the API, where MANAGE_CAMERAS is checked; refusals are shown as the server words them.
 */
(function () {
  'use strict';
  if (!document.getElementById('cameras-admin')) { return; }
  var call = window.vigil.call, cell = window.vigil.cell, button = window.vigil.button;
  function $(id) { return document.getElementById(id); }
  var listResult = $('camera-list-result'), result = $('camera-result');
  var editing = null;

  function health(c) {
    return c.status.toLowerCase().replace(/_/g, '-') + (c.statusReason ? ': ' + c.statusReason : '');
  }

  var shown = '';
  function load() {
    call('GET', 'cameras').then(function (cameras) {
      // rebuilt only when something changed: a row being clicked or typed in stays put
      var text = JSON.stringify(cameras);
      if (text === shown) { return; }
      shown = text;
      var rows = $('camera-rows');
      rows.innerHTML = '';
      cameras.forEach(function (c) {
        var row = document.createElement('tr');
        row.id = 'camera-row-' + c.id;
        row.dataset.camera = c.id;
        cell(row, c.name);
        cell(row, c.site);
        var address = cell(row, c.streamUrl + (c.onvif ? ' (ONVIF)' : ''));
        if (c.insecureTransport) {
          // a plain transport is recorded only because someone accepted it: say so on every row
          var warning = document.createElement('span');
          warning.className = 'insecure';
          warning.textContent = ' \u26a0 insecure transport, accepted by ' + (c.insecureAcceptedBy || 'nobody');
          address.appendChild(warning);
        }
        var state = cell(row, c.enabled ? health(c) : 'disabled');
        state.className = 'health ' + (c.enabled ? c.status.toLowerCase() : 'disabled');
        cell(row, c.statusSince ? c.statusSince.replace('T', ' ').substring(0, 19) : '');
        cell(row, c.recordingMode === 'SCHEDULED' ? 'scheduled: ' + c.recordingSchedule + ' (' + c.scheduleTimeZone + ')'
          : c.recordingMode === 'EVENT' ? 'on event, ' + c.preBufferSeconds + ' s before, ' + c.postBufferSeconds + ' s after'
          : 'continuous').className = 'recording-mode';
        var keep = cell(row, '');
        var days = document.createElement('input');
        days.type = 'number'; days.min = '0'; days.max = '3650'; days.step = 'any'; days.className = 'keep-days';
        // days, exact enough that a keep-time of minutes (tests, demos) does not show as 0
        days.value = Number((c.retentionMaxAgeSeconds / 86400).toPrecision(3));
        days.title = c.retentionMaxAgeSeconds + ' s';
        days.setAttribute('aria-label', 'days ' + c.name + "'s recordings are kept");
        days.addEventListener('change', function () {
          call('POST', 'cameras/' + c.id + '/retention', { maxAgeSeconds: Math.round(Number(days.value) * 86400) })
            .then(function () { listResult.textContent = c.name + ': recordings kept ' + days.value + ' days'; })
            .catch(function (e) { listResult.textContent = c.name + ': ' + e.message; });
        });
        keep.appendChild(days);
        var actions = cell(row, '');
        button(actions, 'Edit', 'edit', function () { edit(c); });
        button(actions, c.enabled ? 'Disable' : 'Enable', c.enabled ? 'disable' : 'enable', function () {
          call('POST', 'cameras/' + c.id + (c.enabled ? '/disable' : '/enable')).then(load)
            .catch(function (e) { listResult.textContent = c.name + ': ' + e.message; });
        });
        if (c.presentedCertificateSha256 && c.presentedCertificateSha256 !== c.pinnedCertificateSha256) {
          button(actions, 'Approve certificate', 'approve', function () {
            var fingerprint = c.presentedCertificateSha256;
            if (!window.confirm('Approve the certificate with SHA-256\n' + fingerprint
                + '\nonly if it is the one the camera itself shows.')) { return; }
            call('POST', 'cameras/' + c.id + '/approve-certificate', { sha256: fingerprint }).then(load)
              .catch(function (e) { listResult.textContent = c.name + ': ' + e.message; });
          }).title = c.presentedCertificateSha256;
        }
        button(actions, 'Playback', 'playback', function () { location.href = 'playback.xhtml?camera=' + c.id; });
        rows.appendChild(row);
      });
    }).catch(function (e) { listResult.textContent = 'cameras: ' + e.message; });
  }

  function form() {
    return { name: $('camera-name').value, site: $('camera-site').value || null, streamUrl: $('camera-url').value,
      username: $('camera-username').value || null, password: $('camera-password').value || null,
      acceptInsecureTransport: $('camera-insecure').checked };
  }

  function showMode() {
    var mode = $('camera-mode').value;
    document.querySelectorAll('.mode-scheduled').forEach(function (l) { l.hidden = mode !== 'SCHEDULED'; });
    document.querySelectorAll('.mode-event').forEach(function (l) { l.hidden = mode !== 'EVENT'; });
  }
  $('camera-mode').addEventListener('change', showMode);
  showMode();

  function recording() {
    return { mode: $('camera-mode').value, schedule: $('camera-schedule').value || null, timeZone: $('camera-zone').value || null,
      preBufferSeconds: Number($('camera-pre').value), postBufferSeconds: Number($('camera-post').value) };
  }

  function edit(c) {
    editing = c.id;
    $('camera-mode').value = c.recordingMode;
    $('camera-schedule').value = c.recordingSchedule || '';
    $('camera-zone').value = c.scheduleTimeZone || '';
    $('camera-pre').value = c.preBufferSeconds;
    $('camera-post').value = c.postBufferSeconds;
    showMode();
    $('camera-id').value = c.id;
    $('camera-name').value = c.name;
    $('camera-site').value = c.site;
    $('camera-url').value = c.streamUrl;
    $('camera-username').value = c.username || '';
    $('camera-password').value = '';
    $('camera-insecure').checked = false;
    $('camera-form-title').textContent = 'Change camera ' + c.name;
    $('camera-save').textContent = 'Save changes';
    $('camera-cancel').hidden = false;
    result.textContent = '';
  }

  function reset() {
    editing = null;
    $('camera-form').reset();
    $('camera-form-title').textContent = 'Add a camera by its stream address';
    $('camera-save').textContent = 'Add';
    $('camera-cancel').hidden = true;
    showMode();
  }

  $('camera-cancel').addEventListener('click', reset);
  $('camera-test').addEventListener('click', function () {
    result.textContent = 'testing...';
    call('POST', editing === null ? 'cameras/test' : 'cameras/' + editing + '/test', form()).then(function (r) {
      result.textContent = r.ok
        ? 'connected: ' + r.videoCodec + ' ' + r.width + 'x' + r.height + (r.framesPerSecond ? ' at ' + r.framesPerSecond + ' fps' : '')
          + (r.audioCodec ? ', audio ' + r.audioCodec : ', no audio')
        : r.status.toLowerCase().replace(/_/g, '-') + ': ' + r.detail;
      result.className = r.ok ? 'ok' : 'refused';
    }).catch(function (e) { result.textContent = 'refused: ' + e.message; result.className = 'refused'; });
  });
  $('camera-form').addEventListener('submit', function (e) {
    e.preventDefault();
    result.textContent = 'saving...';
    var request = editing === null ? call('POST', 'cameras', form()) : call('PUT', 'cameras/' + editing, form());
    request.then(function (c) {
      return call('POST', 'cameras/' + c.id + '/recording-mode', recording()).then(function () { return c; });
    }).then(function (c) {
      result.textContent = (editing === null ? 'added ' : 'changed ') + c.name;
      result.className = 'ok';
      reset();
      load();
    }).catch(function (err) { result.textContent = 'refused: ' + err.message; result.className = 'refused'; });
  });

  $('discovery-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var target = $('discovery-target').value;
    $('discovery-result').textContent = 'probing...';
    call('GET', 'cameras/discovery' + (target ? '?target=' + encodeURIComponent(target) : '')).then(function (devices) {
      var rows = $('discovery-rows');
      rows.innerHTML = '';
      devices.forEach(function (d) {
        var row = document.createElement('tr');
        row.className = 'discovered';
        cell(row, d.xaddrs.join(' '));
        cell(row, d.scopes);
        button(cell(row, ''), 'Use', 'use', function () { $('onvif-url').value = d.xaddrs[0]; $('onvif-name').focus(); });
        rows.appendChild(row);
      });
      $('discovery-result').textContent = devices.length + ' device' + (devices.length === 1 ? '' : 's') + ' answered';
    }).catch(function (err) { $('discovery-result').textContent = 'refused: ' + err.message; });
  });
  $('onvif-form').addEventListener('submit', function (e) {
    e.preventDefault();
    $('onvif-result').textContent = 'asking the camera...';
    call('POST', 'cameras/onvif', { name: $('onvif-name').value, site: $('onvif-site').value || null,
      deviceUrl: $('onvif-url').value, username: $('onvif-username').value, password: $('onvif-password').value,
      acceptInsecureTransport: $('onvif-insecure').checked, deviceCertificateSha256: $('onvif-certificate').value || null })
      .then(function (c) { $('onvif-result').textContent = 'added ' + c.name; $('onvif-form').reset(); load(); })
      .catch(function (err) {
        $('onvif-result').textContent = 'refused: ' + err.message;
        if (err.data && err.data.presentedCertificateSha256) {
          // shown for comparison with the camera's own; sending the form again approves it
          $('onvif-certificate').value = err.data.presentedCertificateSha256;
        }
      });
  });

  load();
  setInterval(function () { if (!document.hidden && editing === null) { load(); } }, 5000);
})();
