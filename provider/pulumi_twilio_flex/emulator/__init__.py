"""A local, stateful emulator of Twilio's Flex API Flex Flows endpoints, for CI and tests.

Split like a moto service: ``models`` (state), ``responses`` and ``params`` (wire format), ``urls``
(routes), ``exceptions`` (Twilio errors), ``app`` (auth, routing, WSGI), plus two ways in:
``EmulatorServer`` (threaded HTTP on port 0) and ``EmulatorTransport`` (in process, for requests).
"""

from .app import FlexApiEmulator
from .models import EmulatorBackend
from .server import EmulatorServer
from .transport import EmulatorTransport

__all__ = ["FlexApiEmulator", "EmulatorServer", "EmulatorTransport", "EmulatorBackend"]
