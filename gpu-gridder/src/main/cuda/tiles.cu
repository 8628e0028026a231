// Tiled gridding and degridding, samples resident on the device (mirrored in Java by
// SampleTiles, TiledGridding and TiledDegridding). Samples are sorted once per task by key
// (uv tile, first w-plane) with a counting sort; for plane p one block per tile reads the
// contiguous range of its samples with first plane in [p - W + 1, p]. Templated on the support W
// so the taps live in registers (unrolled loops), with the ES polynomial coefficients in constant
// memory (set by the host through cuModuleGetGlobal: coeff_f32 / coeff_f64, [d * W + tap]).
// idx = (u0, v0, p0) per sample; val = (xu, xv, xw, re, im) (gridding) or (xu, xv, xw); degridding
// takes the stride (3, or 5 for samples packed for gridding).
#include "es_kernel.cuh"

#define TILE 32
#define TILE_THREADS 256

__constant__ float coeff_f32[(MAX_SUPPORT + 4) * MAX_SUPPORT];
__constant__ double coeff_f64[(MAX_SUPPORT + 4) * MAX_SUPPORT];

template <typename T> __device__ __forceinline__ T coeff(int i);
template <> __device__ __forceinline__ float coeff<float>(int i) { return coeff_f32[i]; }
template <> __device__ __forceinline__ double coeff<double>(int i) { return coeff_f64[i]; }

// Tap `tap` at x by Horner, degree W + 3 as EsKernel.
template <typename T, int W>
__device__ __forceinline__ T tap(int t, T x)
{
    T r = coeff<T>(t);
#pragma unroll
    for (int d = 1; d <= W + 3; ++d) {
        r = r * x + coeff<T>(d * W + t);
    }
    return r;
}

// The w tap's index differs between threads: read the coefficients by a run-time index.
template <typename T, int W>
__device__ __forceinline__ T es_tap_dynamic(int t, T x)
{
    T r = coeff<T>(t);
#pragma unroll
    for (int d = 1; d <= W + 3; ++d) {
        r = r * x + coeff<T>(d * W + t);
    }
    return r;
}

__device__ __forceinline__ int floor_mod(int i, int n)
{
    int m = i % n;
    return m < 0 ? m + n : m;
}

__device__ __forceinline__ int tile_of(int u0, int v0, int nu, int nv, int tiles_u)
{
    return floor_mod(v0, nv) / TILE * tiles_u + floor_mod(u0, nu) / TILE;
}

// --- counting sort by (tile, first plane): histogram, exclusive scan, scatter -----------------

extern "C" __global__ void tile_histogram(const int* __restrict__ idx, int count, int nu, int nv, int tiles_u,
                                          int planes, int* __restrict__ keys, unsigned int* __restrict__ counts)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    int key = tile_of(idx[3 * i], idx[3 * i + 1], nu, nv, tiles_u) * planes + idx[3 * i + 2];
    keys[i] = key;
    atomicAdd(counts + key, 1u);
}

// One block of 1024 threads: each scans a contiguous segment serially, the segment totals are
// scanned in shared memory. start[k] = sum of counts[< k]; n + 1 entries. Once per task.
extern "C" __global__ void tile_scan(const unsigned int* __restrict__ counts, int n, unsigned int* __restrict__ start)
{
    __shared__ unsigned int total[1024];
    int per = (n + blockDim.x - 1) / blockDim.x;
    int lo = min(n, (int) threadIdx.x * per);
    int hi = min(n, lo + per);
    unsigned int sum = 0;
    for (int k = lo; k < hi; ++k) {
        sum += counts[k];
    }
    total[threadIdx.x] = sum;
    __syncthreads();
    for (int step = 1; step < blockDim.x; step <<= 1) {
        unsigned int add = threadIdx.x >= step ? total[threadIdx.x - step] : 0;
        __syncthreads();
        total[threadIdx.x] += add;
        __syncthreads();
    }
    unsigned int run = total[threadIdx.x] - sum;
    for (int k = lo; k < hi; ++k) {
        start[k] = run;
        run += counts[k];
    }
    if (threadIdx.x == blockDim.x - 1) {
        start[n] = total[threadIdx.x];
    }
}

