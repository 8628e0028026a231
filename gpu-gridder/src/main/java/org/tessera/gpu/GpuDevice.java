package org.tessera.gpu;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * The first CUDA device as the driver API reports it, or why there is none. Needs only the NVIDIA
 * driver (libcuda) and JCuda's natives; any failure to load or initialise them means "no usable
 * CUDA device", with the reason.
 */
public record GpuDevice(boolean usable, String name, long memoryBytes, int driverVersion, String reason) {
    /** nvcc 13.0 emits PTX ISA 9.0, which drivers older than CUDA 13.0 cannot JIT-compile. */
    static final int PTX_DRIVER_VERSION = 13000;

    /** The driver's answer does not change within a process, and a failed native load cannot be retried. */
    private static volatile GpuDevice cached;

    public static GpuDevice probe() {
        GpuDevice d = cached;
        if (d == null) {
            d = detect();
            cached = d;
        }
        return d;
    }

    private static GpuDevice detect() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = {0};
            cuDeviceGetCount(count);
            if (count[0] < 1) {
                return unusable("the CUDA driver reports no devices");
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            long[] memory = {0};
            cuDeviceTotalMem(memory, device);
            int[] version = {0};
            cuDriverGetVersion(version);
            if (version[0] < PTX_DRIVER_VERSION) {
                return unusable(String.format("the driver supports CUDA %d.%d but the packaged PTX (ISA 9.0)"
                        + " needs a CUDA 13.0 driver", version[0] / 1000, version[0] % 1000 / 10));
            }
            String text = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
            return new GpuDevice(true, text, memory[0], version[0],
                    String.format("%s, %.1f GiB, driver CUDA %d.%d", text, memory[0] / 1073741824.0,
                            version[0] / 1000, version[0] % 1000 / 10));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return unusable("the CUDA driver or JCuda natives could not be loaded (" + firstLine(e) + ")");
        } catch (CudaException e) {
            return unusable("CUDA driver error: " + firstLine(e));
        } catch (RuntimeException e) {
            return unusable(e.getClass().getSimpleName() + ": " + firstLine(e));
        }
    }

    static GpuDevice unusable(String why) {
        return new GpuDevice(false, null, 0, 0, "no usable CUDA device: " + why);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
