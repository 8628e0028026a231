// Gridding (adjoint) onto one w-plane. Samples arrive packed by the host (SamplePacker):
// idx = (u0, v0, p0) first taps, val = (xu, xv, xw, re, im) local kernel coordinates and the
// weighted visibility. Choice: per-sample atomicAdd on the plane grid, with W threads per sample
// (one per kernel column), so the W lanes of a sample hit W consecutive grid cells of a row at
// once; samples are sorted by w only, so contention between samples is rare and no per-tile
// sorting pass on the host is needed.
#include "es_kernel.cuh"

template <typename T>
__device__ void grid_plane(const int* __restrict__ idx, const T* __restrict__ val, int count,
                           const T* __restrict__ coeff, int support, int plane,
                           T* grid, int nu, int nv)
{
    long long thread = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    int s = (int) (thread / support);
    int a = (int) (thread - (long long) s * support);
    if (s >= count) {
        return;
    }
    int u0 = idx[3 * s];
    int v0 = idx[3 * s + 1];
    int p0 = idx[3 * s + 2];
    T kw = es_tap(coeff, support, plane - p0, val[5 * s + 2]);
    T ku = es_tap(coeff, support, a, val[5 * s]);
    T re = val[5 * s + 3] * kw * ku;
    T im = val[5 * s + 4] * kw * ku;
    T xv = val[5 * s + 1];
    int col = wrap_index(u0 + a, nu);
    for (int b = 0; b < support; ++b) {
        T kv = es_tap(coeff, support, b, xv);
        int row = wrap_index(v0 + b, nv);
        T* cell = grid + 2 * ((long long) row * nu + col);
        atomicAdd(cell, re * kv);
        atomicAdd(cell + 1, im * kv);
    }
}

extern "C" __global__ void grid_plane_f32(const int* idx, const float* val, int count,
                                          const float* coeff, int support, int plane,
                                          float* grid, int nu, int nv)
{
    grid_plane<float>(idx, val, count, coeff, support, plane, grid, nu, nv);
}

extern "C" __global__ void grid_plane_f64(const int* idx, const double* val, int count,
                                          const double* coeff, int support, int plane,
                                          double* grid, int nu, int nv)
{
    grid_plane<double>(idx, val, count, coeff, support, plane, grid, nu, nv);
}
