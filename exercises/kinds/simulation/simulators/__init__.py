"""The built-in simulators: server-side replicas of everyday services, generic and fictional (no real
brand, person or site). A simulator knows its scenario's content, the steps a learner may take in it,
the state those steps lead to, and the expectations that can be checked on that state and path."""

from .base import Simulator, StepRefused
from .booking import Booking
from .procedure import Procedure
from .shop import Shop
from .sms import Sms
from .webmail import Webmail

SIMULATORS = {simulator.name: simulator for simulator in (Webmail(), Sms(), Booking(), Shop(), Procedure())}

__all__ = ["SIMULATORS", "Simulator", "StepRefused"]
