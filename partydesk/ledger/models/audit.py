"""Audit log (操作日志) (issue 8)."""

from __future__ import annotations
