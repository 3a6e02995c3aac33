"""Certificates and 红领党务 qualifications, instructor assessments (issue 6)."""

from __future__ import annotations
