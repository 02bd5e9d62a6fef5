/*
 * Second-factor enrolment page: asks the server for a new key (POST api/v1/account/totp), shows
 * it with its otpauth:// URI, and confirms it with a first code from the app; the console opens
 * once the server has accepted that code.
 */
(function () {
  'use strict';
  var result = document.getElementById('totp-result');
  function post(path, body) {
    return fetch('../api/v1/account/' + path, {
      method: 'POST', credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.text().then(function (t) {
        var data = t ? JSON.parse(t) : null;
        if (!r.ok) { throw new Error((data && data.error) || ('HTTP ' + r.status)); }
        return data;
      });
    });
  }
  document.getElementById('totp-start').addEventListener('click', function () {
    post('totp', {}).then(function (e) {
      document.getElementById('totp-secret').textContent = e.secret;
      document.getElementById('totp-uri').textContent = e.otpauthUri;
    }).catch(function (e) { result.textContent = e.message; });
  });
  document.getElementById('totp-confirm').addEventListener('click', function () {
    post('totp/confirm', { code: document.getElementById('totp-code').value }).then(function () {
      result.textContent = window.vigilText('totp.enabled');
      location.href = '../index.xhtml';
    }).catch(function (e) { result.textContent = window.vigilText('refused', e.message); });
  });
})();
