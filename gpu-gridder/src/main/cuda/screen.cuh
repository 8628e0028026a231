// The w-screen's t = n - 1 + nShift on one quadrant of pixel offsets (ScreenQuadrant), shared by
// wscreen.cu and the fused FFT row kernels of fft.cu. NaN beyond the horizon reads as 0 (the
// grid correction zeroes those pixels).
#pragma once

__device__ __forceinline__ double quadrant_t(const double* t, int x, int y, int width, int height, int qx)
{
    int dx = abs(x - width / 2);
    int dy = abs(y - height / 2);
    double tt = t[dy * qx + dx];
    return isnan(tt) ? 0.0 : tt;
}

__device__ __forceinline__ int floor_mod_i(int i, int n)
{
    int m = i % n;
    return m < 0 ? m + n : m;
}
