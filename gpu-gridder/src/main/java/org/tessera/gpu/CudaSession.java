package org.tessera.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleGetGlobal;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA state that lives as long as the process (the gridder-service, a CLI run): the primary
 * context of device 0 and the loaded modules and functions, so no call pays for context creation
 * or PTX JIT. The sm_90 fatbin is loaded on Hopper. Calls are serialised on this object.
 */
final class CudaSession {
    private static CudaSession shared;

    final CUdevice device = new CUdevice();
    final CUcontext context = new CUcontext();
    final int major;
    /** Largest dynamic shared memory a block may opt in to, bytes. */
    final int sharedOptIn;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();

    private CudaSession() {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        cuDeviceGet(device, 0);
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        major = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        sharedOptIn = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
    }

    /** The process's session, made on first use (the primary context is kept until the process ends). */
    static synchronized CudaSession shared() {
        if (shared == null) {
            shared = new CudaSession();
        }
        shared.makeCurrent();
        return shared;
    }

    void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    int attribute(int which) {
        int[] v = {0};
        cuDeviceGetAttribute(v, which, device);
        return v[0];
    }

    synchronized CUfunction function(String module, String entry) {
        return functions.computeIfAbsent(module + "/" + entry, k -> {
            CUfunction f = new CUfunction();
            cuModuleGetFunction(f, module(module), entry);
            return f;
        });
    }

    /** A function whose blocks use {@code bytes} of dynamic shared memory (raised above 48 KB as needed). */
    CUfunction functionWithShared(String module, String entry, int bytes) {
        if (bytes > sharedOptIn) {
            throw new IllegalStateException(entry + " needs " + bytes + " bytes of shared memory per block;"
                    + " the device allows " + sharedOptIn);
        }
        CUfunction f = function(module, entry);
        if (bytes > 48 * 1024) {
            cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes);
        }
        return f;
    }

    /** Device address of a module's __constant__ symbol. */
    CUdeviceptr global(String module, String symbol, long[] size) {
        CUdeviceptr p = new CUdeviceptr();
        cuModuleGetGlobal(p, size, module(module), symbol);
        return p;
    }

    private synchronized CUmodule module(String name) {
        return modules.computeIfAbsent(name, n -> {
            CUmodule m = new CUmodule();
            cuModuleLoadData(m, PtxModules.image(n, major));
            return m;
        });
    }
}
