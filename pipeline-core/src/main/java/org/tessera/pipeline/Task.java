package org.tessera.pipeline;

import java.util.Map;

/** One kind of task: reads its inputs from the object store, writes its outputs, returns facts for the marker. */
public interface Task {
    Map<String, Object> execute(TaskMessage task) throws Exception;
}
