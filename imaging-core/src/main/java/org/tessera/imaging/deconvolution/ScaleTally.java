package org.tessera.imaging.deconvolution;

/**
 * What a multiscale minor cycle cleaned at one scale, as WSClean's "Multi-scale cleaning summary".
 *
 * @param scale      size in pixels (0: point components)
 * @param components components found at this scale
 * @param flux       their flux, Jy
 */
public record ScaleTally(double scale, int components, double flux) {
}
