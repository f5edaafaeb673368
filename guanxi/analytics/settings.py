"""Scoring settings: every default of MODEL.md in one frozen dataclass a workspace can override.

>>> s = ScoringSettings.from_dict({"half_life_days": 90, "role_weights": {"user": 0.2}})
>>> s.half_life_days, s.role_weight("user"), s.role_weight("approver")
(90.0, 0.2, 0.35)
>>> ScoringSettings.from_dict(s.to_dict()) == s
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ROLES: tuple[str, ...] = ("approver", "decision_maker", "evaluator", "user")
INTERACTION_KINDS: tuple[str, ...] = (
    "meal",
    "meeting",
    "visit",
    "event",
    "call",
    "email",
    "message",
)
TIERS: tuple[str, ...] = ("strategic", "key", "standard")

Pairs = tuple[tuple[str, float], ...]
_PAIR_FIELDS = ("interaction_weights", "role_weights", "tier_weights", "strength_labels")


def _pairs(mapping: Mapping[str, float]) -> Pairs:
    return tuple((str(k), float(v)) for k, v in mapping.items())


@dataclass(frozen=True)
class ScoringSettings:
    """Every tunable number of the relationship model; defaults are MODEL.md's."""

    # Levels of a 0-100 score.
    strong_level: float = 70.0
    medium_level: float = 40.0
    # Words a user may type for a strength.
    strength_labels: Pairs = (("strong", 80.0), ("medium", 50.0), ("weak", 20.0))
    # Evidence from interactions.
    interaction_weights: Pairs = (
        ("meal", 4.0),
        ("meeting", 3.0),
        ("visit", 3.0),
        ("event", 2.0),
        ("call", 2.0),
        ("email", 1.0),
        ("message", 1.0),
    )
    half_life_days: float = 180.0
    # A declared relationship with no shared interaction nor confirmation for this long is stale.
    stale_after_days: float = 365.0
    evidence_scale: float = 10.0
    # Implied edges of a reporting line A reports to B: B->A (down) and A->B (up).
    reports_down_strength: float = 60.0
    reports_up_strength: float = 30.0
    # Influence (personalised PageRank).
    damping: float = 0.85
    # Centres and targets.
    power_centre_threshold: float = 0.5
    influence_centre_threshold: float = 0.5
    # v2: an explicit influence tie of this strength to a power centre makes an influence centre
    influence_centre_tie: float = 70.0
    plan_target_threshold: float = 40.0
    key_people_threshold: float = 40.0
    indirect_threshold: float = 40.0
    # Best paths.
    max_path_edges: int = 4
    paths_k: int = 3
    # Company view.
    tier_weights: Pairs = (("strategic", 3.0), ("key", 2.0), ("standard", 1.0))
    at_risk_share: float = 0.5
    # Deal decision chain.
    role_weights: Pairs = (
        ("approver", 0.35),
        ("decision_maker", 0.30),
        ("evaluator", 0.20),
        ("user", 0.15),
    )
    attitude_divisor: float = 2.0
    win_odds_slope: float = 2.0
    covered_contact_levels: tuple[str, ...] = ("regular", "deep")
    competitor_stronger_us_below: float = 40.0
    competitor_stronger_them_at: float = 70.0
    deal_paths_below: float = 40.0
    # v2: what an unknown competitor is assumed to have with a role holder (win_odds_low)
    unknown_competitor_closeness: float = 70.0
    # v2: contact levels at which an approver or decision maker is uncovered
    uncovered_contact_levels: tuple[str, ...] = ("none", "initial")
    # Dict views of the pair fields (filled in __post_init__, not part of equality).
    _maps: dict[str, dict[str, float]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in _PAIR_FIELDS:
            self._maps[name] = dict(getattr(self, name))
        if not 0.0 < self.damping < 1.0:
            raise ValueError("damping must be between 0 and 1")
        if self.max_path_edges < 1:
            raise ValueError("max_path_edges must be at least 1")
        if self.half_life_days <= 0 or self.evidence_scale <= 0:
            raise ValueError("half_life_days and evidence_scale must be positive")

    def level(self, score: float) -> str:
        """Level word of a 0-100 score: strong at >= 70, medium at >= 40, else weak."""
        score = float(score) + 5e-10  # equal to 9 decimals counts as reaching a level
        if score >= self.strong_level:
            return "strong"
        if score >= self.medium_level:
            return "medium"
        return "weak"

    def interaction_weight(self, kind: str) -> float:
        """Evidence weight of one interaction kind (0 for an unknown kind)."""
        return self._maps["interaction_weights"].get(kind, 0.0)

    def role_weight(self, role: str) -> float:
        """Base weight of a deal role before sharing and renormalising (0 if unknown)."""
        return self._maps["role_weights"].get(role, 0.0)

    def tier_weight(self, tier: str | None) -> float:
        """Weight of a customer tier in the capability score; no tier counts as standard."""
        weights = self._maps["tier_weights"]
        return weights.get(tier or "standard", weights.get("standard", 1.0))

    def strength_value(self, value: object) -> float | None:
        """A strength as a number: 0-100, or the words strong/medium/weak; None stays None."""
        if value is None:
            return None
        if isinstance(value, str):
            labels = self._maps["strength_labels"]
            if value in labels:
                return labels[value]
            return float(value)
        return float(value)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict of every setting (mappings as dicts)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name.startswith("_"):
                continue
            value = getattr(self, f.name)
            if f.name in _PAIR_FIELDS:
                value = dict(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ScoringSettings:
        """Defaults overridden by a workspace's partial dict; mappings merge key by key."""
        if not data:
            return cls()
        names = {f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown scoring settings: {', '.join(unknown)}")
        defaults = cls()
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            if name in _PAIR_FIELDS:
                merged = dict(getattr(defaults, name))
                merged.update({str(k): float(v) for k, v in dict(value).items()})
                kwargs[name] = _pairs(merged)
            elif name in {"covered_contact_levels", "uncovered_contact_levels"}:
                kwargs[name] = tuple(str(v) for v in value)
            elif name in {"max_path_edges", "paths_k"}:
                kwargs[name] = int(value)
            else:
                kwargs[name] = float(value)
        return cls(**kwargs)
