package org.tessera.imaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tessera.imaging.deconvolution.RunSummary;
import org.tessera.imaging.gridding.GridderFactory;

/**
 * {@code PREFIX-summary.json}: the run summary's fields plus {@code device} and {@code deviceReason}.
 * Kept beside {@link RunSummary} rather than in it, so the deconvolution package stays device-free.
 */
final class SummaryFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryFile() {
    }

    /** Writes to a temporary file beside {@code path} and renames it, so readers never see half a file. */
    static void write(Path path, RunSummary summary, GridderFactory gridders) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(summary.toJson());
        node.put("device", gridders.device());
        node.put("deviceReason", gridders.reason());
        Path absolute = path.toAbsolutePath();
        Path tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(node));
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
