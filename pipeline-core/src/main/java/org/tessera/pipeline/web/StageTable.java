package org.tessera.pipeline.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The page's table per stage: tasks, mean and max seconds, bytes moved and the devices they ran on. */
final class StageTable {
    private StageTable() {
    }

    static List<Map<String, Object>> of(List<Map<String, Object>> tasks) {
        Map<String, List<Map<String, Object>>> byStage = new LinkedHashMap<>();
        for (Map<String, Object> t : tasks) {
            byStage.computeIfAbsent((String) t.get("stage"), k -> new ArrayList<>()).add(t);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byStage.forEach((stage, list) -> {
            double sum = 0;
            double max = 0;
            int finished = 0;
            long bytes = 0;
            TreeSet<String> devices = new TreeSet<>();
            for (Map<String, Object> t : list) {
                if (t.get("seconds") instanceof Double s) {
                    sum += s;
                    max = Math.max(max, s);
                    finished++;
                }
                bytes += (Long) t.get("bytesIn") + (Long) t.get("bytesOut");
                devices.add(String.valueOf(t.get("device")).startsWith("gpu") ? "GPU" : "CPU");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage);
            row.put("tasks", list.size());
            row.put("finished", finished);
            row.put("meanSeconds", finished == 0 ? null : sum / finished);
            row.put("maxSeconds", finished == 0 ? null : max);
            row.put("bytes", bytes);
            row.put("device", String.join(", ", devices));
            rows.add(row);
        });
        return rows;
    }
}
