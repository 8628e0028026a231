package org.tessera.pipeline.web;

import java.nio.charset.StandardCharsets;

/** An HTTP answer, whichever server sends it (the local stack's JDK server or Quarkus's Vert.x). */
public record WebResponse(int status, String contentType, byte[] body) {
    public static WebResponse notFound(String what) {
        return new WebResponse(404, "text/plain; charset=utf-8", ("not found: " + what).getBytes(StandardCharsets.UTF_8));
    }
}
