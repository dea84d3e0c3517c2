"""The portal's themes, installed as ``ningxia_portal.themes`` (see setup.py).

``default/`` is served at ``/static/`` unless ``portal.theme_dir`` names another folder.
"""
