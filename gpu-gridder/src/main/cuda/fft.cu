// Mixed-radix (2, 3, 5) Stockham FFT of grid lines, one block per line, the line held in shared
// memory in two buffers used in turn (autosort, no bit reversal), mirrored in Java by StockhamFft:
// stage thread j in [0, n/R) reads a[j + q n/R], twiddles by exp(-2 pi i (j mod Ns) q / (Ns R)),
// does an R-point DFT and writes b[(j / Ns) Ns R + j mod Ns + q Ns]. Forward sign (JTransforms'
// complexForward), unscaled. tw[m] = exp(-2 pi i m / n), m in [0, n), built on the host.
// The pruning is PlaneFft's: columns along v only where data can be, rows along u only for image
// rows, and the row pass is fused with the w-screen (accumulate for the dirty image, fill for
// prediction), so no image-sized plane is written.
#include "screen.cuh"

#define FFT_THREADS 256

template <typename T> struct Complex;
template <> struct Complex<float> { typedef float2 type; };
template <> struct Complex<double> { typedef double2 type; };

template <typename T, int R>
__device__ void stockham_stage(const typename Complex<T>::type* a, typename Complex<T>::type* b, int n, int ns,
                               const typename Complex<T>::type* __restrict__ tw)
{
    typedef typename Complex<T>::type C;
    int m = n / R;
    int step = n / (ns * R);
    for (int j = threadIdx.x; j < m; j += blockDim.x) {
        int k = j % ns;
        C v[R];
#pragma unroll
        for (int q = 0; q < R; ++q) {
            C x = a[j + q * m];
            C w = tw[(k * q * step) % n];
            v[q].x = x.x * w.x - x.y * w.y;
            v[q].y = x.x * w.y + x.y * w.x;
        }
        int base = (j / ns) * ns * R + k;
#pragma unroll
        for (int q = 0; q < R; ++q) {
            C s;
            s.x = 0;
            s.y = 0;
#pragma unroll
            for (int t = 0; t < R; ++t) {
                C w = tw[(t * q % R) * m];
                s.x += v[t].x * w.x - v[t].y * w.y;
                s.y += v[t].x * w.y + v[t].y * w.x;
            }
            b[base + q * ns] = s;
        }
    }
}

// Transforms the line in buf[0..n); returns the buffer (buf or buf + n) holding the result.
template <typename T>
__device__ typename Complex<T>::type* line_fft(typename Complex<T>::type* buf, int n,
                                               const int* __restrict__ radices, int stages,
                                               const typename Complex<T>::type* __restrict__ tw)
{
    typedef typename Complex<T>::type C;
    C* a = buf;
    C* b = buf + n;
    int ns = 1;
    for (int s = 0; s < stages; ++s) {
        __syncthreads();
        int r = radices[s];
        if (r == 5) {
            stockham_stage<T, 5>(a, b, n, ns, tw);
        } else if (r == 3) {
            stockham_stage<T, 3>(a, b, n, ns, tw);
        } else {
            stockham_stage<T, 2>(a, b, n, ns, tw);
        }
        C* t = a;
        a = b;
        b = t;
        ns *= r;
    }
    __syncthreads();
    return a;
}

// Along v, in place, the data columns columns[blockIdx.x] of an nu x nv grid. Shared: 2 nv complex.
template <typename T>
__device__ void fft_columns(T* grid, int nu, int nv, const int* __restrict__ columns,
                            const int* __restrict__ radices, int stages, const T* __restrict__ tw)
{
    typedef typename Complex<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* buf = reinterpret_cast<C*>(smem);
    C* g = reinterpret_cast<C*>(grid);
    long long c = columns[blockIdx.x];
    for (int v = threadIdx.x; v < nv; v += blockDim.x) {
        buf[v] = g[v * (long long) nu + c];
    }
    C* out = line_fft<T>(buf, nv, radices, stages, reinterpret_cast<const C*>(tw));
    for (int v = threadIdx.x; v < nv; v += blockDim.x) {
        g[v * (long long) nu + c] = out[v];
    }
}

// Image row y = blockIdx.x: the grid row (y - height/2) mod nv along u, then
// dirty(x, y) += Re[F((width/2 - x) mod nu) exp(-2 pi i w t)]. Shared: 2 nu complex.
template <typename T>
__device__ void fft_rows_accumulate(const T* grid, int nu, int nv, const int* __restrict__ radices, int stages,
                                    const T* __restrict__ tw, int width, int height, const double* __restrict__ t,
                                    int qx, double w, double* dirty)
{
    typedef typename Complex<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* buf = reinterpret_cast<C*>(smem);
    int y = blockIdx.x;
    const C* row = reinterpret_cast<const C*>(grid) + floor_mod_i(y - height / 2, nv) * (long long) nu;
    for (int u = threadIdx.x; u < nu; u += blockDim.x) {
        buf[u] = row[u];
    }
    C* f = line_fft<T>(buf, nu, radices, stages, reinterpret_cast<const C*>(tw));
    for (int x = threadIdx.x; x < width; x += blockDim.x) {
        C v = f[floor_mod_i(width / 2 - x, nu)];
        double s;
        double c;
        sincospi(-2.0 * w * quadrant_t(t, x, y, width, height, qx), &s, &c);
        dirty[(long long) y * width + x] += (double) v.x * c - (double) v.y * s;
    }
}

