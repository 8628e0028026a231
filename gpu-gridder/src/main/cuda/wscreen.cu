// W-screen application on image-sized planes (pixel order, interleaved re/im). t = n - 1 + nShift
// per quadrant pixel (|x - width/2|, |y - height/2|), NaN beyond the horizon, where the phase is 0
// as on the CPU (the grid correction zeroes those pixels). The phase is taken in double with
// sincospi: exact per plane, so no recurrence error builds up across planes.

#include "screen.cuh"

// Adjoint: dirty(x, y) += Re[F(x, y) exp(-2 pi i w t)].
template <typename T>
__device__ void screen_accumulate(const T* __restrict__ plane, const double* __restrict__ t,
                                  int width, int height, int qx, double w, double* dirty)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y;
    if (x >= width) {
        return;
    }
    double s;
    double c;
    sincospi(-2.0 * w * quadrant_t(t, x, y, width, height, qx), &s, &c);
    long long k = (long long) y * width + x;
    dirty[k] += (double) plane[2 * k] * c - (double) plane[2 * k + 1] * s;
}

// Forward: H(x, y) = I(x, y) conj(exp(-2 pi i w t)) = I exp(+2 pi i w t).
template <typename T>
__device__ void screen_fill(const double* __restrict__ image, const double* __restrict__ t,
                            int width, int height, int qx, double w, T* plane)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y;
    if (x >= width) {
        return;
    }
    double s;
    double c;
    sincospi(-2.0 * w * quadrant_t(t, x, y, width, height, qx), &s, &c);
    long long k = (long long) y * width + x;
    double value = image[k];
    plane[2 * k] = (T) (value * c);
    plane[2 * k + 1] = (T) (-value * s);
}

extern "C" __global__ void screen_accumulate_f32(const float* plane, const double* t, int width,
                                                 int height, int qx, double w, double* dirty)
{
    screen_accumulate<float>(plane, t, width, height, qx, w, dirty);
}

extern "C" __global__ void screen_accumulate_f64(const double* plane, const double* t, int width,
                                                 int height, int qx, double w, double* dirty)
{
    screen_accumulate<double>(plane, t, width, height, qx, w, dirty);
}

extern "C" __global__ void screen_fill_f32(const double* image, const double* t, int width,
                                           int height, int qx, double w, float* plane)
{
    screen_fill<float>(image, t, width, height, qx, w, plane);
}

extern "C" __global__ void screen_fill_f64(const double* image, const double* t, int width,
                                           int height, int qx, double w, double* plane)
{
    screen_fill<double>(image, t, width, height, qx, w, plane);
}
