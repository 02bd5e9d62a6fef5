// Injected by LiveViewBench: decodes the virtual cameras' burned-in stamp from what a <video>
// shows right now (same layout and CRC as FrameStamp.java) and records
// Date.now() - capture time per tile: glass-to-glass latency on one machine, one clock.
window.vigilProbe = (function () {
  var canvas = document.createElement('canvas');
  var ctx = canvas.getContext('2d', { willReadFrequently: true });
  function crc8(bits, count) {
    var crc = 0;
    for (var i = 0; i < count; i++) {
      var top = (crc & 0x80) !== 0;
      crc = (crc << 1) & 0xff;
      if (top !== bits[i]) { crc ^= 0x07; }
    }
    return crc;
  }
  function get(bits, pos, width) {
    var v = 0;
    for (var i = 0; i < width; i++) { v = v * 2 + (bits[pos + i] ? 1 : 0); }
    return v;
  }
  function read(video) {
    var w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) { return null; }
    canvas.width = w; canvas.height = h;
    ctx.drawImage(video, 0, 0, w, h);
    var size = Math.floor(w / 80);
    var img = ctx.getImageData(0, 0, w, 2 * size).data;
    var bits = [];
    for (var i = 0; i < 160; i++) {
      var x0 = (i % 80) * size, y0 = Math.floor(i / 80) * size, sum = 0, n = 0;
      for (var y = y0 + Math.floor(size / 4); y < y0 + size - Math.floor(size / 4); y++) {
        for (var x = x0 + Math.floor(size / 4); x < x0 + size - Math.floor(size / 4); x++) {
          var p = (y * w + x) * 4;
          sum += 16 + (65.738 * img[p] + 129.057 * img[p + 1] + 25.064 * img[p + 2]) / 256;
          n++;
        }
      }
      bits.push(sum / n > (16 + 235) / 2);
    }
    if (get(bits, 0, 8) !== 0xB2 || get(bits, 152, 8) !== crc8(bits, 152)) { return null; }
    return { camera: get(bits, 8, 16), frame: get(bits, 24, 32), captured: get(bits, 56, 48) };
  }
  var samples = [], stalls = {}, last = {}, causes = {};
  function sample() {
    var now = Date.now();
    document.querySelectorAll('video[data-camera]').forEach(function (v) {
      var id = v.dataset.camera;
      var s = read(v);
      if (s && s.captured > 1e12) { samples.push(now - s.captured); }
      var t = v.currentTime;
      if (last[id] !== undefined && t <= last[id].t && now - last[id].since > 2000) {
        stalls[id] = (stalls[id] || 0) + 1;
        // why: did video keep arriving over the socket while the picture stood still (the browser
        // did not decode or play it) or did the data stop (server or socket)?
        var st = v.vigilStats || {};
        var kind = now - (st.lastData || 0) < 1000 ? 'dataArriving' : 'noData';
        causes[kind] = (causes[kind] || 0) + 1;
        last[id].since = now;
      } else if (last[id] === undefined || t > last[id].t) {
        last[id] = { t: t, since: now };
      }
    });
  }
  var timer = setInterval(sample, 100);
  return {
    take: function () { var s = samples; samples = []; return s; },
    stalls: function () { return stalls; },
    causes: function () {
      var tiles = { edgeJumps: 0, dropped: 0, resets: 0 };
      document.querySelectorAll('video[data-camera]').forEach(function (v) {
        var st = v.vigilStats || {};
        tiles.edgeJumps += st.edgeJumps || 0; tiles.dropped += st.dropped || 0; tiles.resets += st.resets || 0;
      });
      return { stalls: causes, tiles: tiles,
        decoded: Array.prototype.map.call(document.querySelectorAll('video[data-camera]'), function (v) {
          var q = v.getVideoPlaybackQuality ? v.getVideoPlaybackQuality() : {};
          return (q.totalVideoFrames || 0) + '/' + (q.droppedVideoFrames || 0);
        }).join(' ') };
    },
    stop: function () { clearInterval(timer); }
  };
})();
