/*
 * Vigil live tiles: for each <video data-camera>, ask the API for a ticket (a token bound to
 * this session, 30 s), open the WebSocket (a grid tile, data-fit, gives its width for the
 * server to choose the camera's main stream or sub-stream; a browser that plays H.265 says so,
 * others get an H.265 camera transcoded to H.264 by the server), and feed the fragmented MP4 into Media Source
 * Extensions. Keeps latency low by following the newest picture at the pace vigilPace gives,
 * checked five times a second.
 */
(function () {
  'use strict';

  // whether this browser plays H.265 (most only with a hardware decoder); the server transcodes for those that do not
  var playsHevc = window.vigilMedia.playsHevc(window.MediaSource);

  function play(video) {
    var camera = video.dataset.camera;
    var state = document.getElementById('state-' + camera);
    var source = null, buffer = null, pending = [], codec = null, socket = null;
    // what happened to this tile, for diagnosing stalls (read by the live-view benchmark)
    var stats = video.vigilStats = { lastData: 0, bytes: 0, dropped: 0, edgeJumps: 0, resets: 0, waits: 0, codec: null };
    video.addEventListener('waiting', function () { stats.waits++; }); // ran dry: nothing left to play

    function show(text) { if (state) { state.textContent = text; } }

    function reset(newCodec) {
      codec = stats.codec = newCodec;
      pending = [];
      buffer = null;
      stats.resets++;
      source = new MediaSource();
      video.src = URL.createObjectURL(source);
      source.addEventListener('sourceopen', function () {
        source.duration = Infinity; // a live stream: the browser renders each picture as it comes
        buffer = source.addSourceBuffer('video/mp4; codecs="' + codec + '"');
        buffer.mode = 'segments';
        buffer.addEventListener('updateend', drain);
        drain();
      });
    }

    function drain() {
      if (!buffer || buffer.updating || pending.length === 0) { return; }
      try {
        buffer.appendBuffer(pending.shift());
      } catch (e) {
        stats.dropped += pending.length + 1;
        pending = []; // quota or decode trouble: the next keyframe restarts cleanly
      }
    }

    function connect() {
      show(window.vigilText('state.connecting'));
      window.vigil.call('GET', 'cameras/' + camera + '/live')
        .then(function (ticket) {
          // pictures only unless the page can play the sound: the sound arrives later and a browser
          // plays only as far as all tracks reach
          // a grid tile says how wide it is, so that the server sends the camera's smaller sub-stream where it fits
          var fit = video.dataset.fit ? '&w=' + Math.round(video.clientWidth * (window.devicePixelRatio || 1)) : '';
          socket = new WebSocket('wss://' + location.host + ticket.path + (video.dataset.sound ? '&sound=1' : '') + fit
            + (playsHevc ? '&hevc=1' : ''));
          socket.binaryType = 'arraybuffer';
          socket.onmessage = function (m) {
            if (typeof m.data === 'string') {
              reset(JSON.parse(m.data).codec);
              show(window.vigilText('state.live'));
            } else {
              stats.lastData = Date.now();
              stats.bytes += m.data.byteLength;
              pending.push(m.data);
              drain();
            }
          };
          socket.onclose = function (e) {
            // a refusal (1008) says why, and is tried again later; anything else reconnects soon
            var refused = e.code === 1008 && e.reason;
            show(refused ? window.vigilText('refusedWhy', e.reason) : window.vigilText('state.reconnecting'));
            setTimeout(connect, refused ? 10000 : 2000);
          };
        })
        // a refusal says why (such as the camera's recorder node being down) and is asked again less often
        .catch(function (e) { show(window.vigilText('refusedWhy', e.message)); setTimeout(connect, e.status === 400 || e.status === 403 ? 30000 : 5000); });
    }

    setInterval(function () {
      if (!buffer || video.buffered.length === 0) { return; }
      var end = video.buffered.end(video.buffered.length - 1);
      var next = window.vigilPace.pace(end - video.currentTime, video.playbackRate, codec.indexOf(',') >= 0);
      if (next.jumpTo !== null) {
        stats.edgeJumps++;
        video.currentTime = end - next.jumpTo;
      }
      if (video.playbackRate !== next.rate) { video.playbackRate = next.rate; }
      if (video.paused) { video.play().catch(function () {}); }
      var start = video.buffered.start(0);
      if (!buffer.updating && video.currentTime - start > 20) { buffer.remove(start, video.currentTime - 10); }
    }, 200);

    connect();
  }

  document.querySelectorAll('video[data-camera]').forEach(play);

  // a tile fills the screen (its button, or a double click on its picture) and comes back the same way or with Escape
  function toggleFullscreen(tile) {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(function () {});
    } else {
      tile.requestFullscreen().catch(function () {});
    }
  }
  document.querySelectorAll('figure.tile').forEach(function (tile) {
    var button = tile.querySelector('button.fullscreen');
    if (button) { button.addEventListener('click', function () { toggleFullscreen(tile); }); }
    var video = tile.querySelector('video');
    if (video) { video.addEventListener('dblclick', function () { toggleFullscreen(tile); }); }
  });

  // keyboard: 1-4 switch the layout
  document.addEventListener('keydown', function (e) {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') { return; }
    if (e.key >= '1' && e.key <= '4' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      location.href = 'live.xhtml?layout=' + e.key;
    }
  });
})();

