"""Organization standing: star rating (评星定级), demonstration sites, 四个一,
the 六有 checklist, the 六个清 survey, and the dashboard figures. Headless."""

from partydesk.standing import config  # noqa: F401  (registers settings defaults)
