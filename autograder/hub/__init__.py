"""The course on a shared JupyterHub (issue 23): ``python -m autograder hub ...``.

- :mod:`.schedule` which assignments are released by a date (``course/course.toml``);
- :mod:`.exchange` nbgrader's exchange, per student (nbgrader's pluggable exchange API);
- :mod:`.layout` the hub's state folder, the exchange tree, the course's locked folders;
- :mod:`.users` Unix users and groups for students and instructors;
- :mod:`.config` the generated ``jupyterhub_config.py`` and the students' Jupyter config;
- :mod:`.run` start / stop a hub; :mod:`.instructor` collect, release feedback;
- :mod:`.cli` the ``hub`` subcommands.
"""
