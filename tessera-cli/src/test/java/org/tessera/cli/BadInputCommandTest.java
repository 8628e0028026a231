package org.tessera.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.Table;
import org.tessera.casacore.table.TableDesc;
import org.tessera.casacore.write.MeasurementSetBuilder;
import org.tessera.casacore.write.MsSetup;
import org.tessera.casacore.write.TableWriter;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TableDamage;
import org.tessera.testsupport.TreeCopy;
import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.fits.FitsImageWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged and degenerate MSs through the command line: each gives exit code 1 and one line
 * naming the path and the problem, no stack trace, and no output directory left behind.
 */
class BadInputCommandTest {
    @TempDir
    Path tmp;

    @Test
    void nonexistentPath() {
        Path ms = tmp.resolve("nothing.ms");
        assertBothFail(ms, ms.toString(), "does not exist");
    }

    @Test
    void directoryThatIsNotATable() throws IOException {
        Path ms = Files.createDirectories(tmp.resolve("empty.ms"));
        assertBothFail(ms, ms.toString(), "not a casacore table");
    }

    @Test
    void truncatedTableDat() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        TableDamage.truncate(ms.resolve("table.dat"), 200);
        assertBothFail(ms, ms.resolve("table.dat").toString(), "truncated");
    }

    @Test
    void truncatedDataManagerFile() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        TableDamage.truncate(ms.resolve("table.f0"), 1000);
        assertBothFail(ms, ms.resolve("table.f0").toString(), "truncated");
    }

    @Test
    void wrongMagic() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        byte[] b = Files.readAllBytes(ms.resolve("table.dat"));
        b[0] = 0x12;
        Files.write(ms.resolve("table.dat"), b);
        assertBothFail(ms, ms.resolve("table.dat").toString(), "magic");
    }

    @Test
    void unsupportedDataManager() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        Path dat = ms.resolve("table.dat");
        assertTrue(TableDamage.renameManager(dat, "StandardStMan", "MysteryStMan1"), "no StandardStMan entry in " + dat);
        assertBothFail(ms, ms.toString(), "unsupported data manager MysteryStMan1");
    }

    @Test
    void missingSubtable() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        TableDamage.deleteTree(ms.resolve("SPECTRAL_WINDOW"));
        assertBothFail(ms, "SPECTRAL_WINDOW", "does not exist");
    }

    @Test
    void rowCountMismatchBetweenTableDatAndStorageManager() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        Path dat = ms.resolve("table.dat");
        byte[] b = Files.readAllBytes(dat);
        ByteBuffer bb = ByteBuffer.wrap(b);
        // Header: magic, length, "Table", version, then the row count (Int64 from version 3 on).
        assertEquals(TestMs.BASELINES * 2, bb.getInt(17) >= 3 ? bb.getLong(21) : bb.getInt(21));
        if (bb.getInt(17) >= 3) {
            bb.putLong(21, bb.getLong(21) + 5);
        } else {
            bb.putInt(21, bb.getInt(21) + 5);
        }
        Files.write(dat, b);
        assertBothFail(ms, ms.toString(), "row count mismatch");
    }

    /** Issue 16: zeros in the TiledShapeStMan header of a real MS once gave an IndexOutOfBoundsException. */
    @Test
    void zeroedSpanInTiledHeaderOfRealMs() throws IOException {
        Path ms = TreeCopy.writable(SharedMs.require("vla-tdem0003.ms"), tmp.resolve("vla.ms"));
        Path header = ms.resolve("table.f5");
        byte[] b = Files.readAllBytes(header);
        Arrays.fill(b, 100, 116, (byte) 0);
        Files.write(header, b);
        CliRun inspect = CliRun.of("inspect", ms.toString());
        assertOneLineError(inspect, header.toString(), "corrupt");
        assertFalse(inspect.err().contains("Exception"), inspect.err());
    }

    @Test
    void columnOfUnexpectedType() throws IOException {
        Path good = TestMs.simulate(tmp, 2);
        Path ms = tmp.resolve("double-data.ms");
        TableDesc desc;
        try (Table t = Table.open(good)) {
            desc = t.desc();
        }
        // The same MS layout with DATA declared as Double instead of Complex.
        List<ColumnDesc> cols = new ArrayList<>();
        for (ColumnDesc c : desc.columns()) {
            cols.add(!c.name().equals("DATA") ? c : new ColumnDesc("ArrayColumnDesc<double  >", c.name(), c.comment(),
                    c.dataManagerType(), c.dataManagerGroup(), DataType.TpDouble, c.options(), c.ndim(), c.shape(),
                    c.maxLength(), c.keywords(), c.isArray(), c.defaultValue()));
        }
        TableWriter.create(ms, new TableDesc(desc.name(), desc.version(), desc.comment(), desc.keywords(),
                desc.privateKeywords(), cols)).close();
        try (Stream<Path> s = Files.list(good)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                Files.move(p, ms.resolve(p.getFileName()));
            }
        }
        CliRun inspect = CliRun.of("inspect", ms.toString());
        assertOneLineError(inspect, ms.toString(), "column DATA has type TpDouble, expected TpComplex");
    }

    @Test
    void zeroRowMsInspectsButCannotBePartitioned() {
        Path ms = tmp.resolve("empty.ms");
        MsSetup setup = new MsSetup(List.of(new MsSetup.Antenna("A0", "S0", new double[] {6.4e6, 0, 0}, 12),
                new MsSetup.Antenna("A1", "S1", new double[] {6.4e6, 100, 0}, 12)), new double[] {1.4e9, 1.401e9},
                1e6, new int[] {9, 12}, 0.1, 0.2, "EMPTY", "NONE", 5e9, 5e9 + 10, true, false);
        MeasurementSetBuilder.create(ms, setup).close();

        CliRun inspect = CliRun.of("inspect", ms.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("Rows            0"), inspect.out());
        CliRun json = CliRun.of("inspect", "--json", ms.toString());
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"rows\":0") && json.out().contains("\"visibilities\":0"), json.out());

        Path out = tmp.resolve("out");
        CliRun partition = CliRun.of("partition", ms.toString(), "--parts", "2", "--out", out.toString());
        assertOneLineError(partition, ms.toString(), "has no rows: there is nothing to split");
        assertFalse(Files.exists(out), "output directory left behind");
    }

    @Test
    void morePartsThanTimeSteps() {
        Path ms = TestMs.simulate(tmp, 3);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("partition", ms.toString(), "--parts", "5", "--out", out.toString());
        assertOneLineError(run, ms.toString(), "only 3 distinct time steps", "5 parts");
        assertFalse(Files.exists(out), "output directory left behind");
    }

    @Test
    void morePartsThanChannels() {
        Path ms = TestMs.simulate(tmp, 2);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("partition", ms.toString(), "--parts", "9", "--by", "channel", "--out", out.toString());
        assertOneLineError(run, ms.toString(), "only 8 channels");
        assertFalse(Files.exists(out), "output directory left behind");
    }

    @Test
    void maskOfAnotherSize() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        Path mask = mask(ms, 32, 0);
        assertImageFails(ms, "-fits-mask " + mask + " is 32 x 32 pixels; the image is 64 x 64",
                "-multiscale", "-fits-mask", mask.toString());
    }

    @Test
    void maskOfAnotherProjection() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        Path mask = mask(ms, 64, Math.toRadians(1));
        assertImageFails(ms, "-fits-mask " + mask + " is centred on", "-fits-mask", mask.toString());
    }

    @Test
    void maskThatIsNotFits() throws IOException {
        Path ms = TestMs.simulate(tmp, 2);
        Path mask = Files.writeString(tmp.resolve("mask.txt"), "clean here\n".repeat(400));
        assertImageFails(ms, "-fits-mask " + mask + " is not a FITS file", "-fits-mask", mask.toString());
        CliRun submit = CliRun.of("submit", ms.toString(), "-p", "size=64,64", "-p", "scale=4asec",
                "-p", "fits-mask=" + mask);
        assertOneLineError(submit, mask.toString(), "is not a FITS file");
    }

    @Test
    void negativeScales() {
        Path ms = TestMs.simulate(tmp, 2);
        assertImageFails(ms, "-multiscale-scales must be >= 0 pixels, got -4", "-multiscale", "-multiscale-scales",
                "0,-4");
    }

    @Test
    void scaleBiasOutsideZeroToOne() {
        Path ms = TestMs.simulate(tmp, 2);
        assertImageFails(ms, "-multiscale-scale-bias must be in (0, 1], got 1.5", "-multiscale",
                "-multiscale-scale-bias", "1.5");
        assertImageFails(ms, "-multiscale-scale-bias must be in (0, 1], got 0", "-multiscale",
                "-multiscale-scale-bias", "0");
    }

    /** A mask image of side n on the MS's phase centre shifted by {@code decOffset}, 4asec pixels, all ones. */
    private Path mask(Path ms, int n, double decOffset) throws IOException {
        Field field;
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            field = set.fields().get(0);
        }
        Image ones = new Image(n, n);
        ones.fill(1);
        Path mask = tmp.resolve("mask-" + n + ".fits");
        FitsImageWriter.write(mask, ones, new ImageGeometry(n, n, Math.toRadians(4 / 3600.0), field.raRad(),
                field.decRad() + decOffset), 1.4e9, 1e6, null, Map.of());
        return mask;
    }

    /** {@code tessera image} fails with one line before any work: no output directory. */
    private void assertImageFails(Path ms, String error, String... options) {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("image", "-size", "64", "64", "-scale", "4asec", "-niter", "10",
                "-name", out.resolve("x").toString()));
        args.addAll(List.of(options));
        args.add(ms.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertOneLineError(run, error);
        assertFalse(Files.exists(out), "output directory left behind: " + out);
    }

    /** inspect and partition both fail, and partition leaves no output directory. */
    private void assertBothFail(Path ms, String pathPart, String... problem) {
        assertOneLineError(CliRun.of("inspect", ms.toString()), pathPart, problem);
        Path out = tmp.resolve("out");
        CliRun partition = CliRun.of("partition", ms.toString(), "--parts", "2", "--out", out.toString());
        assertOneLineError(partition, pathPart, problem);
        assertFalse(Files.exists(out), "output directory left behind: " + out);
    }

    private static void assertOneLineError(CliRun run, String pathPart, String... problem) {
        assertEquals(1, run.exitCode(), "exit code; stderr: " + run.err());
        String err = run.err();
        assertTrue(err.contains(pathPart), "stderr should name " + pathPart + ": " + err);
        for (String p : problem) {
            assertTrue(err.contains(p), "stderr should say '" + p + "': " + err);
        }
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }
}
