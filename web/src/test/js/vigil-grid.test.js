'use strict';
/* vigil-grid.js outside the browser: where cameras go when one is placed on a tile. */
const test = require('node:test');
const assert = require('node:assert/strict');
const grid = require('../../main/webapp/resources/js/vigil-grid.js');

test('a camera placed on a tile takes it; the other tiles stay', () => {
  assert.deepEqual(grid.placed([3, 0, 5, 0], 1, 7), [3, 7, 5, 0]);
  assert.deepEqual(grid.placed([3, 0, 5, 0], 0, 7), [7, 0, 5, 0]);
});

test('a camera already on the grid trades places, so none is shown twice', () => {
  assert.deepEqual(grid.placed([3, 0, 5, 0], 3, 5), [3, 0, 0, 5], 'moved onto an empty tile');
  assert.deepEqual(grid.placed([3, 0, 5, 0], 0, 5), [5, 0, 3, 0], 'swapped with the camera there');
  assert.deepEqual(grid.placed([3, 0, 5, 0], 2, 5), [3, 0, 5, 0], 'dropped where it is');
});

test('an empty choice empties the tile and leaves the others, even other empty tiles', () => {
  assert.deepEqual(grid.placed([3, 0, 5, 0], 0, 0), [0, 0, 5, 0]);
});

test('the tiles given are not changed', () => {
  const tiles = [3, 0, 5, 0];
  grid.placed(tiles, 1, 3);
  assert.deepEqual(tiles, [3, 0, 5, 0]);
});

test('the address keeps the layout and every tile in order', () => {
  assert.equal(grid.address(2, [5, 0, 3, 0]), 'live.xhtml?layout=2&cameras=5,0,3,0');
});
