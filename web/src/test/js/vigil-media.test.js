'use strict';
/*
 * vigil-media.js outside the browser: the MSE type read from initialisation segments built here box by
 * box as FFmpeg writes them (H.264, H.265 as hev1 and hvc1, AAC, MP3, Opus), and the H.265 question.
 * The H.265 records are those of the server's CodecStringTest: page and server name a stream alike.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const media = require('../../main/webapp/resources/js/vigil-media.js');

function bytes(...parts) {
  return parts.flatMap(p => (typeof p === 'string' ? [...p].map(c => c.charCodeAt(0)) : Array.isArray(p) ? p : [p]));
}

function box(type, ...payload) {
  const body = bytes(type, ...payload);
  const size = body.length + 4;
  return [size >>> 24, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff, ...body];
}

// a moov with one track per sample entry given
function init(...entries) {
  return new Uint8Array(bytes(box('ftyp', 'iso5', [0, 0, 2, 0]), box('moov', ...entries.map(e => box('trak', box('stsd', e))))));
}

function visual(entry, config) {
  return box(entry, new Array(78).fill(0), config);
}

// esds with an ES descriptor, its decoder configuration (object type) and, for AAC, the audio specific configuration
function esds(objectType, specific, longSizes) {
  const size = n => (longSizes ? [0x80, 0x80, 0x80, n] : [n]);
  const decoderSpecific = specific ? [0x05, ...size(specific.length), ...specific] : [];
  const config = [0x04, ...size(13 + decoderSpecific.length), objectType, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...decoderSpecific];
  const es = [0x03, ...size(3 + config.length + 3), 0, 1, 0, ...config, 0x06, 0x01, 0x02];
  return box('esds', [0, 0, 0, 0], es);
}

function sound(entry, config) {
  return box(entry, new Array(28).fill(0), config);
}

const AVC_HIGH_31 = box('avcC', [1, 0x64, 0x00, 0x1f, 0xff, 0xe1]);
const HEVC_MAIN_30 = [1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 90, 0xf0, 0, 0xfc];
const HEVC_HIGH_TIER_MAIN10 = [1, 0x22, 0x20, 0, 0, 0, 0xb0, 1, 2, 3, 4, 5, 153, 0];

test('H.264 is named by the profile, constraints and level of its avcC', () => {
  assert.equal(media.type(init(visual('avc1', AVC_HIGH_31))), 'video/mp4; codecs="avc1.64001f"');
});

test('H.265 keeps its sample entry, hev1 or hvc1, and reads its hvcC as the server does', () => {
  assert.equal(media.type(init(visual('hev1', box('hvcC', HEVC_MAIN_30)))), 'video/mp4; codecs="hev1.1.6.L90.90"');
  assert.equal(media.type(init(visual('hvc1', box('hvcC', HEVC_MAIN_30)))), 'video/mp4; codecs="hvc1.1.6.L90.90"');
  assert.equal(media.type(init(visual('hev1', box('hvcC', HEVC_HIGH_TIER_MAIN10)))),
    'video/mp4; codecs="hev1.2.4.H153.B0.1.2.3.4.5"');
});

test('AAC is named by its audio object type, whatever size encoding its descriptors use', () => {
  const lowComplexity = [0x12, 0x10]; // object type 2, 44.1 kHz, stereo
  assert.equal(media.type(init(visual('avc1', AVC_HIGH_31), sound('mp4a', esds(0x40, lowComplexity, false)))),
    'video/mp4; codecs="avc1.64001f,mp4a.40.2"');
  assert.equal(media.type(init(visual('avc1', AVC_HIGH_31), sound('mp4a', esds(0x40, [0x2b, 0x88], true)))),
    'video/mp4; codecs="avc1.64001f,mp4a.40.5"', 'HE-AAC, sizes in four bytes as FFmpeg writes them');
});

test('other MPEG-4 sound is named by its object type, and Opus by name', () => {
  assert.equal(media.type(init(visual('avc1', AVC_HIGH_31), sound('mp4a', esds(0x6b, null, false)))),
    'video/mp4; codecs="avc1.64001f,mp4a.6B"');
  assert.equal(media.type(init(visual('hev1', box('hvcC', HEVC_MAIN_30)), sound('Opus', box('dOps', [0, 2])))),
    'video/mp4; codecs="hev1.1.6.L90.90,opus"');
});

test('an ArrayBuffer is read as its bytes', () => {
  const segment = init(visual('avc1', AVC_HIGH_31));
  assert.equal(media.type(segment.buffer), 'video/mp4; codecs="avc1.64001f"');
});

test('a browser plays H.265 only where its MediaSource says it takes the cameras\' H.265', () => {
  const asked = [];
  const takes = answer => ({ isTypeSupported: t => { asked.push(t); return answer; } });
  assert.equal(media.playsHevc(takes(true)), true);
  assert.equal(media.playsHevc(takes(false)), false);
  assert.deepEqual(asked, ['video/mp4; codecs="hev1.1.6.L93.B0"', 'video/mp4; codecs="hev1.1.6.L93.B0"']);
  assert.equal(media.playsHevc(undefined), false, 'no MediaSource at all');
});
