import sys

from partydesk import logs
from partydesk.cli import main

logs.install_crash_handlers()
sys.exit(main())
