"""Hints that ask the CPU for memory ahead of its use (LLVM's prefetch), for
the compiled passes of ``_kernels`` and ``_perceptron_kernels``.

A pass whose arithmetic on a row is short waits for each row in turn unless it
asks for the next ones early; a hint costs an instruction and changes no
result.
"""

from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

#: How many rows ahead of the one in use a pass asks for from memory. The
#: arithmetic on a row is short, so without the hint a thread waits for each row
#: in turn; 24 rows (about 20 KB at 100 float64 features) keep enough requests in
#: flight to stream X at the bandwidth ``X @ w`` reaches.
PREFETCH_ROWS = 24

#: Size of an X beyond which the perceptron's epoch, which reads the rows in a
#: random order, asks for them ahead (the size of a core's L2 cache, about).
PREFETCH_MIN_BYTES = 1 << 20

#: Bytes of a cache line, the unit a prefetch hint fetches.
CACHE_LINE = 64


def _prefetch_codegen(context, builder, signature, args):
    """LLVM's prefetch of the item of ``args[0]`` at the indices ``args[1:]``."""
    array_type = signature.args[0]
    array_struct = context.make_array(array_type)(context, builder, args[0])
    pointer = cgutils.get_item_pointer(
        context,
        builder,
        array_type,
        array_struct,
        list(args[1:]),
        wraparound=False,
        boundscheck=False,
    )
    byte_pointer = ir.IntType(8).as_pointer()
    int32 = ir.IntType(32)
    prefetch = cgutils.get_or_insert_function(
        builder.module,
        ir.FunctionType(ir.VoidType(), [byte_pointer, int32, int32, int32]),
        "llvm.prefetch.p0i8",
    )
    # A read (0), to be kept in all cache levels (3), of data (1).
    builder.call(
        prefetch,
        [
            builder.bitcast(pointer, byte_pointer),
            ir.Constant(int32, 0),
            ir.Constant(int32, 3),
            ir.Constant(int32, 1),
        ],
    )
    return context.get_dummy_value()


@intrinsic
def _prefetch(typingctx, array, row, column):
    """Hint the CPU to fetch ``array[row, column]`` into cache (LLVM's prefetch)."""
    return types.void(array, row, column), _prefetch_codegen


@intrinsic
def _prefetch_item(typingctx, array, index):
    """Hint the CPU to fetch ``array[index]`` of a 1-D array into cache."""
    return types.void(array, index), _prefetch_codegen


@njit(inline="always")
def _prefetch_row(X, row):
    """Ask for every cache line of ``X[row]`` ahead of its use."""
    for column in range(0, X.shape[1], CACHE_LINE // X.itemsize):
        _prefetch(X, row, column)


@njit(inline="always")
def _prefetch_ahead(X, i):
    """Ask for the row ``PREFETCH_ROWS`` after row ``i`` of a pass in row order."""
    if i + PREFETCH_ROWS < X.shape[0]:
        _prefetch_row(X, i + PREFETCH_ROWS)
