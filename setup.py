"""Packaging: the metadata and dependencies are in setup.cfg; here only what it can't say.

The themes stay in the top-level ``themes/`` folder (where designers find them, beside the
code) and ship inside the package as ``ningxia_portal.themes``, so a wheel carries the
default theme and the portal finds it with ``importlib.resources`` however it is installed.
"""

from setuptools import find_packages, setup

setup(
    package_dir={"": "src", "ningxia_portal.themes": "themes"},
    packages=[*find_packages("src"), "ningxia_portal.themes"],
)
