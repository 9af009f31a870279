/**
 * Transforms: preprocessing applied by a {@link dezero.data.Dataset} to each example and target
 * (DeZero's {@code dezero.transforms}): {@link dezero.data.transforms.Compose},
 * {@link dezero.data.transforms.Normalize}, {@link dezero.data.transforms.Flatten},
 * {@link dezero.data.transforms.AsType}, {@link dezero.data.transforms.ToFloat},
 * {@link dezero.data.transforms.ToInt}, or any lambda as a {@link dezero.data.transforms.Transform}.
 */
package dezero.data.transforms;
