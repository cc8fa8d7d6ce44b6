"""Call a student's functions, inside a sandboxed kernel, from the grader's own process.

Tests run in the grader; every name a test uses that the student's notebook defines is
a proxy to the student's kernel. Only values cross (arrays, numbers, containers, RNGs),
through files in a mailbox folder; the verdict is computed where the student's code
cannot reach it. ``agent.py`` is the kernel side (self-contained source injected into
the kernel); ``client.py`` the grader side.
"""
