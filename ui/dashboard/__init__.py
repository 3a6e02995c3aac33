"""工作台: the figures, charts and reminders of the township (`page`, `charts`)."""
