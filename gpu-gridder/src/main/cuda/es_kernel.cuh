// Shared device helpers: the ES kernel as W piecewise polynomials (coefficients fitted on the
// host exactly as imaging-core's EsKernel does) and the periodic wrap of grid indices.
#pragma once

#define MAX_SUPPORT 16

// Value of tap `tap` at local coordinate x in [-1, 1]; coeff[d * W + tap], highest power first.
template <typename T>
__device__ __forceinline__ T es_tap(const T* __restrict__ coeff, int support, int tap, T x)
{
    T r = __ldg(coeff + tap);
    for (int d = 1; d <= support + 3; ++d) {
        r = r * x + __ldg(coeff + d * support + tap);
    }
    return r;
}

// First taps lie within W/2 cells of a coordinate in [0, n), so one add or subtract wraps them.
__device__ __forceinline__ int wrap_index(int i, int n)
{
    return i < 0 ? i + n : (i >= n ? i - n : i);
}
