"""操作日志: the audit log page (`page`) over its paged model (`model`)."""