// Prediction, image row y = blockIdx.x: the screened model model(x, y) exp(+2 pi i w t) placed at
// u = (x - width/2) mod nu of grid row (height/2 - y) mod nv, transformed along u, stored. The
// grid's other rows must be zero (the host clears the grid per plane).
template <typename T>
__device__ void fft_rows_fill(const double* __restrict__ model, int nu, int nv, const int* __restrict__ radices,
                              int stages, const T* __restrict__ tw, int width, int height,
                              const double* __restrict__ t, int qx, double w, T* grid)
{
    typedef typename Complex<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* buf = reinterpret_cast<C*>(smem);
    int y = blockIdx.x;
    for (int u = threadIdx.x; u < nu; u += blockDim.x) {
        buf[u].x = 0;
        buf[u].y = 0;
    }
    __syncthreads();
    for (int x = threadIdx.x; x < width; x += blockDim.x) {
        double s;
        double c;
        sincospi(-2.0 * w * quadrant_t(t, x, y, width, height, qx), &s, &c);
        double value = model[(long long) y * width + x];
        C v;
        v.x = (T) (value * c);
        v.y = (T) (-value * s);
        buf[floor_mod_i(x - width / 2, nu)] = v;
    }
    C* f = line_fft<T>(buf, nu, radices, stages, reinterpret_cast<const C*>(tw));
    C* row = reinterpret_cast<C*>(grid) + floor_mod_i(height / 2 - y, nv) * (long long) nu;
    for (int u = threadIdx.x; u < nu; u += blockDim.x) {
        row[u] = f[u];
    }
}

// A line of n points in place (n <= blockDim-independent; any 2^a 3^b 5^c that fits in shared memory):
// the device check compares it with StockhamFft and JTransforms.
template <typename T>
__device__ void fft_lines(T* data, int n, const int* __restrict__ radices, int stages, const T* __restrict__ tw)
{
    typedef typename Complex<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* buf = reinterpret_cast<C*>(smem);
    C* line = reinterpret_cast<C*>(data) + blockIdx.x * (long long) n;
    for (int k = threadIdx.x; k < n; k += blockDim.x) {
        buf[k] = line[k];
    }
    C* f = line_fft<T>(buf, n, radices, stages, reinterpret_cast<const C*>(tw));
    for (int k = threadIdx.x; k < n; k += blockDim.x) {
        line[k] = f[k];
    }
}

#define FFT_ENTRIES(T, SFX)                                                                                \
    extern "C" __global__ void __launch_bounds__(FFT_THREADS)                                              \
    fft_columns_##SFX(T* grid, int nu, int nv, const int* columns, const int* radices, int stages,         \
                      const T* tw)                                                                         \
    {                                                                                                      \
        fft_columns<T>(grid, nu, nv, columns, radices, stages, tw);                                        \
    }                                                                                                      \
    extern "C" __global__ void __launch_bounds__(FFT_THREADS)                                              \
    fft_rows_accumulate_##SFX(const T* grid, int nu, int nv, const int* radices, int stages, const T* tw,  \
                              int width, int height, const double* t, int qx, double w, double* dirty)     \
    {                                                                                                      \
        fft_rows_accumulate<T>(grid, nu, nv, radices, stages, tw, width, height, t, qx, w, dirty);         \
    }                                                                                                      \
    extern "C" __global__ void __launch_bounds__(FFT_THREADS)                                              \
    fft_rows_fill_##SFX(const double* model, int nu, int nv, const int* radices, int stages, const T* tw,  \
                        int width, int height, const double* t, int qx, double w, T* grid)                 \
    {                                                                                                      \
        fft_rows_fill<T>(model, nu, nv, radices, stages, tw, width, height, t, qx, w, grid);               \
    }                                                                                                      \
    extern "C" __global__ void __launch_bounds__(FFT_THREADS)                                              \
    fft_lines_##SFX(T* data, int n, const int* radices, int stages, const T* tw)                           \
    {                                                                                                      \
        fft_lines<T>(data, n, radices, stages, tw);                                                        \
    }

FFT_ENTRIES(float, f32)
FFT_ENTRIES(double, f64)
