"""A local, stateful emulator of Twilio's Flex Flows (Flex API) and address configurations (Conversations
API) endpoints, for CI and tests; one port serves both, routed by path.

Split like moto: each service under ``services/`` has ``models`` (state, no HTTP), ``params`` and
``responses`` (wire format), ``urls`` (routes), and ``exceptions`` where it has errors of its own. The
shared plumbing: ``messages`` (request, answer, form parsing), ``converters``, ``paging``, ``exceptions``
(Twilio's error bodies), ``auth``, ``state`` (clock, creation order), ``models`` (every service's backend,
the journal), ``urls`` (the route table), ``app`` (routing, WSGI), and what is not Twilio's: ``faults``,
``counters`` and ``control`` (the ``/__emulator`` routes). Two ways in: ``EmulatorServer`` (threaded
HTTP/1.1 on port 0) and ``EmulatorTransport`` (in process, for requests).
"""

from .app import FlexApiEmulator
from .faults import FaultSettings
from .models import EmulatorBackend
from .server import EmulatorServer
from .transport import EmulatorTransport

__all__ = ["FlexApiEmulator", "EmulatorServer", "EmulatorTransport", "EmulatorBackend", "FaultSettings"]
