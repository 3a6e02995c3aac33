"""The PySide6 layer: main window, pages, dialogs, workers. Laid out like the core, one
package per feature (`ui/points/` faces `partydesk/points/` …); the shared table machinery is
`ui/table/`, helpers every page uses are `ui/widgets/`, the navigation pages are listed in
`ui/pages.py`.

It calls the core (`partydesk`); the core never calls it."""
