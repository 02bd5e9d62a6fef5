/*
 * Sound buttons: <button data-sound-for="VIDEO-ID" data-on="..." data-off="..."> turns the sound of
 * that video on and off, showing the page's words for either state.
 * Pictures start muted (browsers only autoplay muted media, and an operator chooses to listen);
 * the click is the user gesture that lets the browser play the sound.
 */
(function () {
  'use strict';
  document.querySelectorAll('button[data-sound-for]').forEach(function (button) {
    var video = document.getElementById(button.dataset.soundFor);
    if (!video) { return; }
    function show() {
      button.setAttribute('aria-pressed', String(!video.muted));
      button.textContent = video.muted ? (button.dataset.off || 'Sound off') : (button.dataset.on || 'Sound on');
    }
    button.addEventListener('click', function () {
      video.muted = !video.muted;
      show();
    });
    show();
  });
})();
