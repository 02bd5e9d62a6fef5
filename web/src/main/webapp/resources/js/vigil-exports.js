/*
 * Vigil evidence export page: asks for an export (POST api/v1/exports), lists the user's exports
 * with their progress while they run (polled), offers the finished package, and lets a second
 * person approve or reject exports waiting for approval. Rights are the server's to check.
 */
(function () {
  'use strict';
  var page = document.getElementById('exports');
  if (!page) { return; }
  var result = document.getElementById('export-result');

  var call = window.vigil.call;
  function localInput(iso) { return iso ? iso.substring(0, 19) : ''; }
  function utc(value) { return value.length === 16 ? value + ':00Z' : value + 'Z'; }
  var cell = window.vigil.cell;
  function range(job) { return job.from.replace('T', ' ').replace('Z', '') + ' .. ' + job.to.substring(11, 19); }

  var now = Date.now();
  document.getElementById('export-from').value = localInput(page.dataset.from || new Date(now - 120000).toISOString());
  document.getElementById('export-to').value = localInput(page.dataset.to || new Date(now - 60000).toISOString());

  call('GET', 'cameras').then(function (cameras) {
    var box = document.getElementById('export-cameras');
    cameras.forEach(function (c) {
      var label = document.createElement('label');
      var input = document.createElement('input');
      input.type = 'checkbox'; input.value = c.id; input.name = 'camera';
      input.checked = String(c.id) === page.dataset.camera;
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + c.name + ' '));
      box.appendChild(label);
    });
  }).catch(function (e) { result.textContent = 'cameras: ' + e.message; });

  document.getElementById('export-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var cameras = Array.prototype.map.call(document.querySelectorAll('input[name=camera]:checked'),
      function (i) { return Number(i.value); });
    var password = document.getElementById('export-password').value;
    result.textContent = 'asking...';
    call('POST', 'exports', {
      cameras: cameras,
      from: utc(document.getElementById('export-from').value),
      to: utc(document.getElementById('export-to').value),
      reason: document.getElementById('export-reason').value,
      caseNumber: document.getElementById('export-case').value || null,
      password: password || null
    }).then(function (job) {
      result.textContent = 'export ' + job.id.substring(0, 8) + ' ' + job.state.toLowerCase().replace('_', ' ');
      document.getElementById('export-password').value = '';
      refresh();
    }).catch(function (err) { result.textContent = 'refused: ' + err.message; });
  });

  function refresh() {
    call('GET', 'exports').then(function (jobs) {
      var body = document.getElementById('export-jobs');
      body.innerHTML = '';
      var running = false;
      jobs.forEach(function (job) {
        var row = document.createElement('tr');
        row.id = 'job-' + job.id;
        cell(row, job.requestedAt.replace('T', ' ').substring(0, 19));
        cell(row, job.cameras.join(', '));
        cell(row, range(job));
        cell(row, job.reason + (job.caseNumber ? ' (' + job.caseNumber + ')' : ''));
        var state = cell(row, job.state === 'RUNNING' ? 'running ' + job.progress + '%' : job.state.toLowerCase().replace('_', ' '));
        state.className = 'state';
        if (job.state === 'RUNNING') {
          var bar = document.createElement('progress'); bar.max = 100; bar.value = job.progress; state.appendChild(bar);
        }
        if (job.message && job.state !== 'RUNNING') { state.title = job.message; state.textContent += ': ' + job.message; }
        var action = cell(row, '');
        if (job.state === 'DONE') {
          var a = document.createElement('a');
          a.href = 'api/v1/exports/' + job.id + '/file'; a.textContent = 'download (' + Math.round(job.fileBytes / 1024) + ' KiB)';
          a.className = 'download';
          action.appendChild(a);
        }
        running = running || ['QUEUED', 'RUNNING', 'AWAITING_APPROVAL'].indexOf(job.state) >= 0;
        body.appendChild(row);
      });
      if (running) { setTimeout(refresh, 1000); }
    }).catch(function (e) { result.textContent = 'exports: ' + e.message; });
    call('GET', 'exports/awaiting-approval').then(function (jobs) {
      var body = document.getElementById('export-approvals');
      body.innerHTML = '';
      jobs.forEach(function (job) {
        var row = document.createElement('tr');
        cell(row, job.requestedAt.replace('T', ' ').substring(0, 19));
        cell(row, job.requestedBy);
        cell(row, job.cameras.join(', '));
        cell(row, range(job));
        cell(row, job.reason);
        var action = cell(row, '');
        ['approve', 'reject'].forEach(function (what) {
          var b = document.createElement('button');
          b.type = 'button'; b.textContent = what;
          b.addEventListener('click', function () {
            call('POST', 'exports/' + job.id + '/' + what, what === 'reject' ? {} : null)
              .then(refresh).catch(function (err) { result.textContent = 'refused: ' + err.message; });
          });
          action.appendChild(b);
        });
        body.appendChild(row);
      });
    }).catch(function () { /* nothing to approve */ });
  }
  refresh();
})();