/*
 * Composing and saving views: a camera dragged from the tree onto a tile, or chosen in a tile's
 * list (filled from the page's one list of cameras when it is first used), takes that tile (vigilGrid.placed; the page reloads with the cameras in tile order); the
 * tree opens and closes with its button and stays as it was left in this browser. (The page's
 * Faces form saves the grid as a view.)
 */
(function () {
  'use strict';
  var grid = document.getElementById('grid');
  if (!grid) { return; }
  function tiles() {
    return Array.prototype.map.call(grid.querySelectorAll('figure.tile'), function (f) { return Number(f.dataset.camera); });
  }
  function place(tile, camera) {
    location.href = window.vigilGrid.address(grid.dataset.layout, window.vigilGrid.placed(tiles(), Number(tile.dataset.index), camera));
  }
  // a tile's list holds its own camera until it is about to be used: then every camera the page offers, from
  // the one list in the page's template (one copy, however many tiles)
  var choices = document.getElementById('camera-choices');
  function fill(select) {
    if (select.dataset.filled || !choices) { return; }
    select.dataset.filled = 'true';
    var current = select.value;
    Array.prototype.slice.call(select.options, 1).forEach(function (o) { o.remove(); });
    select.appendChild(choices.content.cloneNode(true));
    select.value = current;
  }
  grid.querySelectorAll('select.swap').forEach(function (select) {
    ['focus', 'pointerdown', 'mousedown'].forEach(function (type) { select.addEventListener(type, function () { fill(select); }); });
    select.addEventListener('change', function () { place(select.closest('figure'), Number(select.value)); });
  });

  var tree = document.getElementById('camera-tree');
  var toggle = document.getElementById('tree-toggle');
  function showTree(open) {
    tree.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    try { localStorage.setItem('vigil.liveTree', open ? 'open' : 'closed'); } catch (e) { /* private mode: not kept */ }
  }
  var kept = null;
  try { kept = localStorage.getItem('vigil.liveTree'); } catch (e) { kept = null; }
  showTree(kept === 'open');
  toggle.addEventListener('click', function () { showTree(tree.hidden); });

  // a drag with the mouse: a label follows the pointer, the tile under it is marked, and a drop there places the camera
  var dragged = null, ghost = null, target = null;
  function tileAt(e) {
    var under = document.elementFromPoint(e.clientX, e.clientY);
    return under ? under.closest('figure.tile') : null;
  }
  function mark(tile) {
    if (target) { target.classList.remove('drop-target'); }
    target = tile;
    if (target) { target.classList.add('drop-target'); }
  }
  tree.addEventListener('mousedown', function (e) {
    var node = e.target.closest('[data-camera]');
    if (!node || e.button !== 0) { return; }
    dragged = { camera: Number(node.dataset.camera), name: node.textContent };
    e.preventDefault();
  });
  document.addEventListener('mousemove', function (e) {
    if (!dragged) { return; }
    if (!ghost) {
      ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = dragged.name;
      document.body.appendChild(ghost);
    }
    ghost.style.left = (e.clientX + 12) + 'px';
    ghost.style.top = (e.clientY + 12) + 'px';
    mark(tileAt(e));
  });
  document.addEventListener('mouseup', function (e) {
    if (!dragged) { return; }
    var tile = tileAt(e), camera = dragged.camera;
    mark(null);
    if (ghost) { ghost.remove(); ghost = null; }
    dragged = null;
    if (tile) { place(tile, camera); }
  });
})();
