"""Worker processes that do not outlive the command that started them."""
import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(sig=signal.SIGTERM):
    """Ask Linux to send ``sig`` to this process when its parent exits (a killed
    ``validate`` or ``grade`` must not leave workers and their kernels running).
    Returns whether the request was made (False off Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
