#!/usr/bin/env python3
"""Fixtures for dezero.ndarray.Npy: .npy/.npz files written by NumPy itself.

    python3 tools/fixtures_npy.py                  # (re)writes dezero-core/src/test/resources/fixtures/npy/
    python3 tools/fixtures_npy.py --verify DIR     # checks that NumPy reads the files Java wrote into DIR

Writing: every fixture is written with np.save / np.savez / np.savez_compressed or
np.lib.format.write_array (for the version 2.0 and 3.0 headers), and manifest.tsv lists what each
holds, one array per line, tab-separated:

    name    dtype    shape    values

name is a file (f8_2d.npy) or an archive entry (npz_stored.npz:W); dtype is the dtype the Java
reader returns (float64, float32 or int64); shape is comma-separated ("" for 0-d); values are the
elements in C order, space-separated: float64/float32 as the hexadecimal IEEE bit pattern (exact,
NaN and -0.0 included), int64 in decimal. Lines starting with '#' are comments. Files that Java
must refuse are listed on "error" lines: "name  error  <words the message must contain>".

Verifying: NpyTest.javaWrittenFilesForNumpy re-saves every readable fixture with Java's
Npy.save / Npy.saveNpz / Npy.saveNpzCompressed into dezero-core/target/npy-java-written/ (same names)
plus a few extra cases described in java_manifest.tsv there (same format). --verify loads each of
those with np.load and compares dtype, shape and values bit for bit against the manifest, and
checks that every Java-written .npy equals np.save's bytes for the same array.
"""
import io
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "dezero-core", "src", "test", "resources", "fixtures", "npy")

JAVA_DTYPE = {  # what the Java reader returns for each stored dtype
    "float64": "float64", "float32": "float32", "float16": "float32",
    "int64": "int64", "int32": "int64", "int16": "int64", "int8": "int64",
    "uint64": "int64", "uint32": "int64", "uint16": "int64", "uint8": "int64", "bool": "int64",
}


def encode_values(a, java_dtype):
    flat = np.ascontiguousarray(a).reshape(-1)
    if java_dtype == "float64":
        return " ".join("%016x" % v for v in flat.astype(np.float64).view(np.uint64))
    if java_dtype == "float32":
        return " ".join("%08x" % v for v in flat.astype(np.float32).view(np.uint32))
    return " ".join(str(int(v)) for v in flat)


def manifest_line(name, a):
    jd = JAVA_DTYPE[a.dtype.name]
    return "\t".join([name, jd, ",".join(str(d) for d in a.shape), encode_values(a, jd)])


def special_values(dtype, n):
    """n values of a float dtype including NaN, +-inf, -0.0, the extremes and a subnormal."""
    fi = np.finfo(dtype)
    base = [np.nan, np.inf, -np.inf, -0.0, 0.0, fi.max, -fi.max, fi.tiny, fi.tiny / 4, 1.0 / 3, -2.5]
    rng = np.random.default_rng(7)
    vals = base + list(rng.standard_normal(max(0, n - len(base))))
    return np.array(vals[:n], dtype=dtype)


def arrays():
    """(file name, array, how to write) for every .npy fixture."""
    rng = np.random.default_rng(20240607)
    out = []
    for code, dt in (("f8", np.float64), ("f4", np.float32), ("i8", np.int64)):
        def make(shape):
            n = int(np.prod(shape))
            if dt == np.int64:
                return rng.integers(-10**12, 10**12, size=n, dtype=np.int64).reshape(shape)
            return rng.standard_normal(n).astype(dt).reshape(shape)
        out.append((code + "_0d.npy", np.array(make(()).item(), dtype=dt), "save"))
        if dt == np.int64:
            one = np.array([0, 1, -1, 2**63 - 1, -2**63, 42, -7], dtype=np.int64)
        else:
            one = special_values(dt, 11)
        out.append((code + "_1d.npy", one, "save"))
        out.append((code + "_2d.npy", make((2, 3)), "save"))
        out.append((code + "_3d.npy", make((2, 3, 4)), "save"))
        out.append((code + "_empty.npy", make((0, 4)), "save"))
        out.append((code + "_empty3.npy", make((3, 0, 2)), "save"))
        out.append((code + "_big_dim.npy", make((1234567, 0)), "save"))  # wide first dimension, no data
    out.append(("f8_fortran.npy", np.asfortranarray(rng.standard_normal((3, 4))), "save"))
    out.append(("i8_fortran3.npy", np.asfortranarray(np.arange(24, dtype=np.int64).reshape(2, 3, 4)), "save"))
    out.append(("f4_fortran.npy", np.asfortranarray(rng.standard_normal((2, 5)).astype(np.float32)), "save"))
    out.append(("f8_be.npy", rng.standard_normal((2, 3)).astype(">f8"), "save"))
    out.append(("f4_be.npy", rng.standard_normal((4,)).astype(">f4"), "save"))
    out.append(("i8_be.npy", np.array([[1, -2], [2**40, -2**50]], dtype=">i8"), "save"))
    out.append(("f8_be_fortran.npy", np.asfortranarray(rng.standard_normal((2, 3)).astype(">f8")), "save"))
    out.append(("f8_v2.npy", rng.standard_normal((2, 2)), "v2"))
    out.append(("f4_v3.npy", rng.standard_normal((3,)).astype(np.float32), "v3"))
    # narrower types that are read as int64 / float32
    out.append(("i4_labels.npy", np.array([3, 1, 4, 1, 5, 9, 2, 6, -2**31, 2**31 - 1], dtype=np.int32), "save"))
    out.append(("i4_be.npy", np.array([1, -1, 65536], dtype=">i4"), "save"))
    out.append(("i2.npy", np.array([[-32768, 32767], [0, -1]], dtype=np.int16), "save"))
    out.append(("i1.npy", np.array([-128, 127, 0, -1], dtype=np.int8), "save"))
    out.append(("u1.npy", np.array([0, 1, 128, 255], dtype=np.uint8), "save"))
    out.append(("u2.npy", np.array([0, 65535, 32768], dtype=np.uint16), "save"))
    out.append(("u4.npy", np.array([0, 2**32 - 1, 2**31], dtype=np.uint32), "save"))
    out.append(("u8.npy", np.array([0, 2**63 - 1, 12345], dtype=np.uint64), "save"))
    out.append(("b1.npy", np.array([[True, False, True], [False, False, True]]), "save"))
    f2 = np.array([0.0, -0.0, 1.0, -2.5, 65504.0, 6.1035156e-05, 5.9604645e-08, np.inf, -np.inf, np.nan, 0.333],
                  dtype=np.float16)
    out.append(("f2.npy", f2, "save"))
    return out


