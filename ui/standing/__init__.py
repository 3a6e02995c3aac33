"""Widgets of organization standing: the lists behind the dashboard figures,
and the dialogs that edit a rating, the 六有, the 四个一 and a 六个清 survey."""
