package org.tessera.cli;

/** Sexagesimal formatting and WSClean-style angle parsing ("0.4asec", "1amin", "0.01deg"). */
final class Angles {
    private Angles() {
    }

    static String formatRa(double rad) {
        double hours = ((Math.toDegrees(rad) / 15) % 24 + 24) % 24;
        int h = (int) hours;
        int m = (int) ((hours - h) * 60);
        double s = ((hours - h) * 60 - m) * 60;
        return String.format("%02dh%02dm%07.4fs", h, m, s);
    }

    static String formatDec(double rad) {
        double deg = Math.toDegrees(rad);
        String sign = deg < 0 ? "-" : "+";
        deg = Math.abs(deg);
        int d = (int) deg;
        int m = (int) ((deg - d) * 60);
        double s = ((deg - d) * 60 - m) * 60;
        return String.format("%s%02dd%02dm%06.3fs", sign, d, m, s);
    }

    /** Parses an angle with a unit suffix (deg, amin, asec, masec, rad; plain number = degrees) into radians. */
    static double parse(String text) {
        String t = text.trim().toLowerCase();
        String[][] units = {{"masec", "4.84813681109536e-9"}, {"asec", "4.84813681109536e-6"},
            {"amin", "2.908882086657216e-4"}, {"deg", "0.017453292519943295"}, {"rad", "1"}};
        for (String[] unit : units) {
            if (t.endsWith(unit[0])) {
                return number(t.substring(0, t.length() - unit[0].length()), text) * Double.parseDouble(unit[1]);
            }
        }
        return Math.toRadians(number(t, text));
    }

    private static double number(String digits, String original) {
        try {
            return Double.parseDouble(digits.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read angle '" + original
                    + "' (examples: 0.4asec, 1amin, 0.01deg)");
        }
    }
}
