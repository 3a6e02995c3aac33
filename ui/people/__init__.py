"""党员与发展: the people table (a ui.table.TablePage)."""