def refused():
    """(file name, array, words the Java message must contain) for dtypes Java refuses."""
    return [
        ("c16.npy", np.array([1 + 2j, 3 - 4j]), "'<c16'"),
        ("u8_too_big.npy", np.array([1, 2**63], dtype=np.uint64), "does not fit int64"),
        ("str.npy", np.array(["ab", "c"]), "'<U2'"),
        ("datetime.npy", np.array(["2020-01-01"], dtype="datetime64[D]"), "'<M8[D]'"),
        ("structured.npy", np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]), "structured"),
    ]


def write_fixtures():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    lines = ["# written by tools/fixtures_npy.py with NumPy " + np.__version__,
             "# name\tdtype\tshape\tvalues (C order; floats as IEEE bit patterns in hex, ints in decimal)"]
    for name, a, how in arrays():
        path = os.path.join(OUT, name)
        if how == "save":
            np.save(path, a)
        else:
            with open(path, "wb") as f:
                np.lib.format.write_array(f, a, version=(2, 0) if how == "v2" else (3, 0))
        back = np.load(path)
        assert back.dtype == a.dtype and back.shape == a.shape
        lines.append(manifest_line(name, a))
    npz = {"W": rng_matrix(), "b": np.array([0.5, -1.25, 3.0, 1e-3], dtype=np.float32),
           "labels": np.array([2, 0, 1, 1, 9], dtype=np.int64), "scalar": np.array(7.5),
           "empty": np.zeros((0, 3), dtype=np.float32)}
    np.savez(os.path.join(OUT, "npz_stored.npz"), **npz)
    np.savez_compressed(os.path.join(OUT, "npz_compressed.npz"), **npz)
    for arch in ("npz_stored.npz", "npz_compressed.npz"):
        for k, a in npz.items():
            lines.append(manifest_line(arch + ":" + k, a))
    for name, a, words in refused():
        np.save(os.path.join(OUT, name), a)
        lines.append("\t".join([name, "error", words]))
    with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print("wrote %d files, %d bytes, into %s" % (len(os.listdir(OUT)), total, os.path.normpath(OUT)))


def rng_matrix():
    return np.random.default_rng(99).standard_normal((3, 4))


def read_manifest(path):
    cases = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if parts[1] == "error":
                continue
            name, dtype, shape = parts[0], parts[1], parts[2]
            vals = parts[3].split() if len(parts) > 3 else []
            cases[name] = (dtype, tuple(int(d) for d in shape.split(",")) if shape else (), vals)
    return cases


def check(name, a, expected):
    dtype, shape, vals = expected
    if a.dtype != np.dtype(dtype) or a.shape != shape:
        return "%s: got %s %s, expected %s %s" % (name, a.dtype, a.shape, dtype, shape)
    got = encode_values(a, dtype).split()
    if got != vals:
        return "%s: values differ" % name
    return None


def verify(d):
    cases = read_manifest(os.path.join(d, "java_manifest.tsv"))
    errors, seen = [], 0
    archives = {}
    for name, exp in cases.items():
        if ":" in name:
            archives.setdefault(name.split(":")[0], []).append(name)
            continue
        path = os.path.join(d, name)
        a = np.load(path)
        seen += 1
        e = check(name, a, exp)
        if e:
            errors.append(e)
            continue
        buf = io.BytesIO()
        np.save(buf, a)
        with open(path, "rb") as f:
            if f.read() != buf.getvalue():
                errors.append("%s: bytes differ from np.save's" % name)
    for arch, names in archives.items():
        with np.load(os.path.join(d, arch)) as z:
            keys = list(z.keys())
            want = [n.split(":", 1)[1] for n in names]
            if keys != want:
                errors.append("%s: keys %s, expected %s" % (arch, keys, want))
            for n in names:
                k = n.split(":", 1)[1]
                if k in z:
                    seen += 1
                    e = check(n, z[k], cases[n])
                    if e:
                        errors.append(e)
    for e in errors:
        print("FAIL", e)
    print("checked %d Java-written arrays with NumPy %s: %s" % (seen, np.__version__,
                                                                 "all equal" if not errors else "%d failures" % len(errors)))
    return 1 if errors or seen == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        sys.exit(verify(sys.argv[2]))
    elif len(sys.argv) == 1:
        write_fixtures()
    else:
        print(__doc__)
        sys.exit(2)
