/**
 * A small ONVIF client (SOAP 1.2 over java.net.http, WS-UsernameToken digest with the camera's
 * clock offset): device capabilities, media profiles and stream URIs, PTZ moves.
 */
package org.vigilvms.camera.onvif;
