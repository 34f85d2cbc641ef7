"""Load the YAML config staff edit, with errors that name the file, line and field.

Files (in LOTI_CONFIG_DIR): network.yaml (required, a NetworkConfig mapping), and optionally
cohorts.yaml (`cohorts: [...]`), events.yaml (`events: [...]`), mentoring.yaml
(`mentoring: [...]`) and replies.yaml (a ReplyLexicon mapping). A missing optional file is
empty. Any invalid file rejects the whole config, so nothing is posted from half a config.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.config.base import StrictModel
from bot.config.cohorts import Cohort
from bot.config.digest import DigestFile, StaffDigest
from bot.config.events import EventSeries
from bot.config.ideas import IdeasConfig, IdeasFile
from bot.config.mentoring import MentoringRound
from bot.config.messages import plain_message
from bot.config.network import NetworkConfig
from bot.config.replies import ReplyLexicon

__all__ = ["Config", "ConfigError", "load_config", "locate_in_file"]


class ConfigError(Exception):
    """A config file is invalid: `file:line: field: message`."""

    def __init__(self, file: str | Path, line: int | None, field: str | None, message: str):
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


# libyaml's parser where PyYAML was built with it: the same documents and marks, parsed about
# ten times faster (config is read at every start of the worker and of most commands).
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """YAML 1.2-style reading: staff text stays text.

    PyYAML follows YAML 1.1, where `no` is false, `12:30` is the number 750 and `2027-02-30`
    is a crash. Here only true/false are booleans, only plain decimal numbers are numbers, and
    dates and times stay strings that the config models read (and reject with file:line).
    """


_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)



class _PyLoader(yaml.SafeLoader):
    """The same reading on PyYAML's pure-Python parser, for its more exact error messages."""


_PyLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class _CohortsFile(StrictModel):
    cohorts: tuple[Cohort, ...] = ()


class _EventsFile(StrictModel):
    events: tuple[EventSeries, ...] = ()


class _MentoringFile(StrictModel):
    mentoring: tuple[MentoringRound, ...] = ()


@dataclass(frozen=True)
class Config:
    """Everything staff configure, validated."""

    network: NetworkConfig
    cohorts: list[Cohort] = field(default_factory=list)
    events: list[EventSeries] = field(default_factory=list)
    mentoring: list[MentoringRound] = field(default_factory=list)
    replies: ReplyLexicon = field(default_factory=ReplyLexicon)
    ideas: IdeasConfig | None = None  # ideas.yaml (issue 13)
    digest: StaffDigest | None = None  # digest.yaml (issue 13)
    source_files: list[Path] = field(default_factory=list)


def load_config(directory: str | Path) -> Config:
    """Load and validate every config file in `directory`; ConfigError on the first problem."""
    directory = Path(directory)
    network_path = directory / "network.yaml"
    if not network_path.is_file():
        raise ConfigError(network_path, None, None, "file not found (network.yaml is required)")
    sources = [network_path]
    network = _load_model(network_path, NetworkConfig, required=True)

    def optional(name: str, model: type[BaseModel]) -> BaseModel:
        path = directory / name
        if not path.is_file():
            return model()
        sources.append(path)
        return _load_model(path, model, required=False)

    cohorts = optional("cohorts.yaml", _CohortsFile)
    events = optional("events.yaml", _EventsFile)
    mentoring = optional("mentoring.yaml", _MentoringFile)
    for part, loaded in (("cohorts", cohorts), ("events", events), ("mentoring", mentoring)):
        keys = [item.key for item in getattr(loaded, part)]
        _check_unique_keys(directory / f"{part}.yaml", part, keys)
    replies = optional("replies.yaml", ReplyLexicon)
    _check_confirmers(directory / "cohorts.yaml", network, cohorts.cohorts)  # type: ignore
    ideas = optional("ideas.yaml", IdeasFile)
    digest = optional("digest.yaml", DigestFile)
    return Config(
        network=network,  # type: ignore[arg-type]
        cohorts=list(cohorts.cohorts),  # type: ignore[attr-defined]
        events=list(events.events),  # type: ignore[attr-defined]
        mentoring=list(mentoring.mentoring),  # type: ignore[attr-defined]
        replies=replies,  # type: ignore[arg-type]
        ideas=ideas.ideas,  # type: ignore[attr-defined]
        digest=digest.digest,  # type: ignore[attr-defined]
        source_files=sources,
    )


