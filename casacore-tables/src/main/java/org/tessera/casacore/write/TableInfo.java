package org.tessera.casacore.write;

/**
 * The contents of {@code table.info}: type (e.g. "Measurement Set"), sub type and readme text.
 */
public record TableInfo(String type, String subType, String readme) {
    public TableInfo {
        type = type == null ? "" : type;
        subType = subType == null ? "" : subType;
        readme = readme == null ? "" : readme;
    }

    public static TableInfo of(String type) {
        return new TableInfo(type, "", "");
    }

    public static TableInfo none() {
        return new TableInfo("", "", "");
    }
}
