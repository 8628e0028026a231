package org.tessera.imaging.preview;

/** Right ascension in hours and declination in degrees, as the axes of a preview name the phase centre. */
final class Sexagesimal {
    private Sexagesimal() {
    }

    static String ra(double rad) {
        double hours = ((Math.toDegrees(rad) / 15) % 24 + 24) % 24;
        int h = (int) hours;
        int m = (int) ((hours - h) * 60);
        double s = ((hours - h) * 60 - m) * 60;
        return String.format("%02dh%02dm%04.1fs", h, m, s);
    }

    static String dec(double rad) {
        double deg = Math.abs(Math.toDegrees(rad));
        int d = (int) deg;
        int m = (int) ((deg - d) * 60);
        double s = ((deg - d) * 60 - m) * 60;
        return String.format("%s%02d\u00b0%02d'%04.1f\"", rad < 0 ? "-" : "+", d, m, s);
    }
}
