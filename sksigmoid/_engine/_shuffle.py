"""The random draws of a fit: the order of the rows in an online epoch (a
Fisher-Yates shuffle drawn from splitmix64, the same numbers in NumPy here and
compiled in ``_kernels``), and the fit's ``RandomState``."""

from numbers import Integral

import numpy as np
from sklearn.utils import check_random_state

#: RandomState objects no fit holds, to be reseeded for the next: building one
#: costs 85 us (its MT19937 draws 624 words from a SeedSequence, then the seed
#: replaces them), a twentieth of a small fit; reseeding one costs 2.
_idle_random_states = []

#: The most idle RandomState objects kept.
MAX_IDLE_RANDOM_STATES = 8


def borrow_random_state(seed):
    """``check_random_state(seed)``, an int seed served by an idle RandomState
    reseeded (the same draws as ``RandomState(seed)``); give it back with
    :func:`give_back_random_state` once nothing holds it."""
    if not isinstance(seed, Integral):
        return check_random_state(seed)
    try:
        random_state = _idle_random_states.pop()
    except IndexError:
        random_state = np.random.RandomState()
    random_state.seed(seed)
    return random_state


def give_back_random_state(random_state, seed):
    """Keep ``random_state``, borrowed for ``seed``, for a later fit: only
    those of int seeds, which are the borrower's own."""
    if isinstance(seed, Integral) and len(_idle_random_states) < MAX_IDLE_RANDOM_STATES:
        _idle_random_states.append(random_state)


#: The constants of splitmix64 (Steele, Lea and Flood, 2014): its counter's
#: increment and the two multipliers of its output's mix.
SPLITMIX_GAMMA = 0x9E3779B97F4A7C15
SPLITMIX_MULTIPLIERS = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


def splitmix_bits(counters):
    """splitmix64's 64 random bits for each of the uint64 ``counters``.

    Each output is a function of its counter alone, so the draws of an epoch
    are computed at once here and one at a time in ``_kernels``, alike. (Array
    arithmetic on unsigned integers wraps around modulo 2**64, as the
    generator needs.)
    """
    first, second = (np.uint64(multiplier) for multiplier in SPLITMIX_MULTIPLIERS)
    bits = counters * np.uint64(SPLITMIX_GAMMA)
    bits = (bits ^ (bits >> np.uint64(30))) * first
    bits = (bits ^ (bits >> np.uint64(27))) * second
    return bits ^ (bits >> np.uint64(31))


def shuffle_rows(order, seed, epoch):
    """Shuffle ``order`` in place for ``epoch`` (0, 1, ...) of a fit seeded by ``seed``.

    A Fisher-Yates shuffle, as scikit-learn's SGD makes one each epoch with
    its own generator. Its ``n - 1`` draws are splitmix64's (numbers
    ``epoch * n + 1`` to ``epoch * n + n - 1`` of the fit's stream, offset by
    ``seed``), the same in ``_kernels``: the order costs a tenth of NumPy's
    ``RandomState.permutation`` there (70 us for 4,500 rows, a third of the
    compiled epoch's time).
    """
    n_rows = order.shape[0]
    if n_rows < 2:
        return
    counters = np.arange(epoch * n_rows + 1, (epoch + 1) * n_rows, dtype=np.uint64)
    counters += np.uint64(seed)
    # Row i swaps with a row j <= i, from the last row down.
    bounds = np.arange(n_rows, 1, -1, dtype=np.uint64)
    picks = (splitmix_bits(counters) % bounds).tolist()
    rows = order.tolist()
    for i, j in zip(range(n_rows - 1, 0, -1), picks, strict=True):
        rows[i], rows[j] = rows[j], rows[i]
    order[:] = rows
