package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.gridding.DeviceMode;

/** TESSERA_DEVICE (the gridder's default) and the job parameter {@code device} (which overrides it). */
class DeviceSettingTest {
    private static Map<String, String> environment(String device) {
        Map<String, String> v = new HashMap<>(Map.of(PipelineConfig.BROKER_URL, "tcp://b:61616",
                PipelineConfig.BROKER_USER, "u", PipelineConfig.BROKER_PASSWORD, "p", PipelineConfig.S3_URL, "http://s3",
                PipelineConfig.S3_ACCESS_KEY, "a", PipelineConfig.S3_SECRET_KEY, "s"));
        if (device != null) {
            v.put(PipelineConfig.DEVICE, device);
        }
        return v;
    }

    @Test
    void tesseraDeviceDefaultsToAutoAndRoundTrips() {
        assertEquals(DeviceMode.AUTO, PipelineConfig.from(environment(null)).device());
        PipelineConfig cpu = PipelineConfig.from(environment("CPU"));
        assertEquals(DeviceMode.CPU, cpu.device());
        assertEquals("cpu", cpu.toEnvironment().get(PipelineConfig.DEVICE));
        assertEquals(DeviceMode.GPU, PipelineConfig.from(environment("gpu")).device());
        assertTrue(PipelineConfig.VARIABLES.contains(PipelineConfig.DEVICE));
    }

    @Test
    void theCommittedPlaceholderSecretsStopTheService() {
        Map<String, String> v = environment(null);
        v.put(PipelineConfig.BROKER_PASSWORD, "change-me-broker");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineConfig.from(v));
        assertEquals("TESSERA_BROKER_PASSWORD is the placeholder 'change-me-broker' committed in compose/.env and"
                + " k8s/config.yaml: set a secret of your own", e.getMessage());
        v.put(PipelineConfig.BROKER_PASSWORD, "p");
        v.put(PipelineConfig.S3_SECRET_KEY, "change-me-gridder-s3");
        assertThrows(IllegalArgumentException.class, () -> PipelineConfig.from(v));
    }

    @Test
    void anUnknownTesseraDeviceStopsTheService() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.from(environment("tpu")));
        assertEquals("TESSERA_DEVICE must be auto, cpu or gpu, got 'tpu'", e.getMessage());
    }

    @Test
    void theJobParameterIsOptionalAndChecked() {
        Map<String, Object> raw = new HashMap<>(Map.of("size", List.of(64, 64), "scale", "2asec"));
        assertNull(JobContext.parse(raw, 1).device(), "no device: the gridder's TESSERA_DEVICE");
        raw.put("device", "cpu");
        assertEquals(DeviceMode.CPU, JobContext.parse(raw, 1).device());
        raw.put("device", "foo");
        JobFailure e = assertThrows(JobFailure.class, () -> JobContext.parse(raw, 1));
        assertEquals("-device must be auto, cpu or gpu, got 'foo'", e.getMessage());
    }
}
