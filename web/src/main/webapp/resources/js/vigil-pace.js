/*
 * How a live player keeps close to the newest picture it holds: plays faster while it is more
 * than catchUpAbove seconds behind the end of its buffer, at normal speed again once less than
 * its lead is left, and jumps to the lead before the end only when more than JUMP_ABOVE behind (a
 * seek decodes from the previous keyframe at once, which would put a busy browser further
 * behind). The lead keeps the player from running dry between two pictures (one every 40 ms at
 * 25 fps, the network adding its jitter). A stream with sound keeps a longer one: its buffer ends
 * where the sound ends, and Chromium whose sound ran dry waits until about a fifth of a second is
 * buffered again. Both measured in docs/benchmarks.md. Pure: in the page it is window.vigilPace, in Node the
 * module its unit tests load (src/test/js).
 */
(function (root, make) {
  'use strict';
  if (typeof module === 'object' && module.exports) { module.exports = make(); } else { root.vigilPace = make(); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  var PICTURES = { lead: 0.08, catchUpAbove: 0.16 }, WITH_SOUND = { lead: 0.2, catchUpAbove: 0.3 };
  var JUMP_ABOVE = 2, FASTER = 1.25;

  // behind: seconds from the playing position to the buffer's end; rate: the rate now; sound:
  // whether the stream carries sound. Gives the rate to play at and, when far behind, the
  // position's new distance from the end.
  function pace(behind, rate, sound) {
    var kind = sound ? WITH_SOUND : PICTURES;
    if (behind > JUMP_ABOVE) { return { rate: 1, jumpTo: kind.lead }; }
    return { rate: behind > kind.catchUpAbove ? FASTER : behind < kind.lead ? 1 : rate, jumpTo: null };
  }

  return { pace: pace, PICTURES: PICTURES, WITH_SOUND: WITH_SOUND, JUMP_ABOVE: JUMP_ABOVE };
}));
