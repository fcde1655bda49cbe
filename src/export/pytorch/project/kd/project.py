"""config.json: the studio's experiment and every value it resolved, checked against the
export schema this project was written for."""
from __future__ import annotations

import json
from pathlib import Path

EXPORT_SCHEMA = 1


class ConfigError(Exception):
    """config.json is not one this project can run."""


def load_project(root: Path) -> dict:
    path = root / "config.json"
    try:
        project = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path} is missing: run train.py from the unzipped project folder") from None
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path} is not valid JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(project, dict) or project.get("format") != "kd-studio-pytorch":
        raise ConfigError(f"{path} is not a KD Studio PyTorch export (no \"format\": \"kd-studio-pytorch\")")
    schema = project.get("exportSchema")
    if schema != EXPORT_SCHEMA:
        raise ConfigError(
            f"{path} has export schema {schema!r}, but this train.py reads schema {EXPORT_SCHEMA}: "
            "export the experiment again from the studio, or use the train.py that came with this config.json"
        )
    for key in ("config", "resolved"):
        if key not in project:
            raise ConfigError(f"{path} has no \"{key}\" section")
    return project
