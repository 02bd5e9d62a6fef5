'use strict';
/* vigil-regions.js outside the browser: where a drag lands on the picture, and what the fields receive. */
const test = require('node:test');
const assert = require('node:assert/strict');
const regions = require('../../main/webapp/resources/js/vigil-regions.js');

const BOX = { left: 100, top: 50, width: 640, height: 360 };

test('a pointer is placed as fractions of the picture, and outside it on its edge', () => {
  assert.deepEqual(regions.at({ clientX: 420, clientY: 230 }, BOX), { x: 0.5, y: 0.5 });
  assert.deepEqual(regions.at({ clientX: 0, clientY: 900 }, BOX), { x: 0, y: 1 });
});

test('a drag in any direction is the same rectangle', () => {
  const down = { x: 0.2, y: 0.6 };
  const up = { x: 0.5, y: 0.1 };
  assert.deepEqual(regions.rectangle(down, up), { x: 0.2, y: 0.1, width: 0.3, height: 0.5 });
  assert.deepEqual(regions.rectangle(up, down), regions.rectangle(down, up));
});

test('a click, or a line, is no rectangle', () => {
  assert.equal(regions.rectangle({ x: 0.3, y: 0.3 }, { x: 0.3, y: 0.3 }), null);
  assert.equal(regions.rectangle({ x: 0.3, y: 0.3 }, { x: 0.8, y: 0.305 }), null, 'half a percent high');
});

test('the fields get percent with one decimal, rounded inwards so the rectangle stays in the picture', () => {
  assert.deepEqual(regions.percent({ x: 0.55, y: 0.2, width: 0.4, height: 0.6 }), { left: 55, top: 20, width: 40, height: 60 });
  const edge = regions.percent({ x: 0.12345, y: 0, width: 0.87655, height: 1 });
  assert.equal(edge.left, 12.4);
  assert.ok(edge.left + edge.width <= 100 && edge.top + edge.height <= 100, JSON.stringify(edge));
});
