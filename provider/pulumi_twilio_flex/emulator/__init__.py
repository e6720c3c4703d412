"""A local, stateful emulator of Twilio's Flex API Flex Flows endpoints, for CI and tests.

Split like a moto service: ``models`` (state), ``responses`` and ``params`` (wire format), ``urls``
(routes), ``exceptions`` (Twilio errors), ``auth``, ``app`` (routing, WSGI), plus what is not Twilio's:
``faults`` (injection), ``counters`` and ``control`` (the ``/__emulator`` routes). Two ways in:
``EmulatorServer`` (threaded HTTP/1.1 on port 0) and ``EmulatorTransport`` (in process, for requests).
"""

from .app import FlexApiEmulator
from .faults import FaultSettings
from .models import EmulatorBackend
from .server import EmulatorServer
from .transport import EmulatorTransport

__all__ = ["FlexApiEmulator", "EmulatorServer", "EmulatorTransport", "EmulatorBackend", "FaultSettings"]
