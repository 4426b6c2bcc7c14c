"""The pattern recognizers (identifiers, numbers, dates, places), in evaluation order.

Each entry is a recognizer class whose constructor takes no argument. Together they
cover every entity type except ``PERSON``, so an engine can run with only these, the
name recognizers and spaCy's NER.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from deid.text.recognizers.account_recognizer import AccountRecognizer
from deid.text.recognizers.age_over_89_recognizer import AgeOver89Recognizer
from deid.text.recognizers.city_recognizer import CityRecognizer
from deid.text.recognizers.date_recognizer import ClinicalDateRecognizer
from deid.text.recognizers.device_recognizer import DeviceRecognizer
from deid.text.recognizers.email_recognizer import EmailAddressRecognizer
from deid.text.recognizers.employer_recognizer import EmployerRecognizer
from deid.text.recognizers.facility_recognizer import FacilityRecognizer
from deid.text.recognizers.fax_recognizer import FaxRecognizer
from deid.text.recognizers.health_plan_recognizer import HealthPlanRecognizer
from deid.text.recognizers.iban_recognizer import IbanAccountRecognizer
from deid.text.recognizers.international_street_recognizer import InternationalStreetRecognizer
from deid.text.recognizers.ip_recognizer import IpAddressRecognizer
from deid.text.recognizers.license_recognizer import LicenseRecognizer
from deid.text.recognizers.mrn_recognizer import MrnRecognizer
from deid.text.recognizers.phone_recognizer import PhoneNumberRecognizer
from deid.text.recognizers.place_cue_recognizer import PlaceCueRecognizer
from deid.text.recognizers.postcode_recognizer import PostcodeRecognizer
from deid.text.recognizers.ssn_recognizer import SsnRecognizer
from deid.text.recognizers.street_address_recognizer import StreetAddressRecognizer
from deid.text.recognizers.url_recognizer import WebAddressRecognizer
from deid.text.recognizers.vehicle_recognizer import VehicleRecognizer
from deid.text.recognizers.zip_recognizer import ZipRecognizer

__all__ = ["PATTERN_RECOGNIZERS"]

PATTERN_RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    EmailAddressRecognizer,
    WebAddressRecognizer,
    IpAddressRecognizer,
    FaxRecognizer,
    PhoneNumberRecognizer,
    SsnRecognizer,
    MrnRecognizer,
    AccountRecognizer,
    IbanAccountRecognizer,
    HealthPlanRecognizer,
    LicenseRecognizer,
    DeviceRecognizer,
    VehicleRecognizer,
    StreetAddressRecognizer,
    InternationalStreetRecognizer,
    CityRecognizer,
    PlaceCueRecognizer,
    FacilityRecognizer,
    EmployerRecognizer,
    ZipRecognizer,
    PostcodeRecognizer,
    AgeOver89Recognizer,
    ClinicalDateRecognizer,
)
