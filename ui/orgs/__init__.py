"""党组织: the organizations table (a ui.table.TablePage)."""
