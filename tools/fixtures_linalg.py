#!/usr/bin/env python3
"""Writes the NumPy reference cases of dezero.ndarray.Linalg (matmul, dot, tensordot).

Output: dezero-core/src/test/resources/fixtures/linalg/cases.txt, read by LinalgTest. One case per block:

    case <name>
    op <matmul|dot|tensordot>
    axes <axesA> <axesB>              (tensordot only; comma lists, '-' for none)
    a <dtype> <shape> <view> <values...>
    b <dtype> <shape> <view> <values...>
    out <dtype> <shape> <values...>
    end

<shape> is a comma list ('-' for 0-d); values are the base array in C order. <view> is applied to
the base array before the product ('-' for none), steps joined by '/':
    T          reverse all axes
    P:i,j,...  transpose with these axes
    S:ax:st    every st-th element along axis ax
    O:ax:n     drop the first n elements along axis ax
Run from the repository root: python3 tools/fixtures_linalg.py
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "dezero-core", "src", "test", "resources", "fixtures", "linalg",
                   "cases.txt")
rng = np.random.RandomState(1234)


def base(shape, dtype):
    if dtype == "int64":
        return np.asarray(rng.randint(-9, 10, size=shape)).astype(np.int64)
    return np.asarray(rng.randn(*shape)).astype(dtype)


def apply_view(x, view):
    if view == "-":
        return x
    for step in view.split("/"):
        if step == "T":
            x = x.T
        elif step.startswith("P:"):
            x = x.transpose([int(t) for t in step[2:].split(",")])
        elif step.startswith("S:"):
            ax, st = (int(t) for t in step[2:].split(":"))
            idx = [slice(None)] * x.ndim
            idx[ax] = slice(None, None, st)
            x = x[tuple(idx)]
        elif step.startswith("O:"):
            ax, n = (int(t) for t in step[2:].split(":"))
            idx = [slice(None)] * x.ndim
            idx[ax] = slice(n, None)
            x = x[tuple(idx)]
        else:
            raise ValueError(step)
    return x


def fmt_shape(shape):
    return ",".join(str(d) for d in shape) if len(shape) else "-"


def fmt_values(x):
    flat = np.ascontiguousarray(x).ravel()
    if x.dtype == np.int64:
        return " ".join(str(int(v)) for v in flat)
    if x.dtype == np.float32:
        return " ".join(repr(float(v)) if not np.isfinite(v) else str(v) for v in flat)  # shortest float32 repr
    return " ".join(repr(float(v)) for v in flat)


cases = []


def case(name, op, a_shape, a_dtype, b_shape, b_dtype, a_view="-", b_view="-", axes=None):
    a = base(a_shape, a_dtype)
    b = base(b_shape, b_dtype)
    av = apply_view(a, a_view)
    bv = apply_view(b, b_view)
    # the project's promotion: int64 with float32 gives float32 (NumPy would give float64)
    if {av.dtype, bv.dtype} == {np.dtype(np.int64), np.dtype(np.float32)}:
        av, bv = av.astype(np.float32), bv.astype(np.float32)
    if op == "matmul":
        out = np.matmul(av, bv)
    elif op == "dot":
        out = np.dot(av, bv)
    else:
        out = np.tensordot(av, bv, axes=axes)
    out = np.asarray(out)
    lines = ["case " + name, "op " + op]
    if axes is not None:
        lines.append("axes %s %s" % (",".join(map(str, axes[0])) or "-", ",".join(map(str, axes[1])) or "-"))
    lines.append("a %s %s %s %s" % (a_dtype, fmt_shape(a.shape), a_view, fmt_values(a)))
    lines.append("b %s %s %s %s" % (b_dtype, fmt_shape(b.shape), b_view, fmt_values(b)))
    lines.append("out %s %s %s" % (out.dtype, fmt_shape(out.shape), fmt_values(out)))
    lines.append("end")
    cases.append("\n".join(lines))


F8, F4, I8 = "float64", "float32", "int64"

# matmul: ranks, broadcasting, zero sizes
case("mm_2d", "matmul", (3, 4), F8, (4, 5), F8)
case("mm_1d_1d", "matmul", (5,), F8, (5,), F8)
case("mm_1d_2d", "matmul", (4,), F8, (4, 3), F8)
case("mm_2d_1d", "matmul", (3, 4), F8, (4,), F8)
case("mm_batched", "matmul", (2, 3, 4), F8, (2, 4, 5), F8)
case("mm_broadcast_batch", "matmul", (2, 1, 3, 4), F8, (5, 4, 2), F8)
case("mm_broadcast_batch_both", "matmul", (3, 1, 2, 4), F8, (1, 2, 4, 3), F8)
case("mm_rank4_by_2d", "matmul", (2, 3, 4, 5), F8, (5, 6), F8)
case("mm_2d_by_rank3", "matmul", (4, 5), F8, (3, 5, 2), F8)
case("mm_1d_by_3d", "matmul", (4,), F8, (2, 4, 3), F8)
case("mm_3d_by_1d", "matmul", (2, 3, 4), F8, (4,), F8)
case("mm_zero_m", "matmul", (0, 3), F8, (3, 4), F8)
case("mm_zero_k", "matmul", (3, 0), F8, (0, 4), F8)
case("mm_zero_n", "matmul", (3, 2), F8, (2, 0), F8)
case("mm_zero_batch", "matmul", (0, 3, 2), F8, (2, 4), F8)
case("mm_1d_zero_k", "matmul", (0,), F8, (0,), F8)
# views: transposes, steps, offsets
case("mm_aT", "matmul", (4, 3), F8, (4, 5), F8, a_view="T")
case("mm_bT", "matmul", (3, 4), F8, (5, 4), F8, b_view="T")
case("mm_aT_bT", "matmul", (6, 7), F8, (9, 6), F8, a_view="T", b_view="T")
case("mm_batched_T", "matmul", (2, 5, 3), F8, (2, 4, 5), F8, a_view="P:0,2,1", b_view="P:0,2,1")
case("mm_batch_axis_moved", "matmul", (3, 2, 4), F8, (4, 5), F8, a_view="P:1,0,2")
case("mm_stepped", "matmul", (7, 9), F8, (9, 10), F8, a_view="S:0:2/S:1:3", b_view="S:0:3/S:1:2")
case("mm_offset", "matmul", (5, 6), F8, (6, 7), F8, a_view="O:0:2/O:1:1", b_view="O:0:1/O:1:3")
case("mm_1d_stepped", "matmul", (12,), F8, (6, 4), F8, a_view="S:0:2")
# sizes large enough for the packed kernels (with edges), in each dtype
case("mm_f8_large", "matmul", (21, 40), F8, (40, 26), F8)
case("mm_f8_large_T", "matmul", (40, 19), F8, (27, 40), F8, a_view="T", b_view="T")
case("mm_f8_narrow", "matmul", (60, 40), F8, (40, 3), F8)
case("mm_f4_2d", "matmul", (7, 9), F4, (9, 11), F4)
case("mm_f4_large", "matmul", (21, 45), F4, (45, 50), F4)
case("mm_f4_large_T", "matmul", (45, 19), F4, (51, 45), F4, a_view="T", b_view="T")
case("mm_f4_batched", "matmul", (3, 5, 6), F4, (6, 4), F4)
case("mm_i8_2d", "matmul", (4, 6), I8, (6, 3), I8)
case("mm_i8_large", "matmul", (20, 30), I8, (30, 25), I8)
case("mm_i8_batched_T", "matmul", (2, 5, 4), I8, (2, 3, 5), I8, a_view="P:0,2,1", b_view="P:0,2,1")
case("mm_i8_1d", "matmul", (6,), I8, (6,), I8)
# dtype promotion
case("mm_f4_f8", "matmul", (3, 4), F4, (4, 2), F8)
case("mm_i8_f8", "matmul", (3, 4), I8, (4, 2), F8)
case("mm_i8_f4", "matmul", (3, 4), I8, (4, 2), F4)

# dot
case("dot_scalar_2d", "dot", (), F8, (2, 3), F8)
case("dot_2d_scalar_i8", "dot", (2, 3), I8, (), I8)
case("dot_scalar_f4_f8", "dot", (), F4, (3,), F8)
case("dot_1d_1d", "dot", (6,), F8, (6,), F8)
case("dot_2d_2d", "dot", (3, 4), F8, (4, 2), F8)
case("dot_1d_2d", "dot", (4,), F8, (4, 3), F8)
case("dot_3d_1d", "dot", (2, 3, 4), F8, (4,), F8)
case("dot_3d_3d", "dot", (2, 3, 4), F8, (5, 4, 6), F8)
case("dot_1d_3d", "dot", (4,), F8, (2, 4, 3), F8)
case("dot_2d_4d_T", "dot", (5, 3), F8, (2, 3, 5, 4), F8, a_view="T")
case("dot_i8_3d_2d", "dot", (2, 3, 4), I8, (4, 5), I8)
case("dot_f4_3d_3d", "dot", (2, 2, 3), F4, (2, 3, 2), F4)

# tensordot
case("td_two_axes", "tensordot", (3, 4, 5), F8, (4, 3, 2), F8, axes=([0, 1], [1, 0]))
case("td_outer", "tensordot", (2, 3), F8, (4,), F8, axes=([], []))
case("td_all_axes", "tensordot", (2, 3), F8, (2, 3), F8, axes=([0, 1], [0, 1]))
case("td_last_first", "tensordot", (2, 3, 4), F8, (4, 3), F8, axes=([1, 2], [1, 0]))
case("td_negative_axes", "tensordot", (2, 3, 4), F8, (4, 5), F8, axes=([-1], [-2]))
case("td_middle", "tensordot", (3, 4, 5), F8, (6, 4, 2), F8, axes=([1], [1]))
case("td_views", "tensordot", (4, 3, 5), F8, (5, 6, 4), F8, a_view="P:2,0,1", b_view="S:1:2",
     axes=([0, 1], [0, 2]))
case("td_i8", "tensordot", (2, 3, 4), I8, (3, 4, 2), I8, axes=([1, 2], [0, 1]))
case("td_f4_large", "tensordot", (6, 7, 8), F4, (8, 7, 9), F4, axes=([1, 2], [1, 0]))
case("td_mixed", "tensordot", (3, 4), F4, (4, 2), I8, axes=([1], [0]))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    f.write("# written by tools/fixtures_linalg.py (NumPy %s); do not edit\n" % np.__version__)
    f.write("\n".join(cases) + "\n")
print("wrote %d cases to %s (%d bytes)" % (len(cases), os.path.normpath(OUT), os.path.getsize(OUT)))
