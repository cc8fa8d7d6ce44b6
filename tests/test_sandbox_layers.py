"""The sandbox's side-by-side layers one by one: uid pool, cgroup detection and groups,
the bounded tmpfs, and what ``Sandbox.describe`` says (fast; no kernel is started).

Detection is tested on fake ``/proc/mounts`` texts and fake cgroup trees; the uid pool,
the cgroup and the tmpfs are also tested for real where the machine has them (as root).
"""
import os
import signal
import subprocess
import sys
import time

import pytest
from paths import REPO_ROOT

from autograder.config import GradingConfig
from autograder.grading import cgroup, diskspace, uidpool
from autograder.grading.sandbox import Limits, Sandbox

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="uids, cgroups and mounts need root")

HYBRID = """\
tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
"""
UNIFIED = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n"


def _tree(base, files):
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return base


# -- detection on fake trees ----------------------------------------------------------
def test_parse_mounts_finds_v2_and_the_v1_controllers():
    v2, v1 = cgroup.parse_mounts(HYBRID)
    assert v2 == ["/sys/fs/cgroup/unified"]
    assert v1 == {"memory": "/sys/fs/cgroup/memory", "pids": "/sys/fs/cgroup/pids"}


def test_v2_with_memory_and_pids_is_chosen(tmp_path):
    _tree(tmp_path, {"sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory hugetlb pids rdma\n"})
    choice = cgroup.choose(UNIFIED, fs_root=tmp_path)
    assert choice.kind == "v2" and choice.paths["unified"] == str(tmp_path / "sys/fs/cgroup")


def test_hybrid_machine_uses_v1_when_v2_has_no_controllers(tmp_path):
    # this machine's kind: the unified hierarchy is mounted but empty, v1 has memory + pids
    _tree(tmp_path, {"sys/fs/cgroup/unified/cgroup.controllers": "\n",
                     "sys/fs/cgroup/memory/memory.limit_in_bytes": "0\n",
                     "sys/fs/cgroup/pids/pids.max": "max\n"})
    choice = cgroup.choose(HYBRID, fs_root=tmp_path)
    assert choice.kind == "v1"
    assert choice.paths == {"memory": str(tmp_path / "sys/fs/cgroup/memory"),
                            "pids": str(tmp_path / "sys/fs/cgroup/pids")}


def test_v2_without_pids_and_no_v1_falls_back_to_systemd_or_none(tmp_path):
    _tree(tmp_path, {"sys/fs/cgroup/cgroup.controllers": "cpu memory\n"})
    none = cgroup.choose(UNIFIED, fs_root=tmp_path, which=lambda _: "/usr/bin/systemd-run")
    assert none.kind == "none" and "no memory+pids" in none.reason and "no systemd" in none.reason
    (tmp_path / "run/systemd/system").mkdir(parents=True)
    assert cgroup.choose(UNIFIED, fs_root=tmp_path, which=lambda _: "/usr/bin/systemd-run").kind == "systemd"
    assert cgroup.choose(UNIFIED, fs_root=tmp_path, which=lambda _: None).kind == "none"


def test_v1_without_pids_is_not_enough(tmp_path):
    mounts = "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n"
    _tree(tmp_path, {"sys/fs/cgroup/memory/memory.limit_in_bytes": "0\n"})
    choice = cgroup.choose(mounts, fs_root=tmp_path)
    assert choice.kind == "none" and "lacks pids" in choice.reason


def test_no_cgroups_mounted_or_not_root_means_none(tmp_path):
    assert cgroup.choose("proc /proc proc rw 0 0\n", fs_root=tmp_path).kind == "none"
    choice = cgroup.choose(HYBRID, fs_root=tmp_path, euid=1000)
    assert choice.kind == "none" and "not running as root" in choice.reason


