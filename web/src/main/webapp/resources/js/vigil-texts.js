/*
 * The page's words for its scripts: the bundle's "js." texts in the reader's language, which the
 * template puts in <meta name="vigil-texts">. vigilText('key', a, b) gives the text of js.key with
 * {0}, {1} replaced by a, b; a key the bundle lacks shows as itself (a unit test keeps them all there).
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
