"""PartyDesk (党建台账): the headless core. Never imports Qt."""

__version__ = "0.1.0"
