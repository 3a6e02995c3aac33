"""Work records (工作纪实): meetings, talks, visits, instructor logs (issue 4)."""

from __future__ import annotations
