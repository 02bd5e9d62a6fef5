/*
 * Rectangles drawn on a picture: on every element of class region-canvas (however often the page
 * renders it again), a drag draws a rectangle and writes it, as percent of the picture, into the
 * fields the canvas names (data-left, data-top, data-width, data-height: element ids), where it
 * can also be typed. The arithmetic is pure and unit-tested under Node (src/test/js).
 */
(function (root, make) {
  'use strict';
  var regions = make();
  if (typeof module === 'object' && module.exports) { module.exports = regions; } else { root.vigilRegions = regions; regions.wire(root.document); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  // smaller than this fraction of the picture either way is a click, not a rectangle
  var SMALLEST = 0.01;

  function clamp(v) { return Math.min(1, Math.max(0, v)); }

  // where a pointer is, as fractions of a box ({left, top, width, height} on the page)
  function at(pointer, box) {
    return { x: clamp((pointer.clientX - box.left) / box.width), y: clamp((pointer.clientY - box.top) / box.height) };
  }

  // the rectangle between two points (fractions, corners in any order), or null where it is too small
  function rectangle(a, b) {
    var x = Math.min(a.x, b.x), y = Math.min(a.y, b.y), width = Math.abs(a.x - b.x), height = Math.abs(a.y - b.y);
    return width < SMALLEST || height < SMALLEST ? null : { x: x, y: y, width: width, height: height };
  }

  // a rectangle as the fields show it: percent with one decimal, rounded inwards so it stays inside the picture
  function percent(r) {
    var left = Math.ceil(r.x * 1000) / 10, top = Math.ceil(r.y * 1000) / 10;
    return {
      left: left, top: top,
      width: Math.floor((r.x + r.width) * 1000) / 10 - left,
      height: Math.floor((r.y + r.height) * 1000) / 10 - top
    };
  }

  function wire(document) {
    var canvas = null, start = null, shown = null;
    function place(r) {
      shown.style.display = r ? 'block' : 'none';
      if (r) {
        shown.style.left = (100 * r.x) + '%'; shown.style.top = (100 * r.y) + '%';
        shown.style.width = (100 * r.width) + '%'; shown.style.height = (100 * r.height) + '%';
      }
    }
    document.addEventListener('mousedown', function (e) {
      canvas = e.target.closest ? e.target.closest('.region-canvas') : null;
      if (!canvas || e.button !== 0) { canvas = null; return; }
      shown = canvas.querySelector('.drawing');
      start = at(e, canvas.getBoundingClientRect());
      place(null);
      e.preventDefault();
    });
    document.addEventListener('mousemove', function (e) {
      if (canvas) { place(rectangle(start, at(e, canvas.getBoundingClientRect()))); }
    });
    document.addEventListener('mouseup', function (e) {
      if (!canvas) { return; }
      var r = rectangle(start, at(e, canvas.getBoundingClientRect()));
      if (r) {
        var p = percent(r);
        ['left', 'top', 'width', 'height'].forEach(function (side) {
          var field = document.getElementById(canvas.dataset[side]);
          field.value = p[side].toFixed(1);
          field.dispatchEvent(new Event('change', { bubbles: true }));
        });
      }
      canvas = null;
    });
  }

  return { at: at, rectangle: rectangle, percent: percent, wire: wire };
}));