def _load_model(path: Path, model: type[BaseModel], *, required: bool) -> BaseModel:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = f"cannot read the file ({err.__class__.__name__})"
        raise ConfigError(path, None, None, reason) from None
    try:
        try:
            root, data = _parse(path, text, _Loader)
        except yaml.YAMLError:
            # Rare, so worth the second pass: PyYAML's own parser words errors more exactly
            # (it names a stray tab, an unknown alias); the line is the same either way.
            root, data = _parse(path, text, _PyLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(p for p in (err.context, err.problem) if p)
        raise ConfigError(path, line, None, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as err:
        raise ConfigError(path, None, None, f"YAML error: {err}") from None
    if data is None:
        if required:
            raise ConfigError(path, None, None, "the file is empty")
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, 1, None, "the file must be a mapping of keys to values")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors(include_input=False, include_url=False)[0]
        line, where = _locate(root, first["loc"], first["type"])
        raise ConfigError(path, line, where or None, plain_message(first)) from None


def _parse(path: Path, text: str, loader_class: type) -> tuple[Node | None, Any]:
    """The document's node tree (for lines) and its data, parsed once."""
    loader = loader_class(text)  # a safe loader: no arbitrary objects
    try:
        root = loader.get_single_node()
        _check_duplicate_keys(path, root)
        return root, loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()


def _check_unique_keys(path: Path, part: str, keys: list[str]) -> None:
    # Two entries with one key would share outbox keys: the second would silently never post.
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            line = locate_in_file(path, (part, index, "key"))
            raise ConfigError(path, line, f"{part}[{index}].key",
                              f"{key!r} is already the key of an earlier entry; keys must differ")
        seen.add(key)


def locate_in_file(path: str | Path, loc: tuple[Any, ...]) -> int | None:
    """The line of `loc` (e.g. ("events", 0, "at")) in a YAML file, for messages about it."""
    try:
        root = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return None
    return _locate(root, loc, "")[0]


def _check_confirmers(path: Path, network: Any, cohorts: tuple[Cohort, ...]) -> None:
    """A cohort's funding confirmer must name an organisation in network.yaml."""
    known = {o.key for o in network.organisations}
    for i, cohort in enumerate(cohorts):
        for j, confirmer in enumerate(cohort.funding.confirmers if cohort.funding else ()):
            if confirmer.organisation not in known:
                root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
                loc = ("cohorts", i, "funding", "confirmers", j, "organisation")
                line, where = _locate(root, loc, "value_error")
                raise ConfigError(path, line, where, f"{confirmer.organisation!r} is not an "
                                  "organisation key in network.yaml")


def _check_duplicate_keys(path: Path, node: Node | None) -> None:
    # PyYAML keeps the last of two equal keys silently; a staff typo must not vanish like that.
    if isinstance(node, MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                if key.value in seen:
                    raise ConfigError(
                        path, key.start_mark.line + 1, key.value, "this key appears twice"
                    )
                seen.add(key.value)
            _check_duplicate_keys(path, value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_duplicate_keys(path, item)


def _locate(root: Node | None, loc: tuple[Any, ...], error_type: str) -> tuple[int | None, str]:
    """Map a pydantic error location to the YAML line of the node it names."""
    node = root
    line = root.start_mark.line + 1 if root is not None else None
    path: list[str] = []
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(part, int):
            path.append(f"[{part}]")
        elif not (isinstance(part, str) and "[" in part):  # skip pydantic's internal tags
            path.append(("." if path else "") + str(part))
        if isinstance(node, MappingNode) and isinstance(part, str):
            match = next((kv for kv in node.value if getattr(kv[0], "value", None) == part), None)
            if match is None:
                continue
            key, value = match
            # An unknown key is reported on the key itself; anything else on its value.
            node = key if last and error_type == "extra_forbidden" else value
            line = (key if node is key else value).start_mark.line + 1
            if isinstance(value, MappingNode | SequenceNode):
                line = key.start_mark.line + 1  # a block's own line is its first child's
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
    return line, "".join(path)