def test_a_fake_v1_group_gets_its_limits_and_a_wrapper_that_joins_it(tmp_path):
    mem, pids = tmp_path / "memory", tmp_path / "pids"
    group = cgroup.Group(cgroup.Choice("v1", {"memory": str(mem), "pids": str(pids)}),
                         3 << 30, 64, name="kernel-test")
    (mem / "autograder").mkdir(parents=True)
    (pids / "autograder").mkdir(parents=True)
    group.create()
    assert (mem / "autograder/kernel-test/memory.limit_in_bytes").read_text() == f"{3 << 30}\n"
    assert (pids / "autograder/kernel-test/pids.max").read_text() == "64\n"
    argv = group.wrap(["true"])
    assert argv[:2] == ["/bin/sh", "-c"] and argv[-1] == "true"
    # the wrapper writes its own pid into each cgroup.procs, then execs the command
    out = subprocess.run(argv[:-1] + ["sh", "-c", "echo $$"], capture_output=True, text=True)
    pid = out.stdout.strip()
    assert (mem / "autograder/kernel-test/cgroup.procs").read_text().strip() == pid
    assert (pids / "autograder/kernel-test/cgroup.procs").read_text().strip() == pid
    (mem / "autograder/kernel-test/memory.oom_control").write_text(
        "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n")
    (pids / "autograder/kernel-test/pids.events").write_text("max 7\n")
    assert group.oom_kills() == 2 and group.pids_refused() == 7


def test_a_systemd_scope_carries_the_limits():
    group = cgroup.Group(cgroup.Choice("systemd"), 1 << 30, 100, name="kernel-x")
    argv = group.wrap(["python", "-m", "ipykernel"])
    assert argv[:3] == ["systemd-run", "--scope", "--quiet"] and "--unit=kernel-x" in argv
    assert f"MemoryMax={1 << 30}" in argv and "TasksMax=100" in argv and "MemorySwapMax=0" in argv
    assert argv[argv.index("--") + 1:] == ["python", "-m", "ipykernel"]


