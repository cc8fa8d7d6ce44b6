"""Students' nbgrader configuration in the course image (/etc/jupyter/nbgrader_config.py).

Each pod mounts only its own part of the exchange volume (deploy/k8s/values.yaml):
/srv/nbgrader/exchange/students/<JUPYTERHUB_USER>, and released/ read-only.
"""
import os

from autograder.hub.exchange import STUDENT, factory_config

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "dl-course"
c.Exchange.root = os.path.join("/srv/nbgrader/exchange/students", os.environ.get("JUPYTERHUB_USER", "nobody"))
for line in factory_config(STUDENT):
    exec(line)  # c.ExchangeFactory.<step> = '<the private exchange's class>'
