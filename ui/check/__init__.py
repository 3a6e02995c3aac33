"""数据检查: the dialog listing what the ledger check found, each finding opening its record
(`dialog`)."""
