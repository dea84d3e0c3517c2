"""The portal installed from its wheel (not from this checkout) starts and serves its theme
and its skins (each skin's folder ships in the wheel: start-up fails without it).

The wheel is built without build isolation and installed without an index, into a new
virtualenv that sees this one's site-packages for the dependencies: nothing is downloaded.
The check runs in that virtualenv's own interpreter, from a directory outside the checkout.
"""

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("src", "themes", "setup.cfg", "setup.py", "pyproject.toml", "README.md")

CHECK = """
import sys
from wsgiref.util import setup_testing_defaults

import ningxia_portal

assert ningxia_portal.__file__.startswith(sys.prefix), ningxia_portal.__file__
settings = {
    "zodbconn.uri": "memory://",
    "portal.secret": "wheel-check-not-a-secret",
    "portal.password_hasher": "fast",
    "portal.mail": "off",
}
app = ningxia_portal.main({}, **settings)
path = sys.argv[1] if len(sys.argv) > 1 else "/static/css/portal.css"
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path}
setup_testing_defaults(environ)
answer = []
body = b"".join(app(environ, lambda status, headers, exc_info=None: answer.append(status)))
print(answer[0])
sys.stdout.flush()
sys.stdout.buffer.write(body)
"""


def copy_sources(target):
    """The files a wheel is built from, without the checkout's build leftovers."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)


def run(*args, **kw):
    done = subprocess.run(args, capture_output=True, check=False, **kw)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return done.stdout


def test_the_installed_wheel_serves_the_default_theme(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_sources(project)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "-q")
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", tmp_path, project)
    (wheel,) = tmp_path.glob("ningxia_portal-*.whl")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
        .decode()
        .strip()
    )
    # The dependencies: this virtualenv's site-packages, after the new one's own (the
    # checkout's editable install is a .pth file there, which a plain path entry ignores).
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel)

    out = run(python, "-c", CHECK, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    status, _, body = out.partition(b"\n")
    assert status == b"200 OK"
    assert body == (ROOT / "themes" / "default" / "css" / "portal.css").read_bytes()

    for skin in ("blue", "red", "teal", "contrast"):
        out = run(
            python,
            "-c",
            CHECK,
            f"/skins/{skin}/skin.css",
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin"},
        )
        status, _, body = out.partition(b"\n")
        assert status == b"200 OK"
        assert body == (ROOT / "themes" / skin / "skin.css").read_bytes()
