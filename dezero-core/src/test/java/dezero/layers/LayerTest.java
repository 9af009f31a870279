package dezero.layers;

import static dezero.layers.NnTesting.assertSame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Parameter;
import dezero.Variable;
import dezero.functions.F;
import dezero.models.MLP;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import dezero.ndarray.RandomState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerTest {
    @TempDir
    Path dir;

    /** A layer with a parameter, a sub-layer, another parameter and a nested sub-layer, in that order. */
    static final class Outer extends Layer {
        final Parameter p = addParam("p", new Parameter(NdArray.of(new double[] {1, 2}), "p"));
        final Linear inner = addLayer("inner", Linear.builder(2).inSize(3).dtype(DType.FLOAT64)
                .random(new RandomState(1)).build());
        final Parameter q = addParam("q", new Parameter(NdArray.of(3.0), "q"));
        final Inner deep = addLayer("deep", new Inner());

        @Override
        protected Variable forward(Variable x) {
            return deep.apply(inner.apply(x)).mul(p).add(q);
        }
    }

    static final class Inner extends Layer {
        final Linear lin = addLayer("lin", Linear.builder(2).inSize(2).dtype(DType.FLOAT64).noBias()
                .random(new RandomState(2)).build());

        @Override
        protected Variable forward(Variable x) {
            return lin.apply(x);
        }
    }

    @Test
    void paramsAreDepthFirstInRegistrationOrder() {
        Outer o = new Outer();
        List<Parameter> ps = o.params();
        assertEquals(5, ps.size());
        assertSame(o.p, ps.get(0));
        assertSame(o.inner.W(), ps.get(1));
        assertSame(o.inner.b(), ps.get(2));
        assertSame(o.q, ps.get(3));
        assertSame(o.deep.lin.W(), ps.get(4));
        assertEquals(List.of("p", "inner/W", "inner/b", "q", "deep/lin/W"), new ArrayList<>(o.namedParams().keySet()));
        assertEquals(List.of("inner", "deep"), new ArrayList<>(o.layers().keySet()));
    }

    @Test
    void sharedLayerIsListedOnceInParamsButUnderBothKeys() {
        Linear shared = Linear.builder(2).inSize(2).dtype(DType.FLOAT64).random(new RandomState(0)).build();
        Layer twice = new Layer() {
            final Linear a = addLayer("a", shared);
            final Linear b = addLayer("b", shared);

            @Override
            protected Variable forward(Variable x) {
                return b.apply(a.apply(x));
            }
        };
        assertEquals(2, twice.params().size());
        assertEquals(List.of("a/W", "a/b", "b/W", "b/b"), new ArrayList<>(twice.namedParams().keySet()));
    }

    @Test
    void nullParameterIsNotRegistered() {
        Linear l = Linear.builder(3).inSize(2).noBias().build();
        assertNull(l.b());
        assertEquals(List.of("W"), new ArrayList<>(l.namedParams().keySet()));
    }

    @Test
    void badNamesAreRefused() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> new Layer() {
            final Parameter a = addParam("a", new Parameter(NdArray.of(1.0)));
            final Parameter b = addParam("a", new Parameter(NdArray.of(2.0)));

            @Override
            protected Variable forward(Variable x) {
                return x;
            }
        });
        assertTrue(dup.getMessage().contains("'a' is already registered"), dup.getMessage());
        IllegalArgumentException slash = assertThrows(IllegalArgumentException.class, () -> new Layer() {
            final Parameter a = addParam("a/b", new Parameter(NdArray.of(1.0)));

            @Override
            protected Variable forward(Variable x) {
                return x;
            }
        });
        assertTrue(slash.getMessage().contains("'a/b'"), slash.getMessage());
    }

    @Test
    void clearGradsClearsEveryParameter() {
        Outer o = new Outer();
        Variable y = o.apply(NdArray.of(new double[][] {{1, 2, 3}}));
        y.sum().backward();
        for (Parameter p : o.params()) {
            assertTrue(p.grad() != null, p.name());
        }
        o.clearGrads();
        for (Parameter p : o.params()) {
            assertNull(p.grad(), p.name());
        }
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        Outer a = new Outer();
        Path f = dir.resolve("w.npz");
        a.saveWeights(f);
        Outer b = new Outer();
        b.p.setData(NdArray.of(new double[] {7, 8}));
        b.inner.W().setData(NdArray.zeros(3, 2));
        b.loadWeights(f);
        for (Map.Entry<String, Parameter> e : a.namedParams().entrySet()) {
            assertSame(e.getValue().data(), b.namedParams().get(e.getKey()).data(), e.getKey());
        }
    }

    @Test
    void savedFileHasDezeroEntryNames() throws IOException {
        MLP m = new MLP(new int[] {3, 2}, F::sigmoid, DType.FLOAT32, new RandomState(0));
        m.apply(NdArray.zeros(DType.FLOAT32, 1, 4));
        Path f = dir.resolve("mlp.npz");
        m.saveWeights(f);
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(f))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("l0/W.npy", "l0/b.npy", "l1/W.npy", "l1/b.npy"), names);
        Map<String, NdArray> back = Npy.loadNpz(f);
        assertEquals(List.of(4, 3), List.of(back.get("l0/W").dim(0), back.get("l0/W").dim(1)));
        assertEquals(DType.FLOAT32, back.get("l1/b").dtype());
    }

    @Test
    void loadsAFileWrittenByDezeroSaveWeights() throws IOException {
        Map<String, NdArray> expected = NnTesting.fixture("dezero_mlp_3_2");
        // before the first forward pass: the lazily sized weights take the file's shapes
        MLP lazy = new MLP(3, 2);
        lazy.loadWeights(NnTesting.fixturePath("dezero_mlp_3_2.npz"));
        // after a forward pass: the shapes match
        MLP sized = new MLP(3, 2);
        sized.apply(NdArray.zeros(DType.FLOAT32, 5, 2));
        sized.loadWeights(NnTesting.fixturePath("dezero_mlp_3_2.npz"));
        for (MLP m : new MLP[] {lazy, sized}) {
            for (Map.Entry<String, NdArray> e : expected.entrySet()) {
                assertSame(e.getValue(), m.namedParams().get(e.getKey()).data(), e.getKey());
            }
            assertEquals(2, m.linears().get(0).inSize());
        }
        Variable y = lazy.apply(NdArray.ones(DType.FLOAT32, 1, 2));
        assertArrayEquals(new int[] {1, 2}, y.shape().dims());
    }

    private static Map<String, NdArray> snapshot(Layer l) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : l.namedParams().entrySet()) {
            m.put(e.getKey(), e.getValue().data());
        }
        return m;
    }

    private void assertLoadFails(Layer target, Map<String, NdArray> file, String... fragments) throws IOException {
        Path f = dir.resolve("bad.npz");
        Npy.saveNpz(f, file);
        Map<String, NdArray> before = snapshot(target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadWeights(f));
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), () -> "'" + s + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        Map<String, NdArray> after = snapshot(target);
        for (Map.Entry<String, NdArray> b : before.entrySet()) {
            assertSame(b.getValue(), after.get(b.getKey()), "unchanged " + b.getKey());
            assertTrue(b.getValue() == after.get(b.getKey()), "same array " + b.getKey());
        }
    }

    @Test
    void loadWithMissingKeyFailsAndChangesNothing() throws IOException {
        Outer o = new Outer();
        Map<String, NdArray> file = new LinkedHashMap<>(new Outer().weights());
        file.replaceAll((k, v) -> v.mul(2));
        file.remove("deep/lin/W");
        assertLoadFails(o, file, "missing key 'deep/lin/W'", "(2, 2)");
    }

    @Test
    void loadWithExtraKeyFailsAndChangesNothing() throws IOException {
        Outer o = new Outer();
        Map<String, NdArray> file = new LinkedHashMap<>(new Outer().weights());
        file.replaceAll((k, v) -> v.mul(2));
        file.put("deep/lin/b", NdArray.zeros(2));
        assertLoadFails(o, file, "unexpected key 'deep/lin/b'", "(2,)");
    }

    @Test
    void loadWithWrongShapeFailsNamingBothShapes() throws IOException {
        Outer o = new Outer();
        Map<String, NdArray> file = new LinkedHashMap<>(new Outer().weights());
        file.replaceAll((k, v) -> v.mul(2));
        file.put("inner/W", NdArray.zeros(2, 3));
        assertLoadFails(o, file, "key 'inner/W' has shape (2, 3)", "parameter has shape (3, 2)");
    }

    @Test
    void loadWithWrongDtypeFails() throws IOException {
        Outer o = new Outer();
        Map<String, NdArray> file = new LinkedHashMap<>(new Outer().weights());
        file.put("q", NdArray.of(3.0f));
        assertLoadFails(o, file, "key 'q'", "float32", "float64");
    }

    @Test
    void loadingADamagedFileChangesNothing() throws IOException {
        Outer o = new Outer();
        Path f = dir.resolve("w.npz");
        new Outer().saveWeights(f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Map<String, NdArray> before = snapshot(o);
        assertThrows(IOException.class, () -> o.loadWeights(f));
        Map<String, NdArray> after = snapshot(o);
        for (String k : before.keySet()) {
            assertTrue(before.get(k) == after.get(k), k);
        }
    }

    @Test
    void savingALazyLayerBeforeItsFirstForwardFails() {
        MLP m = new MLP(3, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.saveWeights(dir.resolve("x.npz")));
        assertTrue(e.getMessage().contains("'l0/W' has no data yet"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("x.npz")));
    }
}
