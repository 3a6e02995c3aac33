"""积分管理: the entry grid (`grid_model`, `grid_view`), its undo steps (`commands`), the page
(`page`), the scheme, correction and attendance dialogs, and the 积分超市 tab (`market`)."""