// cursor starts as a copy of start; order within a key is arbitrary (sums do not care).
extern "C" __global__ void tile_scatter(const int* __restrict__ keys, int count, unsigned int* __restrict__ cursor,
                                        int* __restrict__ order)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        order[atomicAdd(cursor + keys[i], 1u)] = i;
    }
}

// --- gridding: one block per tile for plane p ---------------------------------------------------

template <typename T>
__device__ __forceinline__ void flush_cell(T* cell, T re, T im)
{
    atomicAdd(cell, re);
    atomicAdd(cell + 1, im);
}

#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
// Hopper: one 8-byte vector atomic per complex float cell
template <>
__device__ __forceinline__ void flush_cell<float>(float* cell, float re, float im)
{
    atomicAdd(reinterpret_cast<float2*>(cell), make_float2(re, im));
}
#endif

template <typename T, int W>
__device__ void grid_tile(const int* __restrict__ idx, const T* __restrict__ val, const int* __restrict__ order,
                          const unsigned int* __restrict__ start, int planes, int tiles_u, int nu, int nv, int p,
                          T* __restrict__ grid)
{
    constexpr int S = TILE + W - 1;
    __shared__ T sub[2 * S * S];
    int t = blockIdx.x;
    int from = start[t * planes + min(planes, max(0, p - W + 1))];
    int to = start[t * planes + min(p, planes - 1) + 1];
    if (from == to) {
        return;
    }
    for (int c = threadIdx.x; c < 2 * S * S; c += blockDim.x) {
        sub[c] = 0;
    }
    __syncthreads();
    int tu = t % tiles_u * TILE;
    int tv = t / tiles_u * TILE;
    for (int pos = from + threadIdx.x; pos < to; pos += blockDim.x) {
        int i = order[pos];
        T xu = val[5 * i];
        T xv = val[5 * i + 1];
        T ku[W];
        T kv[W];
#pragma unroll
        for (int a = 0; a < W; ++a) {
            ku[a] = tap<T, W>(a, xu);
            kv[a] = tap<T, W>(a, xv);
        }
        T kw = es_tap_dynamic<T, W>(p - idx[3 * i + 2], val[5 * i + 2]);
        T re = val[5 * i + 3] * kw;
        T im = val[5 * i + 4] * kw;
        int lu = floor_mod(idx[3 * i], nu) - tu;
        int lv = floor_mod(idx[3 * i + 1], nv) - tv;
#pragma unroll
        for (int b = 0; b < W; ++b) {
            T* row = sub + 2 * ((lv + b) * S + lu);
            T fr = re * kv[b];
            T fi = im * kv[b];
#pragma unroll
            for (int a = 0; a < W; ++a) {
                atomicAdd(row + 2 * a, fr * ku[a]);
                atomicAdd(row + 2 * a + 1, fi * ku[a]);
            }
        }
    }
    __syncthreads();
    for (int c = threadIdx.x; c < S * S; c += blockDim.x) {
        T re = sub[2 * c];
        T im = sub[2 * c + 1];
        if (re != 0 || im != 0) {
            int y = (tv + c / S) % nv;
            int x = (tu + c % S) % nu;
            flush_cell<T>(grid + 2 * ((long long) y * nu + x), re, im);
        }
    }
}

// --- degridding: one block per tile for plane p, the tile staged in shared memory ---------------

