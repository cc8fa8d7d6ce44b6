"""Call a student's functions, inside a sandboxed kernel, from the grader's own process.

Tests run in the grader; every name a test uses that the student's notebook defines is
a proxy to the student's kernel. Only values cross (arrays, numbers, containers, RNGs),
through files in a mailbox folder; the verdict is computed where the student's code
cannot reach it. ``agent.py`` is the kernel side and ``client.py`` the grader side;
``codec.py`` (values <-> JSON and arrays, message files) and ``protocol.py`` (the
requests' names) are shared: the kernel gets their source injected with the agent's.
"""
