"""两新组织: the units table (a ui.table.TablePage)."""