template <typename T, int W>
__device__ void degrid_tile(const int* __restrict__ idx, const T* __restrict__ val, const int* __restrict__ order,
                            const unsigned int* __restrict__ start, int planes, int tiles_u, int nu, int nv, int p,
                            const T* __restrict__ grid, T* __restrict__ out, int stride)
{
    constexpr int S = TILE + W - 1;
    __shared__ T sub[2 * S * S];
    int t = blockIdx.x;
    int from = start[t * planes + min(planes, max(0, p - W + 1))];
    int to = start[t * planes + min(p, planes - 1) + 1];
    if (from == to) {
        return;
    }
    int tu = t % tiles_u * TILE;
    int tv = t / tiles_u * TILE;
    for (int c = threadIdx.x; c < S * S; c += blockDim.x) {
        int y = (tv + c / S) % nv;
        int x = (tu + c % S) % nu;
        long long cell = 2 * ((long long) y * nu + x);
        sub[2 * c] = grid[cell];
        sub[2 * c + 1] = grid[cell + 1];
    }
    __syncthreads();
    for (int pos = from + threadIdx.x; pos < to; pos += blockDim.x) {
        int i = order[pos];
        T xu = val[stride * i];
        T ku[W];
#pragma unroll
        for (int a = 0; a < W; ++a) {
            ku[a] = tap<T, W>(a, xu);
        }
        T xv = val[stride * i + 1];
        int lu = floor_mod(idx[3 * i], nu) - tu;
        int lv = floor_mod(idx[3 * i + 1], nv) - tv;
        T re = 0;
        T im = 0;
#pragma unroll
        for (int b = 0; b < W; ++b) {
            const T* row = sub + 2 * ((lv + b) * S + lu);
            T rr = 0;
            T ri = 0;
#pragma unroll
            for (int a = 0; a < W; ++a) {
                rr += row[2 * a] * ku[a];
                ri += row[2 * a + 1] * ku[a];
            }
            T kv = tap<T, W>(b, xv);
            re += rr * kv;
            im += ri * kv;
        }
        T kw = es_tap_dynamic<T, W>(p - idx[3 * i + 2], val[stride * i + 2]);
        // one block per sample and launch: a plain add is race-free
        out[2 * i] += re * kw;
        out[2 * i + 1] += im * kw;
    }
}

#define TILED_ENTRIES(T, SFX, W)                                                                          \
    extern "C" __global__ void __launch_bounds__(TILE_THREADS)                                            \
    grid_tile_##SFX##_w##W(const int* idx, const T* val, const int* order, const unsigned int* start,     \
                           int planes, int tiles_u, int nu, int nv, int p, T* grid)                       \
    {                                                                                                     \
        grid_tile<T, W>(idx, val, order, start, planes, tiles_u, nu, nv, p, grid);                        \
    }                                                                                                     \
    extern "C" __global__ void __launch_bounds__(TILE_THREADS)                                            \
    degrid_tile_##SFX##_w##W(const int* idx, const T* val, const int* order, const unsigned int* start,   \
                             int planes, int tiles_u, int nu, int nv, int p, const T* grid, T* out,       \
                             int stride)                                                                  \
    {                                                                                                     \
        degrid_tile<T, W>(idx, val, order, start, planes, tiles_u, nu, nv, p, grid, out, stride);         \
    }

// float for epsilon >= 1e-5 (single-precision kernels have W <= 8), double up to W = 16
TILED_ENTRIES(float, f32, 4) TILED_ENTRIES(float, f32, 5) TILED_ENTRIES(float, f32, 6)
TILED_ENTRIES(float, f32, 7) TILED_ENTRIES(float, f32, 8)
TILED_ENTRIES(double, f64, 4) TILED_ENTRIES(double, f64, 5) TILED_ENTRIES(double, f64, 6)
TILED_ENTRIES(double, f64, 7) TILED_ENTRIES(double, f64, 8) TILED_ENTRIES(double, f64, 9)
TILED_ENTRIES(double, f64, 10) TILED_ENTRIES(double, f64, 11) TILED_ENTRIES(double, f64, 12)
TILED_ENTRIES(double, f64, 13) TILED_ENTRIES(double, f64, 14) TILED_ENTRIES(double, f64, 15)
TILED_ENTRIES(double, f64, 16)
