"""文件 → 合并乡镇账本…: merging township ledgers and deciding conflicts in the window."""
