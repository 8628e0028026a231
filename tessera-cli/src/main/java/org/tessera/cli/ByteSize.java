package org.tessera.cli;

/** Parses sizes such as 64MB, 1.5GB, 500kB, 1GiB or a plain byte count. */
final class ByteSize {
    private ByteSize() {
    }

    static long parse(String text) {
        String t = text.trim();
        String[][] units = {{"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"}, {"GB", "1e9"},
            {"MB", "1e6"}, {"KB", "1e3"}, {"B", "1"}};
        double factor = 1;
        String upper = t.toUpperCase();
        for (String[] unit : units) {
            if (upper.endsWith(unit[0])) {
                factor = Double.parseDouble(unit[1]);
                t = t.substring(0, t.length() - unit[0].length());
                break;
            }
        }
        try {
            double bytes = Double.parseDouble(t.trim()) * factor;
            if (!(bytes >= 1)) {
                throw new UserError("size must be positive, got " + text);
            }
            return (long) bytes;
        } catch (NumberFormatException e) {
            throw new UserError("cannot read size '" + text + "' (examples: 64MB, 1GB)");
        }
    }
}
