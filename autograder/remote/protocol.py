"""The grader <-> kernel protocol's names, shared by both sides.

Standard library only: ``agent_bootstrap`` injects this file's source into the student's
kernel (as the module ``_autograder_protocol``) before the codec and the agent, which
cannot import the autograder package there.

A request travels as files in the kernel's mailbox folder: the grader writes
``req-<n>`` and runs ``_autograder_agent.serve(n)``; the agent answers ``resp-<n>``.
While serving, student code may call back into a test's function: the agent writes
``cb-<k>`` and waits for the grader's ``cbresp-<k>``.
"""
import enum
import os
import sys

if sys.version_info >= (3, 11):
    from enum import StrEnum  # novermin
else:  # Python 3.10 (Ubuntu 22.04's own): this file runs standalone, so no autograder._compat
    class StrEnum(str, enum.Enum):
        def __str__(self):
            return str(self.value)


class Op(StrEnum):
    """What a request asks the agent to do with a name or a handle."""

    GET = "get"            # the value of a name in the student's namespace
    CALL = "call"          # call a handle with args/kwargs
    GETATTR = "getattr"
    SETATTR = "setattr"
    GETITEM = "getitem"
    LEN = "len"
    ITER = "iter"
    REPR = "repr"
    RELEASE = "release"    # forget handles the grader no longer holds


class Box(StrEnum):
    """The kinds of message file in a mailbox (the file name's prefix)."""

    REQUEST = "req"
    RESPONSE = "resp"
    CALLBACK = "cb"
    CALLBACK_RESPONSE = "cbresp"


def message_path(mailbox, box, number):
    """The base path (no suffix) of message ``number`` of kind ``box`` in ``mailbox``."""
    return os.path.join(mailbox, f"{box}-{number}")


def box_of(filename):
    """The :class:`Box` a mailbox file name belongs to, or None for any other file."""
    try:
        return Box(filename.split("-", 1)[0])
    except ValueError:
        return None
