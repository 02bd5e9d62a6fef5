/*
 * The page's words for its scripts: the bundle's "js." texts in the reader's language, which the
 * template puts in <meta name="vigil-texts">. vigilText('key', a, b) gives the text of js.key with
 * {0}, {1} replaced by a, b; a key the bundle lacks shows as itself (a unit test keeps them all there).
 * vigilTime(instant, withZone) writes an instant (ISO text or milliseconds) as the Faces pages do,
 * 2026-12-04 08:00:00, in the reader's time zone (<meta name="vigil-zone">, UTC unless chosen),
 * followed by the zone's name when asked.
 */
window.vigilText = (function () {
  'use strict';
  var meta = document.querySelector('meta[name="vigil-texts"]');
  var texts = meta ? JSON.parse(meta.getAttribute('content')) : {};
  return function (key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/\{(\d)\}/g, function (all, i) { return i < args.length ? String(args[i]) : all; });
  };
})();
window.vigilTime = (function () {
  'use strict';
  var meta = document.querySelector('meta[name="vigil-zone"]');
  var zone = meta && meta.getAttribute('content') ? meta.getAttribute('content') : 'UTC';
  var format;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  } catch (e) {
    zone = 'UTC';
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  }
  return function (instant, withZone) {
    if (instant === null || instant === undefined || instant === '') { return ''; }
    var date = new Date(typeof instant === 'number' ? instant : Date.parse(instant));
    if (isNaN(date.getTime())) { return String(instant); }
    var part = {};
    format.formatToParts(date).forEach(function (p) { part[p.type] = p.value; });
    var text = part.year + '-' + part.month + '-' + part.day + ' ' + part.hour + ':' + part.minute + ':' + part.second;
    return withZone ? text + ' ' + zone : text;
  };
})();
