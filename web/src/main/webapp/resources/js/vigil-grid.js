/*
 * The live grid's tiles as the page address keeps them (live.xhtml?layout=2&cameras=3,0,5,0: a
 * camera id per tile, 0 for an empty one): a camera placed on a tile, by its list or dragged from
 * the tree, takes that tile, and a camera already on another tile trades places with what was
 * there, so that no camera is shown twice. Pure: window.vigilGrid in the page, the module its unit
 * tests load under Node (src/test/js).
 */
(function (root, make) {
  'use strict';
  if (typeof module === 'object' && module.exports) { module.exports = make(); } else { root.vigilGrid = make(); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // the tiles after a camera is placed on tile "index" (0 empties it)
  function placed(tiles, index, camera) {
    var chosen = tiles.slice();
    var before = chosen.indexOf(camera);
    if (camera !== 0 && before >= 0 && before !== index) { chosen[before] = chosen[index]; }
    chosen[index] = camera;
    return chosen;
  }

  // the page address of a layout and its tiles
  function address(layout, tiles) {
    return 'live.xhtml?layout=' + layout + '&cameras=' + tiles.join(',');
  }

  return { placed: placed, address: address };
}));
