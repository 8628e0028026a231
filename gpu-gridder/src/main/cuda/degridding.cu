// Degridding (forward) from one w-plane: one thread per sample reads its W x W cells (reads need
// no atomics) and writes the plane's contribution; the host adds the contributions of the W planes.
// val = (xu, xv, xw) per sample; out = (re, im) per sample.
#include "es_kernel.cuh"

template <typename T>
__device__ void degrid_plane(const int* __restrict__ idx, const T* __restrict__ val, int count,
                             const T* __restrict__ coeff, int support, int plane,
                             const T* __restrict__ grid, int nu, int nv, T* out)
{
    int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s >= count) {
        return;
    }
    int u0 = idx[3 * s];
    int v0 = idx[3 * s + 1];
    int p0 = idx[3 * s + 2];
    T xu = val[3 * s];
    T xv = val[3 * s + 1];
    T ku[MAX_SUPPORT];
    int cols[MAX_SUPPORT];
    for (int a = 0; a < support; ++a) {
        ku[a] = es_tap(coeff, support, a, xu);
        cols[a] = wrap_index(u0 + a, nu);
    }
    T re = 0;
    T im = 0;
    for (int b = 0; b < support; ++b) {
        const T* row = grid + 2 * (long long) wrap_index(v0 + b, nv) * nu;
        T rr = 0;
        T ri = 0;
        for (int a = 0; a < support; ++a) {
            rr += row[2 * cols[a]] * ku[a];
            ri += row[2 * cols[a] + 1] * ku[a];
        }
        T kv = es_tap(coeff, support, b, xv);
        re += rr * kv;
        im += ri * kv;
    }
    T kw = es_tap(coeff, support, plane - p0, val[3 * s + 2]);
    out[2 * s] = re * kw;
    out[2 * s + 1] = im * kw;
}

extern "C" __global__ void degrid_plane_f32(const int* idx, const float* val, int count,
                                            const float* coeff, int support, int plane,
                                            const float* grid, int nu, int nv, float* out)
{
    degrid_plane<float>(idx, val, count, coeff, support, plane, grid, nu, nv, out);
}

extern "C" __global__ void degrid_plane_f64(const int* idx, const double* val, int count,
                                            const double* coeff, int support, int plane,
                                            const double* grid, int nu, int nv, double* out)
{
    degrid_plane<double>(idx, val, count, coeff, support, plane, grid, nu, nv, out);
}