# -- describe ---------------------------------------------------------------------------
def test_describe_warns_for_every_layer_that_fell_back(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_NO_CGROUPS", "1")
    monkeypatch.setenv("AUTOGRADER_NO_TMPFS", "1")
    box = Sandbox(workdir=tmp_path, isolate=False, limits=Limits(memory_mb=3000),
                  config=GradingConfig.from_env())
    box.open()
    try:
        text = box.describe()
    finally:
        box.close()
    assert "WARNING: NO file-system/network isolation" in text
    assert "WARNING: no separate uid" in text
    assert "WARNING: no cgroup (disabled by AUTOGRADER_NO_CGROUPS=1)" in text
    assert "WARNING: disk space not bounded (disabled by AUTOGRADER_NO_TMPFS=1)" in text
    assert "3000 MB memory" in text


# -- uid pool ---------------------------------------------------------------------------
def test_uid_range_must_be_well_formed():
    assert uidpool.parse_range("30000-30009") == (30000, 30009)
    for bad in ("30000", "a-b", "500-600", "31000-30000"):
        with pytest.raises(uidpool.UidPoolError, match="AUTOGRADER_UID_POOL"):
            uidpool.parse_range(bad)


_HOLD = """
import sys, time
sys.path.insert(0, {repo!r})
from autograder.grading.uidpool import UidPool
lease = UidPool({first}, {last}, {folder!r}).acquire()
print(lease.uid, flush=True)
time.sleep(60)
"""


def _holder(folder, first, last):
    code = _HOLD.format(repo=str(REPO_ROOT), first=first, last=last, folder=str(folder))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    return proc, int(proc.stdout.readline())


@needs_root
def test_pool_gives_each_process_its_own_uid_and_a_dead_holder_frees_it(tmp_path, new_sandbox_uid):
    folder = tmp_path / "pool"
    first = new_sandbox_uid(count=2)
    a, uid_a = _holder(folder, first, first + 1)
    try:
        b, uid_b = _holder(folder, first, first + 1)
        try:
            assert {uid_a, uid_b} == {first, first + 1}
            with pytest.raises(uidpool.UidPoolError, match="every uid of the pool"):
                uidpool.UidPool(first, first + 1, folder).acquire()
        finally:
            b.kill()
            b.wait()
        # the killed holder's lock went with it: its uid is free at once
        lease = uidpool.UidPool(first, first + 1, folder).acquire()
        assert lease.uid == uid_b
        lease.release()
    finally:
        a.kill()
        a.wait()
    assert (folder.stat().st_mode & 0o777) == 0o755


@needs_root
def test_pool_skips_named_users_and_kills_what_an_earlier_grading_left(tmp_path, new_sandbox_uid):
    with pytest.raises(uidpool.UidPoolError, match="every uid"):
        uidpool.UidPool(65534, 65534, tmp_path / "p").acquire()    # nobody: never handed out
    uid = new_sandbox_uid()
    left = subprocess.Popen(["sleep", "300"], user=uid, group=uid, extra_groups=[])
    try:
        lease = uidpool.UidPool(uid, uid, tmp_path / "p").acquire()
        assert left.wait(timeout=10) == -signal.SIGKILL
        assert uidpool.processes_of(uid) == []
        lease.release()
    finally:
        left.kill()


def test_pool_folder_writable_by_others_is_refused(tmp_path):
    folder = tmp_path / "open"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    with pytest.raises(uidpool.UidPoolError, match="chmod 755"):
        uidpool.UidPool(30970, 30970, folder).acquire()


# -- the real cgroup and tmpfs of this machine --------------------------------------------
def test_this_machines_choice_is_usable_or_says_why():
    choice = cgroup.detect(GradingConfig.from_env())
    if choice.kind == "none":
        assert choice.reason
        return
    group = cgroup.Group(choice, 256 << 20, 20)
    try:
        group.create()
    except OSError as exc:
        pytest.fail(f"detect() chose {choice.kind} but a group cannot be made: {exc}")
    proc = subprocess.Popen(group.wrap(["sh", "-c", "sleep 300 & sleep 300 & wait"]))
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(_members(group)) < 3:
            time.sleep(0.05)
        assert len(_members(group)) == 3, "the command and its children are in the group"
    finally:
        assert group.destroy() is not False
        proc.wait(timeout=10)
    assert not any(d.exists() for d in group.dirs), "the group is removed"


def _members(group):
    return (group.dirs[0] / "cgroup.procs").read_text().split() if group.dirs else []


@needs_root
def test_a_full_tmpfs_refuses_writes_and_the_host_disk_does_not_move(tmp_path):
    if not diskspace.can_mount():
        pytest.skip("this process may not mount a tmpfs")
    workdir = tmp_path / "sub"
    workdir.mkdir()
    (workdir / "given.txt").write_text("from the grader")
    scratch = diskspace.Scratch(workdir, 8).mount()
    try:
        assert os.path.ismount(workdir) and (workdir / "given.txt").read_text() == "from the grader"
        before = os.statvfs(tmp_path)
        with pytest.raises(OSError, match="No space left"), open(workdir / "big", "wb") as fh:
            for _ in range(20):
                fh.write(b"x" * (1 << 20))
                fh.flush()
        with pytest.raises(OSError, match="No space left"):   # /tmp shares the same 8 MB
            (scratch.tmp / "more").write_bytes(b"y" * (1 << 20))
        after = os.statvfs(tmp_path)
        assert (before.f_bavail - after.f_bavail) * after.f_frsize < (1 << 20)
    finally:
        scratch.unmount()
    assert not os.path.ismount(workdir) and not any(workdir.iterdir())


def test_a_fake_v2_group_enables_its_controllers_down_to_it(tmp_path):
    parent = GradingConfig.from_env({"AUTOGRADER_CGROUP_PARENT": "/grading/kernels/"}).cgroup_parent
    _tree(tmp_path, {"cgroup.controllers": "memory pids\n", "cgroup.subtree_control": "cpu\n"})
    group = cgroup.Group(cgroup.Choice("v2", {"unified": str(tmp_path)}, parent=parent), 1 << 30, 50, name="k1")
    group.create()
    assert (tmp_path / "cgroup.subtree_control").read_text() == "+memory +pids\n"
    assert (tmp_path / "grading/kernels/cgroup.subtree_control").read_text() == "+memory +pids\n"
    assert (tmp_path / "grading/kernels/k1/memory.max").read_text() == f"{1 << 30}\n"
    assert (tmp_path / "grading/kernels/k1/memory.swap.max").read_text() == "0\n"
    assert (tmp_path / "grading/kernels/k1/pids.max").read_text() == "50\n"
    (tmp_path / "grading/kernels/k1/memory.events").write_text("low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n")
    assert group.oom_kills() == 1
    with pytest.raises(FileExistsError):      # a name in use is never shared
        cgroup.Group(cgroup.Choice("v2", {"unified": str(tmp_path)}, parent=parent), 1 << 30, 50, name="k1").create()
    assert (tmp_path / "grading/kernels/k1").is_dir()


def test_v1_groups_nest_inside_the_graders_own_group(tmp_path, monkeypatch):
    # a box around the grader (Gradescope's 768 MB, the box test's) then holds its kernels
    own = cgroup.own_groups("4:memory:/box/grader\n8:pids:/\n1:cpu,cpuacct:/box\n0::/\n")
    assert own == {"memory": "/box/grader", "pids": "/", "cpu": "/box", "cpuacct": "/box"}
    mem, pids = tmp_path / "memory", tmp_path / "pids"
    choice = cgroup.Choice("v1", {"memory": str(mem), "pids": str(pids)}, nest={"memory": "/box/grader"})
    group = cgroup.Group(choice, 1 << 30, 64, name="k")
    assert group.dirs == [mem / "box/grader/autograder/k", pids / "autograder/k"]
    group.create()
    assert (mem / "box/grader/autograder/k/memory.limit_in_bytes").read_text() == f"{1 << 30}\n"
    # the memory its processes really have: the box's 768 MB, not the group's own 1 GB
    (mem / "memory.limit_in_bytes").write_text(f"{(1 << 63) - 4096}\n")      # the hierarchy's root
    (mem / "box/memory.limit_in_bytes").write_text(f"{768 << 20}\n")
    assert group.available_mb() == 768


def test_set_up_data_is_shared_read_only_and_small_values_are_copied():
    import numpy as np

    from autograder.grading.trusted import SHARE_BYTES, fresh

    big = np.zeros(SHARE_BYTES // 4 + 1, dtype=np.float32)
    shared = fresh(big)
    assert np.shares_memory(shared, big) and not shared.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        shared[0] = 1.0                       # a test cannot change the next submission's data
    small = np.zeros(3)
    copy = fresh(small)
    copy[0] = 1.0
    assert small[0] == 0.0 and fresh({"a": [1]}) == {"a": [1]}


def test_large_set_up_tensors_are_shared_and_a_change_in_place_is_noticed():
    torch = pytest.importorskip("torch")
    from autograder.grading.trusted import SHARE_BYTES, fresh, unchanged, versions

    namespace = {"X": torch.zeros(SHARE_BYTES // 4 + 1), "w": torch.zeros(3)}
    cached = (namespace, versions(namespace))
    assert set(cached[1]) == {"X"}
    shared, small = fresh(namespace["X"]), fresh(namespace["w"])
    assert shared.data_ptr() == namespace["X"].data_ptr()     # no second copy of the data
    small += 1.0
    assert namespace["w"].sum() == 0 and unchanged(cached)   # small tensors are copies
    shared.mul_(2.0)                                           # a test changes shared data in place
    assert not unchanged(cached)                              # ... so the set-up runs again


def test_the_cpu_quota_of_a_box_is_read_from_the_groups_the_grader_is_in(tmp_path):
    from autograder.grading.cpus import cpu_quota

    cpu = tmp_path / "sys/fs/cgroup/cpu"
    (cpu / "box/grader").mkdir(parents=True)
    for d, quota in ((cpu, -1), (cpu / "box", 50_000), (cpu / "box/grader", -1)):
        (d / "cpu.cfs_quota_us").write_text(f"{quota}\n")
        (d / "cpu.cfs_period_us").write_text("100000\n")
    mounts = "cgroup /sys/fs/cgroup/cpu cgroup rw,nosuid,cpu,cpuacct 0 0\n"
    assert cpu_quota(mounts, "3:cpu,cpuacct:/box/grader\n", tmp_path) == 0.5     # the box's half CPU
    assert cpu_quota(mounts, "3:cpu,cpuacct:/\n", tmp_path) is None              # no quota: none
    unified = tmp_path / "sys/fs/cgroup/unified"
    (unified / "a/b").mkdir(parents=True)
    (unified / "a/cpu.max").write_text("150000 100000\n")
    (unified / "a/b/cpu.max").write_text("max 100000\n")
    assert cpu_quota("cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n", "0::/a/b\n", tmp_path) == 1.5


def test_a_kernel_in_a_half_cpu_box_gets_one_thread():
    from benchmarks.box import BoxUnavailable, run_in_box

    try:
        box = run_in_box([sys.executable, "-c", "from autograder.grading.cpus import available_cpus, "
                          "kernel_threads; print(available_cpus(), kernel_threads(2))"],
                         memory_mb=512, cpus=0.5, cwd=str(REPO_ROOT))
    except BoxUnavailable as exc:
        pytest.skip(str(exc))
    assert box.returncode == 0, box.stderr
    assert box.stdout.split() == ["0.5", "1"], box.stdout
