'use strict';
/* vigil-pace.js outside the browser: how a live player follows the newest picture. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { pace, PICTURES, WITH_SOUND, JUMP_ABOVE } = require('../../main/webapp/resources/js/vigil-pace.js');

test('a player at the lead plays at normal speed and stays there', () => {
  assert.deepEqual(pace(PICTURES.lead + 0.01, 1, false), { rate: 1, jumpTo: null });
  assert.deepEqual(pace(WITH_SOUND.lead + 0.01, 1, true), { rate: 1, jumpTo: null });
});

test('a player more than the catch-up distance behind plays faster until it is back at the lead', () => {
  assert.equal(pace(PICTURES.catchUpAbove + 0.01, 1, false).rate, 1.25);
  assert.equal(pace(PICTURES.lead + 0.01, 1.25, false).rate, 1.25, 'still above the lead: keeps catching up');
  assert.equal(pace(PICTURES.lead - 0.01, 1.25, false).rate, 1, 'below the lead: normal speed');
});

test('between the lead and the catch-up distance the rate stays as it was (no flapping)', () => {
  const between = (PICTURES.lead + PICTURES.catchUpAbove) / 2;
  assert.equal(pace(between, 1, false).rate, 1);
  assert.equal(pace(between, 1.25, false).rate, 1.25);
});

test('a stream with sound keeps further from the end than pictures alone', () => {
  // a browser whose sound runs dry waits until a good part of a second is buffered again
  const pictureLeadOnly = (PICTURES.lead + WITH_SOUND.lead) / 2;
  assert.ok(pictureLeadOnly > PICTURES.lead && pictureLeadOnly < WITH_SOUND.lead);
  assert.equal(pace(pictureLeadOnly, 1.25, false).rate, 1.25, 'pictures alone still catch up there');
  assert.equal(pace(pictureLeadOnly, 1.25, true).rate, 1, 'with sound the player is already close enough');
});

test('only a player far behind jumps, and then to its lead before the end', () => {
  assert.deepEqual(pace(JUMP_ABOVE + 0.5, 1.25, false), { rate: 1, jumpTo: PICTURES.lead });
  assert.deepEqual(pace(JUMP_ABOVE + 0.5, 1.25, true), { rate: 1, jumpTo: WITH_SOUND.lead });
  assert.equal(pace(JUMP_ABOVE - 0.1, 1, false).jumpTo, null, 'just under the jump distance it catches up by speed');
});

test('the distances are ordered: the lead under the catch-up distance under the jump', () => {
  for (const kind of [PICTURES, WITH_SOUND]) {
    assert.ok(kind.lead > 0 && kind.lead < kind.catchUpAbove && kind.catchUpAbove < JUMP_ABOVE);
  }
});
