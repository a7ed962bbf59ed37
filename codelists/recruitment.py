"""Code lists owned by the recruitment app (SMP-DOMAIN §3.3) and the health-occupation test of R.14.

``Partnership.recruitment_standards``, ``Partnership.health_workforce_safeguards`` and
``PartnershipCountry.ratified_instruments`` are §3.3 lists too; ``partnerships`` imports
``RecruitmentStandard``, ``HealthWorkforceSafeguard`` and ``RatifiedInstrument`` from here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#
# Recruiters (§3.3)
#


class SanctionStatus(models.TextChoices):
    """``Recruiter.sanction_status`` (R.5)."""

    NONE = "none", _("None")
    WARNING = "warning", _("Warning")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    UNKNOWN = "unknown", _("Unknown")


class IrisStatus(models.TextChoices):
    """``Recruiter.iris_status`` (R.6) [product default codes]."""

    CERTIFIED = "certified", _("IRIS certified")
    IN_CERTIFICATION = "in_certification", _("In certification")
    COMMITTED = "committed", _("Committed to IRIS")
    NONE = "none", _("None")
    UNKNOWN = "unknown", _("Unknown")


class PaymentModel(models.TextChoices):
    """``Recruiter.payment_model`` (R.7)."""

    FLAT_FEE = "flat_fee", _("Flat fee")
    PER_PLACEMENT = "per_placement", _("Per placement")
    RESULTS_BASED = "results_based", _("Results-based")
    PUBLIC_NO_FEE = "public_no_fee", _("Public service, no fee")


#
# Recruitment arrangements (§3.3)
#


class RecruitmentChannel(models.TextChoices):
    """``RecruitmentArrangement.channel`` (R.2, R.5)."""

    PUBLIC_EMPLOYMENT_SERVICE = "public_employment_service", _("Public employment service")
    PRIVATE_AGENCY = "private_agency", _("Private agency")
    EMPLOYER_DIRECT = "employer_direct", _("Employer recruits directly")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")


class WorkerFinancing(models.TextChoices):
    """``RecruitmentArrangement.worker_financing`` (R.4)."""

    NOT_NEEDED = "not_needed", _("Nothing to finance")
    GRANT = "grant", _("Grant")
    PUBLIC_INTEREST_FREE_LOAN = "public_interest_free_loan", _("Interest-free public loan")
    REGULATED_BANK_LOAN = "regulated_bank_loan", _("Regulated bank loan")
    EMPLOYER_ADVANCE = "employer_advance", _("Employer advance")
    RECRUITER_LOAN = "recruiter_loan", _("Loan from the recruiter")
    INFORMAL_LENDER = "informal_lender", _("Informal lender")
    UNKNOWN = "unknown", _("Unknown")


#
# Partnership and partner-country lists owned by §3.3 (fields live in partnerships)
#


class RecruitmentStandard(models.TextChoices):
    """``Partnership.recruitment_standards`` (R.1)."""

    ILO_FAIR_RECRUITMENT = "ilo_fair_recruitment", _("ILO fair-recruitment principles")
    IRIS_STANDARD = "iris_standard", _("IRIS Standard")
    WHO_CODE = "who_code", _("WHO Global Code (health personnel)")
    MONTREAL_RECOMMENDATIONS = "montreal_recommendations", _("Montreal Recommendations on Recruitment")
    NATIONAL_CODE = "national_code", _("National code")
    OTHER = "other", _("Other")


class HealthWorkforceSafeguard(models.TextChoices):
    """``Partnership.health_workforce_safeguards`` (R.14)."""

    G2G_AGREEMENT = "g2g_agreement", _("Government-to-government agreement")
    ORIGIN_HEALTH_MINISTRY_AGREED = "origin_health_ministry_agreed", _("Agreed with the origin's health ministry")
    ORIGIN_HEALTH_WORKFORCE_INVESTMENT = (
        "origin_health_workforce_investment",
        _("Investment in the origin's health workforce"),
    )
    CIRCULAR_RETURN_OPTION = "circular_return_option", _("Circular or return option")
    WHO_CODE_ADHERENCE = "who_code_adherence", _("Adherence to the WHO Code")


class RatifiedInstrument(models.TextChoices):
    """``PartnershipCountry.ratified_instruments``: ILO conventions read by R.15."""

    C97 = "C97", _("C97 Migration for Employment")
    C143 = "C143", _("C143 Migrant Workers (Supplementary Provisions)")
    C181 = "C181", _("C181 Private Employment Agencies")
    C189 = "C189", _("C189 Domestic Workers")
    C102 = "C102", _("C102 Social Security (Minimum Standards)")


#
# Health occupations (§3.3, R.14) [outside sources: ISCO-08 structure]
#

#: ISCO-08 groups counted as health occupations, and the groups carved out of them.
HEALTH_OCCUPATION_GROUPS: tuple[str, ...] = ("22", "32", "532")
HEALTH_OCCUPATION_EXCLUSIONS: tuple[str, ...] = ("225", "324")  # veterinarians; veterinary technicians


def is_health_occupation(code: str) -> bool:
    """True when an ISCO-08 code lies in the health set of §3.3.

    The set is sub-major group 22 without minor group 225, sub-major group 32 without minor group 324,
    and minor group 532. Codes are strings; a group coarser than the listed groups (e.g. ``2``) is not
    itself a health occupation.
    """
    code = (code or "").strip()
    if not code.isdigit():
        return False
    if any(code.startswith(excluded) for excluded in HEALTH_OCCUPATION_EXCLUSIONS):
        return False
    return any(code.startswith(group) for group in HEALTH_OCCUPATION_GROUPS)
