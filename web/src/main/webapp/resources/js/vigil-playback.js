/*
 * Vigil playback: loads the recordings of +-10 minutes around the requested time (GET
 * .../recordings), draws the timeline (recorded spans; what lies between is a gap), and feeds the
 * stored segments (fragmented MP4, decrypted by the server; H.265 transcoded to H.264 by it when
 * this browser cannot play H.265) into Media Source Extensions at their wall-clock offsets, only those around the position (the buffer is trimmed to +-90 s, so any
 * point of the window can be reached and left). Playing forward skips gaps; reverse steps back
 * one picture per second of recording at the chosen speed. Speeds 0.25x-16x, frame step both
 * ways, jump to the next/previous event or gap, snapshot of the frame on screen (decoded by the
 * server), click on the timeline to seek. Analytics events of the range are marks on the
 * timeline; a rectangle drawn on the picture searches the recordings around the position for
 * motion in it (marks of another colour).
 */
(function () {
  'use strict';
  var video = document.getElementById('playback');
  if (!video) { return; }
  var camera = video.dataset.camera;
  var at = Date.parse(video.dataset.at);
  var state = document.getElementById('playback-state');
  var timeline = document.getElementById('timeline');
  var from = at - 10 * 60 * 1000, to = Math.min(Date.now(), at + 10 * 60 * 1000);
  var base = null, source = null, buffer = null, bufferType = null, queue = [], inflight = 0;
  var otherTracks = []; // segments whose tracks differ from the player's (a microphone switched on or off)
  var segments = [], loaded = [], spans = [], events = [];
  var reverse = false, stepStarted = 0, playing = !video.dataset.paused;
  var lastTime = -1, stuckSince = 0;
  var startAt = at, positioned = false; // until the first seek, the position is the requested one
  var FRAME = 1 / 25;
  // the codecs this browser plays: an H.265 recording is transcoded by the server for one that does not play H.265
  var plays = '?plays=h264' + (window.vigilMedia.playsHevc(window.MediaSource) ? ',h265' : '');
  // the media time of the picture on screen: a frame step moves from it, not from currentTime, which
  // may sit on a frame's edge where adding and taking away a frame's length rounds to the same picture
  var shownTime = null, lastPresented = null, learnedFrame = Infinity;
  function watchFrames() {
    if (!video.requestVideoFrameCallback) { return; }
    video.requestVideoFrameCallback(function (now, meta) {
      // while playing, two pictures in a row tell the camera's frame length (25 fps until seen); the
      // shortest seen, as a busy browser presents only some pictures and the step then looks longer
      if (!video.paused && !video.seeking && lastPresented !== null && meta.presentedFrames === lastPresented + 1) {
        var length = meta.mediaTime - shownTime;
        if (length > 0.005 && length < 0.5) { learnedFrame = Math.min(learnedFrame, length); FRAME = learnedFrame; }
      }
      lastPresented = meta.presentedFrames;
      shownTime = meta.mediaTime;
      watchFrames();
    });
  }
  watchFrames();
  window.vigilPlayback = {
    ready: false, at: at, readyAt: null, // readyAt: when the first seek was done (performance.now(), for the benchmark)
    position: function () { return base === null ? null : new Date(position()).toISOString(); },
    seek: function (iso) { seekTo(Date.parse(iso)); }, // for the benchmark: what a click on the timeline does
    type: function () { return bufferType; } // the MSE type playing (which codec the browser got)
  };

  function show(text) { state.textContent = text; }
  function api(path) {
    return fetch('api/v1/cameras/' + camera + path, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r;
    });
  }
  function position() { return positioned ? base + video.currentTime * 1000 : startAt; }
  function left(instant) { return (100 * (instant - from) / (to - from)) + '%'; }

  function drawTimeline() {
    timeline.innerHTML = '';
    spans.forEach(function (s) {
      var span = document.createElement('div');
      span.className = 'span';
      span.style.left = left(s.a);
      span.style.width = Math.max(0.2, 100 * (s.b - s.a) / (to - from)) + '%';
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
      .then(function (list) {
        events = list.map(function (ev) { return { a: Date.parse(ev.start), b: Date.parse(ev.end), ev: ev }; })
          .sort(function (x, y) { return x.a - y.a; });
        events.forEach(function (e) {
          var mark = document.createElement('div');
          mark.className = 'event ' + e.ev.type.toLowerCase();
          mark.style.left = left(e.a);
          mark.style.width = Math.max(0.3, 100 * (e.b - e.a) / (to - from)) + '%';
          mark.title = e.ev.zone ? window.vigilText('playback.eventInZone', e.ev.type, e.ev.zone, e.ev.start) : window.vigilText('playback.eventAt', e.ev.type, e.ev.start);
          mark.addEventListener('click', function (click) { click.stopPropagation(); seekTo(e.a); });
          timeline.appendChild(mark);
        });
      })
      .catch(function () { /* no events, or no right to them: the timeline still works */ });
  }

  // the segment holding the instant, or the first one after it
  function indexAt(instant) {
    for (var i = 0; i < segments.length; i++) {
      if (segments[i].b > instant) { return i; }
    }
    return segments.length - 1;
  }

  // fetches the segments around the position: one behind and three ahead (the other way round in reverse)
  function want() {
    if (base === null || !source || source.readyState !== 'open') { return; }
    var i = indexAt(position());
    var order = [i];
    for (var k = 1; k <= 3; k++) { order.push(reverse ? i - k : i + k); }
    order.push(reverse ? i + 1 : i - 1);
    order.forEach(function (j) {
      if (j >= 0 && j < segments.length && !loaded[j] && !otherTracks[j] && inflight < 2) { load(j); }
    });
  }

  function load(j) {
    loaded[j] = 'pending';
    inflight++;
    api('/recordings/segments/' + segments[j].chainSeq + plays).then(function (r) { return r.arrayBuffer(); }).then(function (data) {
      inflight--;
      queue.push({ index: j, data: data });
      append();
    }).catch(function (e) {
      inflight--;
      loaded[j] = false;
      show(window.vigilText('playback.segmentFailed', segments[j].chainSeq, e.message));
    });
  }

  function append() {
    if (!source || source.readyState !== 'open' || (buffer && buffer.updating)) { return; }
    if (queue.length === 0) { trim(); return; }
    var item = queue.shift();
    var type = window.vigilMedia.type(item.data);
    if (!buffer) {
      buffer = source.addSourceBuffer(type);
      bufferType = type;
      buffer.mode = 'segments';
      buffer.addEventListener('updateend', function () { append(); want(); });
    } else if (type !== bufferType) {
      if (type.split(',').length !== bufferType.split(',').length) {
        // one player holds one set of tracks: this segment is played by a new one when the position gets there
        otherTracks[item.index] = true;
        loaded[item.index] = false;
        append();
        return;
      }
      buffer.changeType(type);
      bufferType = type;
    }
    buffer.timestampOffset = (segments[item.index].a - base) / 1000;
    loaded[item.index] = 'buffered';
    buffer.appendBuffer(item.data);
  }

  // a new MediaSource positioned at the instant; its source buffer takes the type of the first segment in
  function openPlayer(instant) {
    loaded = [];
    queue = [];
    otherTracks = [];
    buffer = null;
    bufferType = null;
    positioned = false;
    startAt = instant;
    source = new MediaSource();
    video.src = URL.createObjectURL(source);
    source.addEventListener('sourceopen', function () {
      // the whole window from the start: a seek past what is loaded would otherwise be cut back to its end
      source.duration = (segments[segments.length - 1].b - base) / 1000 + 1;
      want();
    });
  }

  // keeps +-90 s around the position in the browser; segments trimmed away are fetched again when needed
  function trim() {
    if (!buffer || buffer.updating || video.buffered.length === 0) { return; }
    var t = video.currentTime, cut = null;
    if (video.buffered.start(0) < t - 90) {
      cut = [0, t - 60];
    } else if (video.buffered.end(video.buffered.length - 1) > t + 90) {
      cut = [t + 60, Infinity];
    }
    if (!cut) { return; }
    segments.forEach(function (s, j) {
      var a = (s.a - base) / 1000, b = (s.b - base) / 1000;
      if (loaded[j] === 'buffered' && b > cut[0] && a < cut[1]) { loaded[j] = false; }
    });
    buffer.remove(cut[0], cut[1]);
  }

  function seekTo(instant) {
    if (base === null) { return; }
    video.currentTime = Math.max(0, (instant - base) / 1000);
    want();
  }

  // an instant between two segments is in a gap: nothing was recorded there
  function inGap(instant) {
    var i = indexAt(instant);
    return segments[i].a > instant + 50 || segments[i].b < instant;
  }

  // reverse: one picture per second of recording, at the chosen speed; a gap is stepped over
  function stepBack() {
    if (!reverse || base === null) { return; }
    stepStarted = Date.now();
    var target = position() - 1000;
    if (inGap(target)) {
      var i = indexAt(target);
      if (i === 0 || segments[i].a <= target) { setReverse(false); show(window.vigilText('playback.start')); return; }
      target = segments[i - 1].b - 1000 * FRAME;
    }
    if (target < segments[0].a) { setReverse(false); show(window.vigilText('playback.start')); return; }
    seekTo(target);
  }

  function setReverse(on) {
    reverse = on;
    document.getElementById('reverse').classList.toggle('on', on);
    if (on) { playing = false; video.pause(); stepBack(); }
  }

  // jumps: next/previous analytics event; next gap = last frame before it, previous gap = first frame after it
  function nextEvent(direction) {
    var p = position(), found = null;
    events.forEach(function (e) {
      if (direction > 0 && e.a > p + 500 && found === null) { found = e.a; }
      if (direction < 0 && e.a < p - 1500) { found = e.a; }
    });
    if (found === null) { show(window.vigilText(direction > 0 ? 'playback.noLaterEvent' : 'playback.noEarlierEvent')); return; }
    seekTo(found);
  }

  function nextGap(direction) {
    var p = position(), target = null;
    if (direction > 0) {
      spans.forEach(function (s) { if (target === null && s.b - 200 > p + 500) { target = s.b - 200; } });
    } else {
      spans.forEach(function (s) { if (s.a < p - 1500) { target = s.a; } });
    }
    if (target === null) { show(window.vigilText(direction > 0 ? 'playback.noLaterGap' : 'playback.noEarlierGap')); return; }
    seekTo(target);
  }

  api('/recordings?from=' + new Date(from).toISOString() + '&to=' + new Date(to).toISOString())
    .then(function (r) { return r.json(); })
    .then(function (rec) {
      spans = rec.spans.map(function (s) { return { a: Date.parse(s.start), b: Date.parse(s.end) }; });
      segments = rec.segments.map(function (s) { return { a: Date.parse(s.start), b: Date.parse(s.end), chainSeq: s.chainSeq }; });
      // without LISTEN the server sends the pictures only: nothing to switch on
      if (!rec.sound && document.getElementById('sound')) { document.getElementById('sound').hidden = true; }
      drawTimeline();
      drawEvents();
      if (segments.length === 0 || segments[segments.length - 1].b <= at) { show(window.vigilText('playback.nothing')); return; }
      base = segments[0].a;
      openPlayer(Math.max(at, segments[indexAt(at)].a));
      // as soon as the initialisation segment is in: seek to the instant asked for (its data follows)
      video.addEventListener('loadedmetadata', function () {
        if (!positioned) { positioned = true; seekTo(startAt); }
      });
      video.addEventListener('seeked', function () {
        if (!window.vigilPlayback.ready) { window.vigilPlayback.readyAt = performance.now(); }
        window.vigilPlayback.ready = true;
        show(window.vigilText('playback.at', window.vigilTime(position(), true)));
        if (reverse) {
          setTimeout(stepBack, Math.max(0, 1000 / parseFloat(document.getElementById('speed').value) - (Date.now() - stepStarted)));
        } else if (playing) {
          video.play().catch(function () {});
        }
      });
    })
    .catch(function (e) { show(window.vigilText('refusedWhy', e.message)); });

  setInterval(function () {
    var cursor = document.getElementById('cursor');
    if (cursor && base !== null) {
      cursor.style.left = left(position());
      // playing into a gap (or stuck at the end of the segment before it): go on with the next recorded segment
      var p = position(), i = indexAt(p), stuck = lastTime === video.currentTime;
      stuckSince = stuck ? stuckSince || Date.now() : 0;
      lastTime = video.currentTime;
      var gapAfter = i + 1 < segments.length && segments[i + 1].a > segments[i].b;
      if (otherTracks[i]) {
        openPlayer(Math.max(p, segments[i].a));
      } else if (playing && !reverse && stuck && segments[i].b - p < 300 && gapAfter
          && (otherTracks[i + 1] || (video.seeking && Date.now() - stuckSince > 1000))) {
        // the recording after the gap needs another player, or this one has not reached the end of
        // its span (still seeking there after a second): a new player goes on after the gap
        openPlayer(segments[i + 1].a);
      } else if (!reverse && playing && !video.seeking) {
        if (segments[i].a > p + 50) {
          seekTo(segments[i].a);
        } else if (stuck && segments[i].b - p < 300 && i + 1 < segments.length && segments[i + 1].a > segments[i].b) {
          seekTo(segments[i + 1].a);
        }
      }
    }
    want();
  }, 250);

  document.getElementById('export-here').addEventListener('click', function (e) {
    if (base === null) { return; }
    var p = position();
    e.target.href = 'exports.xhtml?camera=' + camera + '&from=' + new Date(p - 30000).toISOString()
      + '&to=' + new Date(Math.min(Date.now(), p + 30000)).toISOString();
  });
  document.getElementById('snapshot').addEventListener('click', function (e) {
    if (base === null) { e.preventDefault(); return; }
    e.target.href = 'api/v1/cameras/' + camera + '/snapshot?at=' + new Date(position()).toISOString();
  });
  // motion search: a rectangle drawn on the picture, searched in the recordings 30 s either side
  var layer = document.getElementById('region-layer'), box = document.getElementById('region');
  var results = document.getElementById('motion-results'), drawing = null;
  document.getElementById('motion-mode').addEventListener('click', function () {
    layer.classList.add('active');
    results.textContent = window.vigilText('motion.drag');
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
    if (w < 0.01 || h < 0.01) { results.textContent = window.vigilText('motion.tooSmall'); return; }
    var p = position();
    results.textContent = window.vigilText('motion.searching');
    api('/events/recorded-motion?from=' + new Date(p - 30000).toISOString() + '&to='
        + new Date(Math.min(Date.now(), p + 30000)).toISOString()
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
          mark.title = window.vigilText('motion.at', span.start);
          mark.addEventListener('click', function (ev) { ev.stopPropagation(); seekTo(s0); });
          timeline.appendChild(mark);
        });
        results.textContent = window.vigilText(spans.length === 1 ? 'motion.one' : 'motion.many', spans.length);
      })
      .catch(function (err) { results.textContent = window.vigilText('motion.refused', err.message); });
  });

  timeline.addEventListener('click', function (e) {
    var rect = timeline.getBoundingClientRect();
    seekTo(from + (to - from) * (e.clientX - rect.left) / rect.width);
  });
  function pause() { setReverse(false); playing = false; video.pause(); }
  function step(frames) {
    pause();
    if (shownTime === null || Math.abs(video.currentTime - shownTime) >= 2 * FRAME) {
      video.currentTime = Math.max(0, video.currentTime + frames * FRAME); // no picture known yet: best effort
      return;
    }
    // aim at the middle of the wanted picture
    shownTime = Math.max(0, shownTime + frames * FRAME);
    video.currentTime = shownTime + FRAME / 2;
  }
  function play() { setReverse(false); playing = true; video.play().catch(function () {}); }
  document.getElementById('speed').addEventListener('change', function (e) { video.playbackRate = parseFloat(e.target.value); });
  document.getElementById('step').addEventListener('click', function () { step(1); });
  document.getElementById('step-back').addEventListener('click', function () { step(-1); });
  document.getElementById('play').addEventListener('click', play);
  document.getElementById('pause').addEventListener('click', pause);
  document.getElementById('reverse').addEventListener('click', function () { setReverse(!reverse); });
  document.getElementById('next-event').addEventListener('click', function () { nextEvent(1); });
  document.getElementById('prev-event').addEventListener('click', function () { nextEvent(-1); });
  document.getElementById('next-gap').addEventListener('click', function () { nextGap(1); });
  document.getElementById('prev-gap').addEventListener('click', function () { nextGap(-1); });
  document.addEventListener('keydown', function (e) {
    if (e.target.tagName === 'SELECT' || e.ctrlKey || e.altKey || e.metaKey) { return; }
    switch (e.key) {
      case ' ': if (video.paused && !reverse) { play(); } else { pause(); } e.preventDefault(); break;
      case '.': step(1); break;
      case ',': step(-1); break;
      case 'r': setReverse(!reverse); break;
      case 'n': nextEvent(1); break;
      case 'p': nextEvent(-1); break;
      case 'N': nextGap(1); break;
      case 'P': nextGap(-1); break;
      default: return;
    }
  });
})();
