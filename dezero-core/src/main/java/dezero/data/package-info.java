/**
 * Datasets and mini-batches (DeZero's {@code dezero.datasets} and {@code dezero.dataloaders}).
 *
 * <ul>
 *   <li>{@link dezero.data.Dataset}: {@code size()} examples, {@code get(i)} an
 *       {@link dezero.data.Example} {@code (x, t)} after the dataset's transforms
 *       ({@link dezero.data.transforms}); {@link dezero.data.ArrayDataset} keeps them in two arrays.</li>
 *   <li>{@link dezero.data.DataLoader}: shuffled mini-batches ({@link dezero.data.Batch}), one epoch
 *       per iteration; {@link dezero.data.SeqDataLoader}: parallel offsets for truncated BPTT.</li>
 *   <li>Datasets: {@link dezero.data.Spiral} and {@link dezero.data.SinCurve} (generated, with
 *       NumPy's numbers), {@link dezero.data.MNIST} (IDX files, read or downloaded) and
 *       {@link dezero.data.Digits} (small real digits shipped in the library).</li>
 * </ul>
 *
 * <pre>{@code
 * DataLoader train = new DataLoader(new Spiral(true), 30);
 * for (int epoch = 0; epoch < 300; epoch++) {
 *     for (Batch b : train) {
 *         NdArray x = b.x();   // float32 (30, 2)
 *         NdArray t = b.t();   // int64 (30,)
 *     }
 * }
 * }</pre>
 */
package dezero.data;
