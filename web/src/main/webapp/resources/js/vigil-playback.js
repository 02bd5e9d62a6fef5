/*
 * Vigil playback: loads the recordings around the requested time (GET .../recordings), draws the
 * timeline (recorded spans; what lies between is a gap), feeds the stored segments (fragmented
 * MP4, decrypted by the server) into Media Source Extensions at their wall-clock offsets and
 * seeks to the requested instant. Speeds 0.25x-16x, frame step, click on the timeline to seek.
 * Analytics events of the range are marks on the timeline; a rectangle drawn on the picture
 * searches the recordings around the position for motion in it (marks of another colour).
 */
(function () {
  'use strict';
  var video = document.getElementById('playback');
  if (!video) { return; }
  var camera = video.dataset.camera;
  var at = Date.parse(video.dataset.at);
  var state = document.getElementById('playback-state');
  var timeline = document.getElementById('timeline');
  var from = at - 10 * 60 * 1000, to = at + 10 * 60 * 1000;
  var base = null, source = null, buffer = null, queue = [], segments = [], next = 0;
  window.vigilPlayback = { ready: false, at: at };

  function show(text) { state.textContent = text; }
  function api(path) {
    return fetch('api/v1/cameras/' + camera + path, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r;
    });
  }

  function drawTimeline(spans) {
    timeline.innerHTML = '';
    spans.forEach(function (s) {
      var a = Date.parse(s.start), b = Date.parse(s.end);
      var span = document.createElement('div');
      span.className = 'span';
      span.style.left = (100 * (a - from) / (to - from)) + '%';
      span.style.width = Math.max(0.2, 100 * (b - a) / (to - from)) + '%';
      timeline.appendChild(span);
    });
    var cursor = document.createElement('div');
    cursor.className = 'cursor';
    cursor.id = 'cursor';
    timeline.appendChild(cursor);
  }

  // analytics events of the range as marks on the timeline (motion, tampering); a click plays from there
  function drawEvents() {
    api('/events?from=' + new Date(from).toISOString() + '&to=' + new Date(to).toISOString())
      .then(function (r) { return r.json(); })
      .then(function (events) {
        events.forEach(function (ev) {
          var a = Date.parse(ev.start), b = Date.parse(ev.end);
          var mark = document.createElement('div');
          mark.className = 'event ' + ev.type.toLowerCase();
          mark.style.left = (100 * (a - from) / (to - from)) + '%';
          mark.style.width = Math.max(0.3, 100 * (b - a) / (to - from)) + '%';
          mark.title = ev.type + (ev.zone ? ' in ' + ev.zone : '') + ' at ' + ev.start;
          mark.addEventListener('click', function (e) { e.stopPropagation(); seekTo(a); });
          timeline.appendChild(mark);
        });
      })
      .catch(function () { /* no events, or no right to them: the timeline still works */ });
  }

  function fetchNext() {
    if (next >= segments.length || queue.length > 2) { return; }
    var s = segments[next++];
    api('/recordings/segments/' + s.chainSeq).then(function (r) { return r.arrayBuffer(); }).then(function (data) {
      queue.push({ offset: (Date.parse(s.start) - base) / 1000, data: data });
      append();
    }).catch(function (e) { show('segment ' + s.chainSeq + ': ' + e.message); });
  }

  function append() {
    if (!buffer || buffer.updating || queue.length === 0) { return; }
    var item = queue.shift();
    buffer.timestampOffset = item.offset;
    buffer.appendBuffer(item.data);
  }

  function seekTo(instant) {
    if (base === null) { return; }
    video.currentTime = Math.max(0, (instant - base) / 1000);
  }

  api('/recordings?from=' + new Date(from).toISOString() + '&to=' + new Date(to).toISOString())
    .then(function (r) { return r.json(); })
    .then(function (rec) {
      drawTimeline(rec.spans);
      drawEvents();
      segments = rec.segments.filter(function (s) { return Date.parse(s.end) > at; });
      if (segments.length === 0) { show('nothing recorded at that time'); return; }
      base = Date.parse(segments[0].start);
      source = new MediaSource();
      video.src = URL.createObjectURL(source);
      source.addEventListener('sourceopen', function () {
        buffer = source.addSourceBuffer('video/mp4; codecs="avc1.42e01e"');
        buffer.mode = 'segments';
        buffer.addEventListener('updateend', function () { append(); fetchNext(); });
        fetchNext();
        fetchNext();
      });
      var first = true;
      video.addEventListener('loadeddata', function () {
        if (first) { first = false; seekTo(Math.max(at, base)); }
      });
      video.addEventListener('seeked', function () {
        window.vigilPlayback.ready = true;
        show('at ' + new Date(base + video.currentTime * 1000).toISOString());
        if (!video.dataset.paused) { video.play().catch(function () {}); }
      });
    })
    .catch(function (e) { show('refused (' + e.message + ')'); });

  setInterval(function () {
    var cursor = document.getElementById('cursor');
    if (cursor && base !== null) {
      cursor.style.left = (100 * (base + video.currentTime * 1000 - from) / (to - from)) + '%';
    }
    fetchNext();
  }, 250);

  document.getElementById('export-here').addEventListener('click', function (e) {
    if (base === null) { return; }
    var position = base + video.currentTime * 1000;
    e.target.href = 'exports.xhtml?camera=' + camera + '&from=' + new Date(position - 30000).toISOString()
      + '&to=' + new Date(Math.min(Date.now(), position + 30000)).toISOString();
  });
  // motion search: a rectangle drawn on the picture, searched in the recordings 30 s either side
  var layer = document.getElementById('region-layer'), box = document.getElementById('region');
  var results = document.getElementById('motion-results'), drawing = null;
  document.getElementById('motion-mode').addEventListener('click', function () {
    layer.classList.add('active');
    results.textContent = 'drag a rectangle on the picture';
  });
  function frac(e) {
    var r = layer.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)) };
  }
  function place(a, b) {
    box.style.left = (100 * Math.min(a.x, b.x)) + '%'; box.style.top = (100 * Math.min(a.y, b.y)) + '%';
    box.style.width = (100 * Math.abs(a.x - b.x)) + '%'; box.style.height = (100 * Math.abs(a.y - b.y)) + '%';
  }
  layer.addEventListener('mousedown', function (e) { drawing = frac(e); place(drawing, drawing); e.preventDefault(); });
  layer.addEventListener('mousemove', function (e) { if (drawing) { place(drawing, frac(e)); } });
  layer.addEventListener('mouseup', function (e) {
    if (!drawing || base === null) { drawing = null; return; }
    var a = drawing, b = frac(e);
    drawing = null;
    layer.classList.remove('active');
    var x = Math.min(a.x, b.x), y = Math.min(a.y, b.y), w = Math.abs(a.x - b.x), h = Math.abs(a.y - b.y);
    if (w < 0.01 || h < 0.01) { results.textContent = 'the region is too small'; return; }
    var position = base + video.currentTime * 1000;
    results.textContent = 'searching...';
    api('/events/recorded-motion?from=' + new Date(position - 30000).toISOString() + '&to='
        + new Date(Math.min(Date.now(), position + 30000)).toISOString()
        + '&x=' + x.toFixed(4) + '&y=' + y.toFixed(4) + '&w=' + w.toFixed(4) + '&h=' + h.toFixed(4))
      .then(function (r) { return r.json(); })
      .then(function (spans) {
        Array.prototype.forEach.call(timeline.querySelectorAll('.found'), function (m) { m.remove(); });
        spans.forEach(function (span) {
          var s0 = Date.parse(span.start), s1 = Date.parse(span.end);
          var mark = document.createElement('div');
          mark.className = 'found';
          mark.style.left = (100 * (s0 - from) / (to - from)) + '%';
          mark.style.width = Math.max(0.3, 100 * (s1 - s0) / (to - from)) + '%';
          mark.title = 'motion in the region at ' + span.start;
          mark.addEventListener('click', function (ev) { ev.stopPropagation(); seekTo(s0); });
          timeline.appendChild(mark);
        });
        results.textContent = spans.length + ' span' + (spans.length === 1 ? '' : 's') + ' with motion in the region';
      })
      .catch(function (err) { results.textContent = 'search refused (' + err.message + ')'; });
  });

  timeline.addEventListener('click', function (e) {
    var rect = timeline.getBoundingClientRect();
    seekTo(from + (to - from) * (e.clientX - rect.left) / rect.width);
  });
  document.getElementById('speed').addEventListener('change', function (e) { video.playbackRate = parseFloat(e.target.value); });
  document.getElementById('step').addEventListener('click', function () { video.pause(); video.currentTime += 1 / 25; });
  document.addEventListener('keydown', function (e) {
    if (e.key === ' ') { if (video.paused) { video.play(); } else { video.pause(); } e.preventDefault(); }
    if (e.key === '.') { video.pause(); video.currentTime += 1 / 25; }
  });
})();
