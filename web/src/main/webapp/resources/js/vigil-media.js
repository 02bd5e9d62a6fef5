/*
 * What the players need to know of media before they play it, without a browser: the Media Source
 * Extensions type of an MP4 initialisation segment (the picture's codec with profile and level:
 * H.264 from its avcC, H.265 from its hvcC, ISO/IEC 14496-15 annex E; the sound's codec if any:
 * AAC's audio object type from its esds, other MPEG-4 object types by number, or Opus), and
 * whether a MediaSource plays H.265. Pure: in the page it is window.vigilMedia, in Node the
 * module its unit tests load (src/test/js).
 */
(function (root, make) {
  'use strict';
  if (typeof module === 'object' && module.exports) { module.exports = make(); } else { root.vigilMedia = make(); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  // the most common H.265 camera stream (Main, level 3.1): a browser that takes it plays what cameras send
  var HEVC_PROBE = 'video/mp4; codecs="hev1.1.6.L93.B0"';

  function hex(b) { return (b < 16 ? '0' : '') + b.toString(16); }

  // H.265's codec string from the configuration record at "at": profile space and profile,
  // compatibility flags in reverse bit order, tier and level, the constraint bytes up to the last non-zero one
  function hevcCodec(b, at, entry) {
    var first = b[at + 1], flags = ((b[at + 2] << 24) | (b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]) >>> 0, reversed = 0;
    for (var i = 0; i < 32; i++) { reversed = ((reversed << 1) | ((flags >>> i) & 1)) >>> 0; }
    var s = entry + '.' + (first >> 6 ? String.fromCharCode(64 + (first >> 6)) : '') + (first & 0x1f) + '.'
      + reversed.toString(16).toUpperCase() + '.' + (first & 0x20 ? 'H' : 'L') + b[at + 12];
    var last = 5;
    while (last >= 0 && b[at + 6 + last] === 0) { last--; }
    for (var j = 0; j <= last; j++) { s += '.' + b[at + 6 + j].toString(16).toUpperCase(); }
    return s;
  }

  // the MSE type of a segment (an ArrayBuffer or bytes), read from the first 64 KiB, where its initialisation is
  function type(data) {
    var bytes = data instanceof Uint8Array ? data.subarray(0, Math.min(data.length, 65536))
      : new Uint8Array(data, 0, Math.min(data.byteLength, 65536));
    function find(name, start) {
      for (var i = start; i + 4 <= bytes.length; i++) {
        if (bytes[i] === name.charCodeAt(0) && bytes[i + 1] === name.charCodeAt(1)
            && bytes[i + 2] === name.charCodeAt(2) && bytes[i + 3] === name.charCodeAt(3)) { return i; }
      }
      return -1;
    }
    function descriptor(at) { // an MPEG-4 descriptor: tag, then a size of 7 bits per byte
      var i = at + 1, b;
      do { b = bytes[i++]; } while (b & 0x80);
      return { tag: bytes[at], body: i };
    }
    var codecs = [], avc = find('avcC', 0), hvc = find('hvcC', 0), mp4a = find('mp4a', 0);
    if (avc >= 0) {
      codecs.push('avc1.' + hex(bytes[avc + 5]) + hex(bytes[avc + 6]) + hex(bytes[avc + 7]));
    } else if (hvc >= 0) {
      codecs.push(hevcCodec(bytes, hvc + 4, find('hvc1', 0) >= 0 ? 'hvc1' : 'hev1'));
    }
    if (mp4a >= 0 && find('esds', mp4a) >= 0) {
      var es = descriptor(find('esds', mp4a) + 8), flags = bytes[es.body + 2], p = es.body + 3;
      if (flags & 0x80) { p += 2; } // depends on another stream
      if (flags & 0x40) { p += 1 + bytes[p]; } // a URL
      if (flags & 0x20) { p += 2; } // an OCR stream
      var config = descriptor(p), objectType = bytes[config.body];
      codecs.push(objectType === 0x40
        ? 'mp4a.40.' + (bytes[descriptor(config.body + 13).body] >> 3) // AAC: its audio object type
        : 'mp4a.' + hex(objectType).toUpperCase());
    } else if (find('Opus', 0) >= 0) {
      codecs.push('opus');
    }
    return 'video/mp4; codecs="' + codecs.join(',') + '"';
  }

  // whether this MediaSource (window.MediaSource; none in some browsers) plays cameras' H.265
  function playsHevc(mediaSource) {
    return !!(mediaSource && mediaSource.isTypeSupported(HEVC_PROBE));
  }

  return { type: type, playsHevc: playsHevc };
}));
