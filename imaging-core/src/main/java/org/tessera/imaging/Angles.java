package org.tessera.imaging;

/**
 * Sexagesimal formatting of right ascension and declination, for {@code tessera inspect} and the
 * preview axes (option values are read by RunParameters).
 */
public final class Angles {
    private Angles() {
    }

    public static String formatRa(double rad) {
        double hours = ((Math.toDegrees(rad) / 15) % 24 + 24) % 24;
        int h = (int) hours;
        int m = (int) ((hours - h) * 60);
        double s = ((hours - h) * 60 - m) * 60;
        return String.format("%02dh%02dm%07.4fs", h, m, s);
    }

    public static String formatDec(double rad) {
        double deg = Math.toDegrees(rad);
        String sign = deg < 0 ? "-" : "+";
        deg = Math.abs(deg);
        int d = (int) deg;
        int m = (int) ((deg - d) * 60);
        double s = ((deg - d) * 60 - m) * 60;
        return String.format("%s%02dd%02dm%06.3fs", sign, d, m, s);
    }
}
