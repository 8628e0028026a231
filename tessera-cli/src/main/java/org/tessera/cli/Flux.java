package org.tessera.cli;

/** Parses a flux density with an optional unit (Jy, mJy, uJy, µJy); a plain number is Jy. */
final class Flux {
    private Flux() {
    }

    static double parseJy(String text) {
        String t = text.trim();
        double factor = 1;
        String lower = t.toLowerCase();
        if (lower.endsWith("mjy")) {
            factor = 1e-3;
            t = t.substring(0, t.length() - 3);
        } else if (lower.endsWith("ujy") || lower.endsWith("µjy")) {
            factor = 1e-6;
            t = t.substring(0, t.length() - 3);
        } else if (lower.endsWith("jy")) {
            t = t.substring(0, t.length() - 2);
        }
        try {
            double v = Double.parseDouble(t.trim()) * factor;
            if (!(v >= 0)) {
                throw new UserError("flux threshold must be >= 0, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("cannot read flux '" + text + "' (examples: 0.01, 10mJy)");
        }
    }
}
