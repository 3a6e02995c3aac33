"""Star rating, 六有, 四个一, demonstration sites, 六个清 survey (issue 10)."""

from __future__ import annotations
