"""JupyterHub's configuration for the course: ``jupyterhub -f`` this file, with
``COURSE_HUB_SETTINGS`` naming the settings JSON (:class:`autograder.hub.config.Settings`)."""
import os
import pwd

from autograder.hub import box, users
from autograder.hub.config import VENV_BIN, Settings
from autograder.hub.hooks import pre_spawn

c = get_config()  # noqa: F821
s = Settings.from_env()
state, private = s.state, str(s.private)

c.JupyterHub.ip = s.ip
c.JupyterHub.port = s.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s.hub_port
c.ConfigurableHTTPProxy.command = [s.chp]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = os.path.join(private, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{os.path.join(private, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(private, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(private, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# Real Unix accounts, checked by PAM; only the course's two groups may log in.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {s.students_group, s.instructors_group}
c.PAMAuthenticator.open_sessions = False
instructors = sorted(users.members(s.instructors_group))
c.JupyterHub.load_groups = {s.instructors_group: {"users": instructors}}

# Every server runs as its user's uid, in their 0700 home, seeing only what box.py lets it see.
# (boxed in bubblewrap: autograder/hub/box.py)
c.JupyterHub.spawner_class = "autograder.hub.spawner.BoxedSpawner"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.environment = {
    "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": os.path.join(state, "jupyter"),
    "HWLIB_NO_PROGRESS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    **({"HWLIB_DATA": s.data} if s.data else {}),
}
c.Spawner.pre_spawn_hook = pre_spawn

# An API token for the course's scripts (load test, tests): manage users and servers.
c.JupyterHub.services = [{"name": "course-api", "api_token": s.api_token}]
c.JupyterHub.load_roles = [
    {"name": "course-api", "services": ["course-api"],
     "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users",
                "admin:groups", "read:hub"]},
]

# nbgrader's formgrader, as a hub service only the instructors' group may open.
if s.formgrader_user:
    grader = pwd.getpwnam(s.formgrader_user)
    c.JupyterHub.services.append({
        "name": "formgrader",
        "url": f"http://127.0.0.1:{s.formgrader_port}",
        "command": box.formgrader_argv(s.formgrader_user, s, [
            str(VENV_BIN / "jupyterhub-singleuser"), "--ServerApp.terminals_enabled=False"]),
        "cwd": s.course_root,
        "environment": {"PATH": f"{VENV_BIN}:/usr/bin:/bin", "JUPYTERHUB_DEFAULT_URL": "/formgrader",
                        "COURSE_ROOT": s.course_root, **box.env_for(grader),
                        # the private exchange's location (collect / release feedback: as root, CLI)
                        "JUPYTER_CONFIG_PATH": os.path.join(state, "instructor")},
        "oauth_no_confirm": True,
    })
    c.JupyterHub.load_roles.append({"name": "formgrader-access", "groups": [s.instructors_group],
                                    "scopes": ["access:services!service=formgrader"]})
