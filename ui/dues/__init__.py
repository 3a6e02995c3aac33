"""党费收缴: the collection grid (`grid_model`, `grid_view`), its undo steps (`commands`) and
the page (`page`)."""
